import type { AnswerValue, Answers } from '../api/answers';
import type { CompiledQuestion, Questionnaire } from './questionnaire';
import type { Band } from './schema';

/**
 * A complete, valid answer set for any questionnaire, for demos, seeds, benchmarks and tests.
 * `strength` in [0, 1] picks how well the enterprise does: 1 chooses the best-scoring answer of
 * every question (yes to every yes/no, so conditional blocks open), 0 the worst, values between
 * pick proportionally. Every question gets an answer, hidden or not.
 */
export function sampleAnswers(q: Questionnaire, strength = 1): Answers {
  if (!(strength >= 0 && strength <= 1)) throw new RangeError('strength must be in [0, 1]');
  const answers: Answers = {};
  for (const cq of q.questions) answers[cq.question.id] = sampleAnswer(cq, strength);
  return answers;
}

function pick<T>(items: readonly T[], strength: number): T {
  const item = items[Math.round(strength * (items.length - 1))];
  if (item === undefined) throw new RangeError('nothing to pick from');
  return item;
}

function byPoints<T extends { points: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.points - b.points);
}

function bandValue(bands: readonly Band[], strength: number, min: number | undefined): number {
  // Below the first band scores 0: offer that too when the first band scores something.
  const choices = [...bands];
  const first = bands[0];
  if (first && first.points > 0 && (min === undefined || first.atLeast > min)) {
    choices.unshift({ atLeast: min ?? first.atLeast - 1, points: 0 });
  }
  return pick(byPoints(choices), strength).atLeast;
}

function sampleAnswer(cq: CompiledQuestion, strength: number): AnswerValue {
  const question = cq.question;
  switch (question.type) {
    case 'single':
      return pick(byPoints(question.options), strength).id;
    case 'multiple': {
      const ordinary = byPoints(question.options.filter((o) => !o.exclusive)).reverse();
      const exclusive = question.options.find((o) => o.exclusive);
      const limit = Math.min(ordinary.length, question.maxChoices ?? ordinary.length);
      const count = Math.round(strength * limit);
      if (count === 0) return exclusive ? [exclusive.id] : ordinary.slice(-1).map((o) => o.id);
      return ordinary.slice(0, count).map((o) => o.id);
    }
    case 'yesno': {
      const better = question.points.yes >= question.points.no;
      return strength >= 0.5 ? better : !better;
    }
    case 'numeric': {
      const raw = question.bands
        ? bandValue(question.bands, strength, question.min)
        : Math.round(strength * 1000);
      return Math.min(Math.max(raw, question.min ?? -Infinity), question.max ?? Infinity);
    }
    case 'text':
    case 'evidence':
      return '示例：按实际情况填写。'.slice(0, question.maxLength);
  }
}
