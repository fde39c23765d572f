import type { Answers } from '../api/answers';
import type { CompiledQuestion, Questionnaire } from '../questionnaire/questionnaire';
import { answerFault, isEmptyAnswer, type AnswerFault } from './answer';
import { answerState, rawAnswer } from './questionVisibility';

export type AnswerIssueCode =
  | 'UNKNOWN_QUESTION'
  | 'WRONG_TYPE'
  | 'NOT_AN_OPTION'
  | 'DUPLICATE_CHOICE'
  | 'TOO_MANY_CHOICES'
  | 'EXCLUSIVE_OPTION'
  | 'NOT_INTEGER'
  | 'TOO_MANY_DECIMALS'
  | 'BELOW_MIN'
  | 'ABOVE_MAX'
  | 'TEXT_TOO_LONG'
  | 'REQUIRED';

export interface AnswerIssue {
  questionId: string;
  code: AnswerIssueCode;
  /** Chinese, for the person answering. */
  message: string;
}

export type ValidationMode = 'draft' | 'submit';

const expected = {
  single: '请选择一个选项',
  multiple: '请从选项中选择',
  yesno: '请选择“是”或“否”',
  numeric: '请填写数字',
  text: '请填写文字',
  evidence: '请填写文字',
} as const;

const required = {
  single: '请选择一项',
  multiple: '请至少选择一项',
  yesno: '请选择“是”或“否”',
  numeric: '请填写此题',
  text: '请填写此题',
  evidence: '请填写此题',
} as const;

function optionLabel(cq: CompiledQuestion, id: string): string {
  const options = 'options' in cq.question ? cq.question.options : [];
  return options.find((o) => o.id === id)?.label ?? id;
}

function unitOf(cq: CompiledQuestion): string {
  return cq.question.type === 'numeric' ? ` ${cq.question.unit}` : '';
}

function messageFor(cq: CompiledQuestion, fault: AnswerFault): string {
  switch (fault.code) {
    case 'WRONG_TYPE':
      return expected[cq.question.type];
    case 'NOT_AN_OPTION':
      return '所选选项不存在，请重新选择';
    case 'DUPLICATE_CHOICE':
      return `选项「${optionLabel(cq, fault.option)}」重复选择`;
    case 'TOO_MANY_CHOICES':
      return `最多选择 ${fault.limit} 项`;
    case 'EXCLUSIVE_OPTION':
      return `「${optionLabel(cq, fault.option)}」不能与其他选项同时选择`;
    case 'NOT_INTEGER':
      return '请填写整数';
    case 'TOO_MANY_DECIMALS':
      return `最多保留 ${fault.decimals} 位小数`;
    case 'BELOW_MIN':
      return `数值不能小于 ${fault.min}${unitOf(cq)}`;
    case 'ABOVE_MAX':
      return `数值不能大于 ${fault.max}${unitOf(cq)}`;
    case 'TEXT_TOO_LONG':
      return `内容不能超过 ${fault.maxLength} 字`;
  }
}

/**
 * Checks an answer set. At most one issue per question, in definition order, then unknown ids.
 *
 * - 'draft': partial answers are fine; each answer given to a visible question is type- and
 *   range-checked; ids that are not questions are refused.
 * - 'submit': the same, and every visible required question must be answered.
 *
 * Answers to hidden questions are allowed and kept, but not checked: the person cannot see them
 * to fix them, and scoring ignores them (the API schema still bounds their size).
 */
export function validateAnswers(q: Questionnaire, answers: Answers, mode: ValidationMode): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const { visible } = answerState(q, answers);
  for (const cq of q.questions) {
    if (!visible[cq.index]) continue;
    const id = cq.question.id;
    const raw = rawAnswer(answers, id);
    if (isEmptyAnswer(raw)) {
      if (mode === 'submit' && cq.question.required) {
        issues.push({ questionId: id, code: 'REQUIRED', message: required[cq.question.type] });
      }
      continue;
    }
    const fault = answerFault(cq, raw);
    if (fault) issues.push({ questionId: id, code: fault.code, message: messageFor(cq, fault) });
  }
  const unknown = Object.keys(answers).filter((id) => !q.questionIndex.has(id));
  for (const id of unknown.sort()) {
    const message = q.indicatorIds.has(id) ? '该项由系统根据其他题目计算，无需填写' : '题目不存在';
    issues.push({ questionId: id, code: 'UNKNOWN_QUESTION', message });
  }
  return issues;
}
