import fc from 'fast-check';
import type { AnswerValue, Answers } from '../api/answers';
import type { CompiledQuestion, Questionnaire } from '../questionnaire/questionnaire';

/** fast-check generators of answer sets: mostly valid answers, some garbage, some absent. */

function validAnswer(cq: CompiledQuestion): fc.Arbitrary<AnswerValue> {
  const question = cq.question;
  switch (question.type) {
    case 'single':
      return fc.constantFrom(...question.options.map((o) => o.id));
    case 'multiple': {
      const ordinary = question.options.filter((o) => !o.exclusive).map((o) => o.id);
      const exclusive = question.options.filter((o) => o.exclusive).map((o) => [o.id]);
      const choices = fc.subarray(ordinary, { minLength: 1, maxLength: question.maxChoices ?? ordinary.length });
      return exclusive.length > 0 ? fc.oneof(choices, fc.constantFrom(...exclusive)) : choices;
    }
    case 'yesno':
      return fc.boolean();
    case 'numeric': {
      const min = Math.max(question.min ?? -1e6, -1e6);
      const max = Math.min(question.max ?? 1e6, 1e6);
      const edges = (question.bands ?? []).map((b) => b.atLeast).filter((v) => v >= min && v <= max);
      const whole = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      const value = question.format === 'integer' ? whole : whole.map((v) => Math.min(max, v + 0.25));
      return edges.length > 0 ? fc.oneof(value, fc.constantFrom(...edges)) : value;
    }
    case 'text':
    case 'evidence':
      return fc.string({ maxLength: 20 });
  }
}

const garbage = fc.oneof(
  fc.constant<AnswerValue>('not_an_option'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant<AnswerValue>(['nope']),
  fc.constant<AnswerValue>([]),
  fc.constant<AnswerValue>(''),
);

/** One answer for a question: valid 85% of the time, otherwise garbage. */
export function answerFor(cq: CompiledQuestion): fc.Arbitrary<AnswerValue> {
  return fc.oneof({ arbitrary: validAnswer(cq), weight: 17 }, { arbitrary: garbage, weight: 3 });
}

/** Answer sets where each question is answered or absent. */
export function answersFor(q: Questionnaire): fc.Arbitrary<Answers> {
  const model: Record<string, fc.Arbitrary<AnswerValue>> = {};
  for (const cq of q.questions) model[cq.question.id] = answerFor(cq);
  return fc.record(model, { requiredKeys: [] }).map((answers) => ({ ...answers }) as Answers);
}

/** Answer sets that only use valid values (for rules about valid answers). */
export function validAnswersFor(q: Questionnaire): fc.Arbitrary<Answers> {
  const model: Record<string, fc.Arbitrary<AnswerValue>> = {};
  for (const cq of q.questions) model[cq.question.id] = validAnswer(cq);
  return fc.record(model, { requiredKeys: [] }).map((answers) => ({ ...answers }) as Answers);
}
