import type { BonusQuestion, Condition, Question, QuestionnaireDefinition } from '@assess/shared';

/** Any question a workbook row can hold: a dimension's question or a bonus item. */
export type AnyQuestion = Question | BonusQuestion;

/** Separators a user may put between the options of a multiple choice. */
export const MULTIPLE_SEPARATORS_HINT = '“；”或“、”';

/** Every question of a definition by id, dimensions first, then bonus items. */
export function questionsById(definition: QuestionnaireDefinition): Map<string, AnyQuestion> {
  const byId = new Map<string, AnyQuestion>();
  for (const dimension of definition.dimensions) for (const section of dimension.sections) for (const question of section.questions) byId.set(question.id, question);
  for (const question of definition.bonus) byId.set(question.id, question);
  return byId;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('zh-CN') : String(value);
}

/** What the 可选项/范围 cell says: the options one per line, a numeric range, a length limit. */
export function allowedText(question: AnyQuestion): string {
  switch (question.type) {
    case 'single':
      return question.options.map((option) => option.label).join('\n');
    case 'multiple': {
      const lines = question.options.map((option) => option.label);
      const notes = [`可多选${question.maxChoices ? `，最多 ${question.maxChoices} 项` : ''}，多项之间用${MULTIPLE_SEPARATORS_HINT}分隔`];
      const exclusive = question.options.filter((option) => option.exclusive).map((option) => `“${option.label}”`);
      if (exclusive.length > 0) notes.push(`${exclusive.join('、')}只能单独选择`);
      return [...lines, `（${notes.join('；')}）`].join('\n');
    }
    case 'yesno':
      return '是 / 否';
    case 'numeric': {
      const kind = question.format === 'integer' ? '整数' : `数字（最多 ${question.decimals ?? 2} 位小数）`;
      const { min, max } = question;
      const range =
        min !== undefined && max !== undefined
          ? `${formatNumber(min)} ~ ${formatNumber(max)}`
          : min !== undefined
            ? `不小于 ${formatNumber(min)}`
            : max !== undefined
              ? `不大于 ${formatNumber(max)}`
              : '';
      return range ? `${kind}，${range}` : kind;
    }
    case 'text':
    case 'evidence':
      return question.maxLength ? `文字，最多 ${question.maxLength} 字` : '文字';
  }
}

function shortTitle(title: string): string {
  return title.length > 24 ? `${title.slice(0, 23)}…` : title;
}

function valueText(question: AnyQuestion | undefined, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (question && 'options' in question) {
    const option = question.options.find((candidate) => candidate.id === value);
    if (option) return option.label;
  }
  const unit = question?.type === 'numeric' ? question.unit : '';
  return `${value}${unit}`;
}

const COMPARISONS = { gt: '大于', gte: '不小于', lt: '小于', lte: '不大于' } as const;
const NEGATED = { gt: '不大于', gte: '小于', lt: '不小于', lte: '大于' } as const;

function subjectOf(id: string, byId: ReadonlyMap<string, AnyQuestion>): string {
  return `“${shortTitle(byId.get(id)?.title ?? id)}”（${id}）`;
}

/** `not` read naturally where it can be: 未选择 / 不为 / 小于 …; otherwise 并非（…）. */
function describeNegation(inner: Condition, byId: ReadonlyMap<string, AnyQuestion>): string {
  if ('question' in inner) {
    const question = byId.get(inner.question);
    const subject = subjectOf(inner.question, byId);
    if ('equals' in inner) return `${subject}不为“${valueText(question, inner.equals)}”`;
    if ('includes' in inner) return `${subject}未选择“${valueText(question, inner.includes)}”`;
    if ('compare' in inner) return `${subject}${NEGATED[inner.compare]} ${valueText(question, inner.value)}`;
    return inner.answered ? `${subject}未填写` : `${subject}已填写`;
  }
  if ('not' in inner) return describeCondition(inner.not, byId);
  return `并非（${describeCondition(inner, byId)}）`;
}

/**
 * A condition in plain Chinese, e.g. `“是否有海外业务”（q_overseas）为“是”`, so a user working
 * offline knows when a conditional question applies.
 */
export function describeCondition(condition: Condition, byId: ReadonlyMap<string, AnyQuestion>): string {
  if ('all' in condition) return condition.all.map((part) => describeCondition(part, byId)).join('，且');
  if ('any' in condition) return condition.any.map((part) => describeCondition(part, byId)).join('，或');
  if ('not' in condition) return describeNegation(condition.not, byId);
  const question = byId.get(condition.question);
  const subject = subjectOf(condition.question, byId);
  if ('equals' in condition) return `${subject}为“${valueText(question, condition.equals)}”`;
  if ('includes' in condition) return `${subject}选择了“${valueText(question, condition.includes)}”`;
  if ('compare' in condition) return `${subject}${COMPARISONS[condition.compare]} ${valueText(question, condition.value)}`;
  return condition.answered ? `${subject}已填写` : `${subject}未填写`;
}
