import fc from 'fast-check';
import type { AnswerValue, Answers } from '../api/answers';
import { defaultQuestionnaire } from '../questionnaire/default';
import { loadQuestionnaire } from '../questionnaire/load';
import type { Questionnaire } from '../questionnaire/questionnaire';
import type { QuestionnaireDefinition } from '../questionnaire/schema';
import { answerFor, answersFor, validAnswersFor } from '../testing/arbitraries';
import { chainedDefinition, tinyDefinition } from '../testing/definitions';
import { readAnswer } from './answer';
import { score } from './score';
import { validateAnswers } from './validate';
import { answerState } from './questionVisibility';

const cases: Array<[string, QuestionnaireDefinition]> = [
  ['the default questionnaire', defaultQuestionnaire],
  ['the tiny fixture', tinyDefinition()],
  ['a fixture whose conditions read a conditional question', chainedDefinition()],
];

const hasTwoDecimalsAtMost = (value: number) => Math.abs(Math.round(value * 100) / 100 - value) < 1e-9;

function mutableCopy(definition: QuestionnaireDefinition): QuestionnaireDefinition {
  return JSON.parse(JSON.stringify(definition)) as QuestionnaireDefinition;
}

/** The same question in a mutable copy of the definition, found by id. */
function findQuestion(definition: QuestionnaireDefinition, id: string) {
  const all = [...definition.dimensions.flatMap((d) => d.sections.flatMap((s) => s.questions)), ...definition.bonus];
  const found = all.find((question) => question.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

describe.each(cases)('score properties: %s', (_name, definition) => {
  const q: Questionnaire = loadQuestionnaire(definition);

  it('keeps every total, part and dimension within its bounds, in hundredths', () => {
    fc.assert(
      fc.property(answersFor(q), (answers) => {
        const result = score(q, answers);
        expect(result.total).toBeGreaterThanOrEqual(0);
        expect(result.total).toBeLessThanOrEqual(result.max);
        expect(result.base).toBeLessThanOrEqual(result.baseMax);
        expect(result.bonus).toBeGreaterThanOrEqual(0);
        expect(result.bonus).toBeLessThanOrEqual(result.bonusMax);
        for (const d of result.dimensions) {
          expect(d.score).toBeGreaterThanOrEqual(0);
          expect(d.score).toBeLessThanOrEqual(d.max);
        }
        for (const value of [result.total, result.base, result.bonus, ...result.dimensions.map((d) => d.score)]) {
          expect(hasTwoDecimalsAtMost(value)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output for the same input, whatever the key order or load', () => {
    const reloaded = loadQuestionnaire(definition);
    fc.assert(
      fc.property(answersFor(q), (answers) => {
        const reversed = Object.fromEntries(Object.entries(answers).reverse()) as Answers;
        const first = score(q, answers);
        expect(score(q, answers)).toEqual(first);
        expect(score(reloaded, reversed)).toEqual(first);
        expect(validateAnswers(reloaded, reversed, 'submit')).toEqual(validateAnswers(q, answers, 'submit'));
      }),
      { numRuns: 200 },
    );
  });

  it('never changes a score or a validation when a hidden question is answered, changed or cleared', () => {
    type HiddenChange = { answers: Answers; id: string | null; value: AnswerValue | undefined };
    const hiddenChange = answersFor(q).chain((answers): fc.Arbitrary<HiddenChange> => {
      const { visible } = answerState(q, answers);
      const hidden = q.questions.filter((cq) => !visible[cq.index]);
      if (hidden.length === 0) return fc.constant({ answers, id: null, value: undefined });
      return fc
        .constantFrom(...hidden)
        .chain((cq) => fc.option(answerFor(cq), { nil: undefined }).map((value) => ({ answers, id: cq.question.id, value })));
    });
    fc.assert(
      fc.property(hiddenChange, ({ answers, id, value }) => {
        fc.pre(id !== null);
        const changed: Answers = { ...answers };
        if (value === undefined) delete changed[id];
        else changed[id] = value;
        expect(score(q, changed)).toEqual(score(q, answers));
        expect(validateAnswers(q, changed, 'submit')).toEqual(validateAnswers(q, answers, 'submit'));
      }),
      { numRuns: 300 },
    );
  });

  it("never lowers a score when the points of an answer's chosen option (or band, or yes/no) rise", () => {
    const raise = fc.record({ answers: validAnswersFor(q), pick: fc.nat(), delta: fc.integer({ min: 1, max: 10 }) });
    fc.assert(
      fc.property(raise, ({ answers, pick, delta }) => {
        const { visible, readings } = answerState(q, answers);
        const answered = q.questions.filter((cq) => visible[cq.index] && readings[cq.index] !== undefined && cq.maxPoints > 0);
        fc.pre(answered.length > 0);
        const cq = answered[pick % answered.length]!;
        const value = readAnswer(cq, answers[cq.question.id]);
        const copy = mutableCopy(definition);
        const target = findQuestion(copy, cq.question.id);
        if (target.type === 'single') {
          target.options.find((o) => o.id === value)!.points += delta;
        } else if (target.type === 'multiple') {
          const chosen = value as string[];
          target.options.find((o) => o.id === chosen[pick % chosen.length])!.points += delta;
        } else if (target.type === 'yesno') {
          target.points[value === true ? 'yes' : 'no'] += delta;
        } else if (target.type === 'numeric' && target.bands) {
          const band = [...target.bands].reverse().find((b) => (value as number) >= b.atLeast);
          fc.pre(band !== undefined);
          band!.points += delta;
        }
        const raised = loadQuestionnaire(copy);
        expect(score(raised, answers).total).toBeGreaterThanOrEqual(score(q, answers).total);
      }),
      { numRuns: 150 },
    );
  });

  it('never lowers a score when a question no condition reads is answered with a better option', () => {
    const read = new Set(JSON.stringify(definition).match(/"question":"[a-z0-9_]+"/g)?.map((m) => m.slice(12, -1)));
    const upgradeable = q.questions.filter((cq) => cq.question.type === 'single' && !read.has(cq.question.id));
    const upgrade = fc.record({ answers: validAnswersFor(q), pick: fc.nat(), better: fc.nat() });
    fc.assert(
      fc.property(upgrade, ({ answers, pick, better }) => {
        const cq = upgradeable[pick % upgradeable.length]!;
        const question = cq.question;
        if (question.type !== 'single') return;
        const current = cq.optionPoints.get(answers[question.id] as string) ?? -1;
        const choices = question.options.filter((o) => o.points >= current);
        const next = choices[better % choices.length]!;
        expect(score(q, { ...answers, [question.id]: next.id }).total).toBeGreaterThanOrEqual(score(q, answers).total);
      }),
      { numRuns: 200 },
    );
  });
});
