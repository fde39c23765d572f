import type { Edge } from './graph';
import type { DefinitionIssue } from './issues';
import type { PlacedQuestion } from './placed';
import type { Condition, Expression, QuestionnaireDefinition } from './schema';

/**
 * Every id a condition or an indicator names must exist and fit its use. Collects the dependency
 * edges on the way, for the cycle checks.
 */

type QuestionLookup = ReadonlyMap<string, number>;

const typeLabels = { single: '单选', multiple: '多选', yesno: '是非', numeric: '数值', text: '文本', evidence: '佐证' } as const;

function conditionIssue(
  condition: Extract<Condition, { question: string }>,
  target: PlacedQuestion,
  path: string,
): DefinitionIssue | null {
  const question = target.question;
  const wrongType = (what: string): DefinitionIssue => ({
    path,
    code: 'CONDITION_TYPE',
    message: `条件「${what}」不适用于${typeLabels[question.type]}题「${question.id}」`,
  });
  if ('equals' in condition) {
    const value = condition.equals;
    if (question.type === 'single') {
      if (typeof value !== 'string') return wrongType('equals');
      if (!question.options.some((o) => o.id === value)) {
        return { path: `${path}.equals`, code: 'MISSING_REFERENCE', message: `题目「${question.id}」没有选项「${value}」` };
      }
      return null;
    }
    if (question.type === 'yesno' && typeof value === 'boolean') return null;
    if (question.type === 'numeric' && typeof value === 'number') return null;
    return wrongType('equals');
  }
  if ('includes' in condition) {
    if (question.type !== 'multiple') return wrongType('includes');
    if (!question.options.some((o) => o.id === condition.includes)) {
      return {
        path: `${path}.includes`,
        code: 'MISSING_REFERENCE',
        message: `题目「${question.id}」没有选项「${condition.includes}」`,
      };
    }
    return null;
  }
  if ('compare' in condition && question.type !== 'numeric') return wrongType('compare');
  return null;
}

function walkCondition(
  condition: Condition,
  path: string,
  placed: readonly PlacedQuestion[],
  lookup: QuestionLookup,
  issues: DefinitionIssue[],
  edges: Edge[],
): void {
  if ('all' in condition) {
    condition.all.forEach((part, i) => walkCondition(part, `${path}.all[${i}]`, placed, lookup, issues, edges));
    return;
  }
  if ('any' in condition) {
    condition.any.forEach((part, i) => walkCondition(part, `${path}.any[${i}]`, placed, lookup, issues, edges));
    return;
  }
  if ('not' in condition) {
    walkCondition(condition.not, `${path}.not`, placed, lookup, issues, edges);
    return;
  }
  const target = lookup.get(condition.question);
  const targetPlaced = target === undefined ? undefined : placed[target];
  if (target === undefined || !targetPlaced) {
    issues.push({ path: `${path}.question`, code: 'MISSING_REFERENCE', message: `题目「${condition.question}」不存在` });
    return;
  }
  const issue = conditionIssue(condition, targetPlaced, path);
  if (issue) issues.push(issue);
  edges.push({ to: target, path: `${path}.question` });
}

/** Checks every visibleIf; returns, per question, the questions its visibility depends on. */
export function checkConditions(
  placed: readonly PlacedQuestion[],
  lookup: QuestionLookup,
): { issues: DefinitionIssue[]; edges: Edge[][] } {
  const issues: DefinitionIssue[] = [];
  const checkedSections = new Set<string>();
  const edges = placed.map((p) => {
    const own: Edge[] = [];
    const sectionCondition = p.section?.visibleIf;
    if (p.section && sectionCondition) {
      // Report a section's faults once, but give every question of the section its edges.
      const sink = checkedSections.has(p.section.path) ? [] : issues;
      checkedSections.add(p.section.path);
      walkCondition(sectionCondition, `${p.section.path}.visibleIf`, placed, lookup, sink, own);
    }
    if (p.question.visibleIf) walkCondition(p.question.visibleIf, `${p.path}.visibleIf`, placed, lookup, issues, own);
    return own;
  });
  return { issues, edges };
}

function walkExpression(
  expression: Expression,
  path: string,
  context: {
    placed: readonly PlacedQuestion[];
    questions: QuestionLookup;
    indicators: QuestionLookup;
    issues: DefinitionIssue[];
    edges: Edge[];
  },
): void {
  if ('question' in expression) {
    const target = context.questions.get(expression.question);
    const question = target === undefined ? undefined : context.placed[target]?.question;
    if (!question) {
      context.issues.push({ path: `${path}.question`, code: 'MISSING_REFERENCE', message: `题目「${expression.question}」不存在` });
    } else if (question.type !== 'numeric') {
      context.issues.push({ path: `${path}.question`, code: 'NOT_NUMERIC', message: `题目「${question.id}」不是数值题` });
    }
    return;
  }
  if ('indicator' in expression) {
    const target = context.indicators.get(expression.indicator);
    if (target === undefined) {
      context.issues.push({ path: `${path}.indicator`, code: 'MISSING_REFERENCE', message: `指标「${expression.indicator}」不存在` });
    } else {
      context.edges.push({ to: target, path: `${path}.indicator` });
    }
    return;
  }
  if ('const' in expression) return;
  if (expression.op === 'sum') {
    expression.terms.forEach((term, i) => walkExpression(term, `${path}.terms[${i}]`, context));
    return;
  }
  walkExpression(expression.numerator, `${path}.numerator`, context);
  walkExpression(expression.denominator, `${path}.denominator`, context);
}

/** Checks every indicator's references; returns, per indicator, the indicators it reads. */
export function checkIndicatorReferences(
  definition: QuestionnaireDefinition,
  placed: readonly PlacedQuestion[],
  questions: QuestionLookup,
): { issues: DefinitionIssue[]; edges: Edge[][] } {
  const issues: DefinitionIssue[] = [];
  const indicators = new Map(definition.indicators.map((indicator, i) => [indicator.id, i]));
  const edges = definition.indicators.map((indicator, i) => {
    const own: Edge[] = [];
    walkExpression(indicator.expression, `indicators[${i}].expression`, { placed, questions, indicators, issues, edges: own });
    return own;
  });
  return { issues, edges };
}
