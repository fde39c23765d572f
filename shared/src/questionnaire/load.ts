import type { z } from 'zod';
import { checkDivisions } from './checkDivision';
import { checkConditions, checkIndicatorReferences } from './checkReferences';
import { checkIds, checkScale, checkShapes } from './checkStructure';
import { compileCondition, compileExpression } from './compile';
import { topologicalOrder, type GraphOrder } from './graph';
import { formatPath, QuestionnaireDefinitionError, type DefinitionErrorCode, type DefinitionIssue } from './issues';
import { placeQuestions, type PlacedQuestion } from './placed';
import { maxPointsOf } from './points';
import type { CompiledDimension, CompiledIndicator, CompiledQuestion, Questionnaire, Readings } from './questionnaire';
import { questionnaireDefinitionSchema, questionnaireRef, type Expression, type QuestionnaireDefinition } from './schema';

export { QuestionnaireDefinitionError } from './issues';
export type { DefinitionErrorCode, DefinitionIssue } from './issues';
export type { Questionnaire } from './questionnaire';

/**
 * Parses and checks a definition, then precompiles it for scoring. Throws
 * `QuestionnaireDefinitionError` (with the path of the fault) on: a wrong shape, a duplicate id,
 * a reference to a missing question/option/indicator/dimension, a condition that does not fit its
 * question, a cycle in conditions or indicators, a division by a possibly-zero value without a
 * `whenZero` rule, weights that do not add up to the scale, an unreachable bonus or cap.
 *
 * Load once per definition (e.g. per campaign) and reuse the result: it is immutable.
 */
export function loadQuestionnaire(input: unknown): Questionnaire {
  const parsed = questionnaireDefinitionSchema.safeParse(input);
  if (!parsed.success) throw schemaError(parsed.error);
  const definition = deepFreeze(parsed.data);
  const placed = placeQuestions(definition);

  throwIfAny(checkIds(definition, placed));
  const lookup = new Map(placed.map((p, i) => [p.question.id, i]));
  const conditions = checkConditions(placed, lookup);
  const indicatorRefs = checkIndicatorReferences(definition, placed, lookup);
  throwIfAny([...checkShapes(definition, placed), ...conditions.issues, ...indicatorRefs.issues]);

  const visibilityOrder = orderOrThrow(
    topologicalOrder(placed.length, (i) => conditions.edges[i] ?? []),
    'CONDITION_CYCLE',
    (i) => placed[i]?.question.id,
  );
  const indicatorOrder = orderOrThrow(
    topologicalOrder(definition.indicators.length, (i) => indicatorRefs.edges[i] ?? []),
    'INDICATOR_CYCLE',
    (i) => definition.indicators[i]?.id,
  );
  throwIfAny(checkDivisions(definition, placed, lookup, indicatorOrder));
  throwIfAny(checkScale(definition, placed));

  return compile(definition, placed, lookup, visibilityOrder, indicatorOrder);
}

function schemaError(error: z.ZodError): QuestionnaireDefinitionError {
  const issues = error.issues.map(
    (issue): DefinitionIssue => ({ path: formatPath(issue.path), code: 'SCHEMA', message: issue.message }),
  );
  const [first, ...rest] = issues;
  return new QuestionnaireDefinitionError([first ?? { path: '', code: 'SCHEMA', message: error.message }, ...rest]);
}

function throwIfAny(issues: DefinitionIssue[]): void {
  const [first, ...rest] = issues;
  if (first) throw new QuestionnaireDefinitionError([first, ...rest]);
}

