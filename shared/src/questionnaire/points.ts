import type { AnswerValue } from '../api/answers';
import type { Band, BonusQuestion, MultipleQuestion, Question } from './schema';

/** The points of the last band whose threshold the value reaches; 0 below the first band. */
export function bandPoints(bands: readonly Band[], value: number): number {
  let earned = 0;
  for (const band of bands) {
    if (value < band.atLeast) break;
    earned = band.points;
  }
  return earned;
}

function bandsMax(bands: readonly Band[] | undefined): number {
  return bands ? Math.max(0, ...bands.map((band) => band.points)) : 0;
}

/**
 * The best a multiple choice can give: the highest-scoring allowed combination (at most
 * `maxChoices` ordinary options, or one exclusive option alone), then the cap.
 */
function multipleMax(question: MultipleQuestion): number {
  const ordinary = question.options
    .filter((option) => !option.exclusive)
    .map((option) => option.points)
    .sort((a, b) => b - a)
    .slice(0, question.maxChoices ?? question.options.length);
  const exclusive = question.options.filter((option) => option.exclusive).map((option) => option.points);
  const best = Math.max(
    ordinary.reduce((sum, p) => sum + p, 0),
    ...exclusive,
  );
  return Math.min(best, question.cap ?? Infinity);
}

/** The most raw points an answer to this question can earn (0: the question is unscored). */
export function maxPointsOf(question: Question | BonusQuestion): number {
  switch (question.type) {
    case 'single':
      return Math.max(...question.options.map((option) => option.points));
    case 'multiple':
      return multipleMax(question);
    case 'yesno':
      return Math.max(question.points.yes, question.points.no);
    case 'numeric':
      return bandsMax(question.bands);
    case 'text':
    case 'evidence':
      return 0;
  }
}

/** The raw points a *valid* answer earns (see `readAnswer`); undefined (unanswered) earns 0. */
export function pointsOf(
  question: Question | BonusQuestion,
  optionPoints: ReadonlyMap<string, number>,
  value: AnswerValue | undefined,
): number {
  if (value === undefined) return 0;
  switch (question.type) {
    case 'single':
      return optionPoints.get(value as string) ?? 0;
    case 'multiple': {
      let sum = 0;
      for (const option of value as string[]) sum += optionPoints.get(option) ?? 0;
      return Math.min(sum, question.cap ?? Infinity);
    }
    case 'yesno':
      return value === true ? question.points.yes : question.points.no;
    case 'numeric':
      return question.bands ? bandPoints(question.bands, value as number) : 0;
    case 'text':
    case 'evidence':
      return 0;
  }
}
