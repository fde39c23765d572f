import type { Answers } from '../api/answers';
import { bandPoints, pointsOf } from '../questionnaire/points';
import type { IndicatorResult, Questionnaire } from '../questionnaire/questionnaire';
import { roundHalfUp } from './round';
import { answerState } from './questionVisibility';

export interface DimensionScore {
  id: string;
  title: string;
  score: number;
  /** The dimension's weight: what it is worth out of `baseMax`. */
  max: number;
}

/** A question's own raw points (as declared in the definition), not rescaled. */
export interface QuestionScore {
  points: number;
  max: number;
  visible: boolean;
}

export interface IndicatorScore {
  /** The computed value, unrounded; null when an input is unanswered or hidden, or it does not apply. */
  value: number | null;
  points: number;
  max: number;
  /** Every question it reads is shown. */
  visible: boolean;
  /** Whether it counts towards its dimension: visible, and not excluded by a zero rule. */
  counted: boolean;
}

export interface ScoreResult {
  ref: string;
  /** base + bonus */
  total: number;
  base: number;
  bonus: number;
  /** baseMax + bonusMax: the highest total possible. */
  max: number;
  baseMax: number;
  bonusMax: number;
  dimensions: DimensionScore[];
  questions: Record<string, QuestionScore>;
  indicators: Record<string, IndicatorScore>;
}

/**
 * Scores an answer set. Pure and deterministic: the same questionnaire and answers always give
 * the same numbers, on the server and in the mini-program's preview.
 *
 * The rules (also in shared/README.md):
 * - A question earns raw points (option points, numeric bands, capped multiple choice); an
 *   unanswered or invalid answer earns 0 but still counts in the maximum.
 * - Each dimension is rescaled over what is visible: score = weight × earned ÷ (sum of the
 *   maxima of its visible scorable questions and counted indicators). A hidden question (or an
 *   indicator excluded by its zero rule) is out of both sums, so it neither adds nor subtracts.
 * - base = sum of dimension scores (at most baseMax); bonus = bonus items' raw points, capped at
 *   bonusMax; total = base + bonus.
 * - Rounding: half up to 2 decimals, once, on each reported figure from its exact value. The
 *   rounded dimension scores may therefore differ from the rounded base by a few hundredths.
 */
export function score(q: Questionnaire, answers: Answers): ScoreResult {
  const { visible, readings } = answerState(q, answers);

  const questionPoints = new Array<number>(q.questions.length);
  const questions: Record<string, QuestionScore> = {};
  for (const cq of q.questions) {
    const shown = visible[cq.index] ?? false;
    const points = shown ? pointsOf(cq.question, cq.optionPoints, readings[cq.index]) : 0;
    questionPoints[cq.index] = points;
    questions[cq.question.id] = { points: roundHalfUp(points), max: cq.maxPoints, visible: shown };
  }

  const results: IndicatorResult[] = [];
  const indicatorPoints: number[] = [];
  const indicatorCounted: boolean[] = [];
  const indicators: Record<string, IndicatorScore> = {};
  for (const ci of q.indicators) {
    const shown = ci.inputs.every((input) => visible[input]);
    const result: IndicatorResult = shown ? ci.evaluate(readings, results) : 'excluded';
    const bands = ci.indicator.bands;
    const points = typeof result === 'number' && bands ? bandPoints(bands, result) : 0;
    const counted = shown && result !== 'excluded';
    results.push(result);
    indicatorPoints.push(points);
    indicatorCounted.push(counted);
    indicators[ci.indicator.id] = {
      value: typeof result === 'number' ? result : null,
      points: roundHalfUp(points),
      max: ci.maxPoints,
      visible: shown,
      counted,
    };
  }

  let base = 0;
  const dimensions = q.dimensions.map((dimension): DimensionScore => {
    let earned = 0;
    let possible = 0;
    for (const i of dimension.questions) {
      if (!visible[i]) continue;
      earned += questionPoints[i] ?? 0;
      possible += q.questions[i]?.maxPoints ?? 0;
    }
    for (const pos of dimension.indicators) {
      if (!indicatorCounted[pos]) continue;
      earned += indicatorPoints[pos] ?? 0;
      possible += q.indicators[pos]?.maxPoints ?? 0;
    }
    // The loader guarantees an always-shown scorable question, so `possible` is above zero.
    const exact = possible > 0 ? dimension.weight * (earned / possible) : 0;
    base += exact;
    return { id: dimension.id, title: dimension.title, score: roundHalfUp(exact), max: dimension.weight };
  });

  let bonusRaw = 0;
  for (const i of q.bonus) if (visible[i]) bonusRaw += questionPoints[i] ?? 0;
  const bonus = Math.min(bonusRaw, q.bonusMax);

  return {
    ref: q.ref,
    total: roundHalfUp(base + bonus),
    base: roundHalfUp(base),
    bonus: roundHalfUp(bonus),
    max: q.max,
    baseMax: q.baseMax,
    bonusMax: q.bonusMax,
    dimensions,
    questions,
    indicators,
  };
}