function orderOrThrow(
  result: GraphOrder,
  code: DefinitionErrorCode,
  idOf: (node: number) => string | undefined,
): number[] {
  if (result.ok) return result.order;
  const loop = result.cycle.map(idOf).join(' → ');
  const what = code === 'CONDITION_CYCLE' ? '显示条件' : '指标计算';
  throw new QuestionnaireDefinitionError([{ path: result.path, code, message: `${what}循环引用：${loop}` }]);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function both(a: ((r: Readings) => boolean) | null, b: ((r: Readings) => boolean) | null) {
  if (a && b) return (readings: Readings) => a(readings) && b(readings);
  return a ?? b;
}

function compileQuestions(placed: readonly PlacedQuestion[], lookup: ReadonlyMap<string, number>): CompiledQuestion[] {
  // Sections are shared by their questions: compile each section's condition once.
  const sectionConditions = new Map<string, (r: Readings) => boolean>();
  return placed.map((p, index): CompiledQuestion => {
    const question = p.question;
    let sectionCondition: ((r: Readings) => boolean) | null = null;
    if (p.section?.visibleIf) {
      const cached = sectionConditions.get(p.section.id) ?? compileCondition(p.section.visibleIf, lookup);
      sectionConditions.set(p.section.id, cached);
      sectionCondition = cached;
    }
    const ownCondition = question.visibleIf ? compileCondition(question.visibleIf, lookup) : null;
    const options = 'options' in question ? question.options : [];
    return {
      index,
      question,
      path: p.path,
      dimensionIndex: p.dimensionIndex,
      sectionId: p.section?.id ?? null,
      isVisible: both(sectionCondition, ownCondition),
      maxPoints: maxPointsOf(question),
      optionPoints: new Map(options.map((o) => [o.id, o.points])),
      exclusiveOptions: new Set(options.filter((o) => 'exclusive' in o && o.exclusive).map((o) => o.id)),
    };
  });
}

function directReferences(expression: Expression, questions: string[], indicators: string[]): void {
  if ('question' in expression) questions.push(expression.question);
  else if ('indicator' in expression) indicators.push(expression.indicator);
  else if ('const' in expression) return;
  else if (expression.op === 'sum') expression.terms.forEach((t) => directReferences(t, questions, indicators));
  else {
    directReferences(expression.numerator, questions, indicators);
    directReferences(expression.denominator, questions, indicators);
  }
}

function compileIndicators(
  definition: QuestionnaireDefinition,
  lookup: ReadonlyMap<string, number>,
  order: readonly number[],
): CompiledIndicator[] {
  const dimensionIndex = new Map(definition.dimensions.map((d, i) => [d.id, i]));
  // Evaluation reads earlier results by position in evaluation order, not definition order.
  const position = new Map<string, number>();
  order.forEach((i, pos) => {
    const indicator = definition.indicators[i];
    if (indicator) position.set(indicator.id, pos);
  });
  const compiled: CompiledIndicator[] = [];
  for (const i of order) {
    const indicator = definition.indicators[i];
    if (!indicator) continue;
    const questionIds: string[] = [];
    const indicatorIds: string[] = [];
    directReferences(indicator.expression, questionIds, indicatorIds);
    const inputs = new Set(questionIds.map((id) => lookup.get(id) ?? -1));
    for (const id of indicatorIds) for (const input of compiled[position.get(id) ?? -1]?.inputs ?? []) inputs.add(input);
    compiled.push({
      indicator,
      path: `indicators[${i}]`,
      dimensionIndex: indicator.dimension === undefined ? null : (dimensionIndex.get(indicator.dimension) ?? null),
      maxPoints: indicator.bands ? Math.max(0, ...indicator.bands.map((b) => b.points)) : 0,
      inputs: [...inputs].sort((a, b) => a - b),
      evaluate: compileExpression(indicator.expression, lookup, position),
    });
  }
  return compiled;
}

function compile(
  definition: QuestionnaireDefinition,
  placed: readonly PlacedQuestion[],
  lookup: ReadonlyMap<string, number>,
  visibilityOrder: readonly number[],
  indicatorOrder: readonly number[],
): Questionnaire {
  const questions = compileQuestions(placed, lookup);
  const indicators = compileIndicators(definition, lookup, indicatorOrder);
  const dimensions = definition.dimensions.map(
    (dimension, d): CompiledDimension => ({
      id: dimension.id,
      title: dimension.title,
      weight: dimension.weight,
      questions: questions.filter((q) => q.dimensionIndex === d && q.maxPoints > 0).map((q) => q.index),
      indicators: indicators.flatMap((ind, pos) => (ind.dimensionIndex === d && ind.maxPoints > 0 ? [pos] : [])),
    }),
  );
  const { baseMax, bonusMax } = definition.scale;
  return Object.freeze({
    ref: questionnaireRef(definition),
    definition,
    questions,
    questionIndex: lookup,
    visibilityOrder,
    indicators,
    indicatorIds: new Set(definition.indicators.map((i) => i.id)),
    dimensions,
    bonus: questions.filter((q) => q.dimensionIndex === null).map((q) => q.index),
    baseMax,
    bonusMax,
    max: baseMax + bonusMax,
  });
}
