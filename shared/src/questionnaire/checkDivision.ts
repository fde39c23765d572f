import { add, containsZero, divide, point, scale, UNBOUNDED, type Interval } from './interval';
import type { DefinitionIssue } from './issues';
import type { PlacedQuestion } from './placed';
import type { Expression, QuestionnaireDefinition } from './schema';

/**
 * Every ratio whose denominator may be zero must say what happens then (`whenZero`). "May be zero"
 * comes from the declared ranges: a numeric question ranges over [min, max] (unbounded where not
 * declared), so `ratio(rd_expense, revenue)` with revenue min 0 needs a rule, with min 1 it does not.
 */
export function checkDivisions(
  definition: QuestionnaireDefinition,
  placed: readonly PlacedQuestion[],
  questions: ReadonlyMap<string, number>,
  indicatorOrder: readonly number[],
): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const indicatorRanges = new Map<string, Interval>();

  const rangeOf = (expression: Expression, path: string): Interval => {
    if ('question' in expression) {
      const index = questions.get(expression.question);
      const question = index === undefined ? undefined : placed[index]?.question;
      if (question?.type !== 'numeric') return UNBOUNDED;
      return { lo: question.min ?? -Infinity, hi: question.max ?? Infinity };
    }
    if ('indicator' in expression) return indicatorRanges.get(expression.indicator) ?? UNBOUNDED;
    if ('const' in expression) return point(expression.const);
    if (expression.op === 'sum') {
      return expression.terms
        .map((term, i) => rangeOf(term, `${path}.terms[${i}]`))
        .reduce((total, range) => add(total, range));
    }
    const numerator = rangeOf(expression.numerator, `${path}.numerator`);
    const denominator = rangeOf(expression.denominator, `${path}.denominator`);
    const factor = expression.scale ?? 1;
    if (!containsZero(denominator)) return scale(divide(numerator, denominator), factor);
    if (expression.whenZero === undefined) {
      issues.push({
        path: `${path}.denominator`,
        code: 'UNGUARDED_DIVISION',
        message: '分母可能为 0，须用 whenZero 说明此时如何计（取固定值或不计入）',
      });
    }
    // Near zero the quotient is unbounded (the zero rule's value lies inside that anyway).
    return UNBOUNDED;
  };

  for (const i of indicatorOrder) {
    const indicator = definition.indicators[i];
    if (!indicator) continue;
    indicatorRanges.set(indicator.id, rangeOf(indicator.expression, `indicators[${i}].expression`));
  }
  return issues;
}
