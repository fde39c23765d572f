import type { Condition, Expression } from './schema';
import type { IndicatorResult, Readings } from './questionnaire';

/**
 * Turns checked conditions and expressions into small closures over question indices, once at
 * load, so evaluation never searches by id. Plain tree walks: no `eval`, no `Function`.
 * References are resolved by the loader's checks before compiling; a missing one here is a bug.
 */

type Lookup = ReadonlyMap<string, number>;

function indexOf(lookup: Lookup, id: string): number {
  const index = lookup.get(id);
  if (index === undefined) throw new Error(`unresolved reference ${id}`);
  return index;
}

const comparisons = {
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
} as const;

export function compileCondition(condition: Condition, questions: Lookup): (readings: Readings) => boolean {
  if ('all' in condition) {
    const parts = condition.all.map((part) => compileCondition(part, questions));
    return (readings) => parts.every((part) => part(readings));
  }
  if ('any' in condition) {
    const parts = condition.any.map((part) => compileCondition(part, questions));
    return (readings) => parts.some((part) => part(readings));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, questions);
    return (readings) => !inner(readings);
  }
  const at = indexOf(questions, condition.question);
  if ('equals' in condition) {
    const expected = condition.equals;
    return (readings) => readings[at] === expected;
  }
  if ('includes' in condition) {
    const option = condition.includes;
    return (readings) => {
      const value = readings[at];
      return Array.isArray(value) && value.includes(option);
    };
  }
  if ('compare' in condition) {
    const compare = comparisons[condition.compare];
    const bound = condition.value;
    return (readings) => {
      const value = readings[at];
      return typeof value === 'number' && compare(value, bound);
    };
  }
  const wanted = condition.answered;
  return (readings) => (readings[at] !== undefined) === wanted;
}

export type Evaluator = (readings: Readings, earlier: readonly IndicatorResult[]) => IndicatorResult;

function compileRatio(ratio: Extract<Expression, { op: 'ratio' }>, questions: Lookup, indicators: Lookup): Evaluator {
  const numerator = compileExpression(ratio.numerator, questions, indicators);
  const denominator = compileExpression(ratio.denominator, questions, indicators);
  const factor = ratio.scale ?? 1;
  const whenZero = ratio.whenZero;
  return (readings, earlier) => {
    const n = numerator(readings, earlier);
    const d = denominator(readings, earlier);
    if (n === 'excluded' || d === 'excluded') return 'excluded';
    if (d === 0) {
      // The loader requires a zero rule wherever the denominator's range includes 0.
      if (whenZero === undefined) return 'missing';
      return whenZero === 'exclude' ? 'excluded' : whenZero.value;
    }
    if (n === 'missing' || d === 'missing') return 'missing';
    return (n / d) * factor;
  };
}

export function compileExpression(expression: Expression, questions: Lookup, indicators: Lookup): Evaluator {
  if ('question' in expression) {
    const at = indexOf(questions, expression.question);
    return (readings) => {
      const value = readings[at];
      return typeof value === 'number' ? value : 'missing';
    };
  }
  if ('indicator' in expression) {
    const at = indexOf(indicators, expression.indicator);
    return (_readings, earlier) => earlier[at] ?? 'missing';
  }
  if ('const' in expression) {
    const value = expression.const;
    return () => value;
  }
  if (expression.op === 'sum') {
    const terms = expression.terms.map((term) => compileExpression(term, questions, indicators));
    return (readings, earlier) => {
      let total = 0;
      let missing = false;
      for (const term of terms) {
        const value = term(readings, earlier);
        if (value === 'excluded') return 'excluded';
        if (value === 'missing') missing = true;
        else total += value;
      }
      return missing ? 'missing' : total;
    };
  }
  return compileRatio(expression, questions, indicators);
}
