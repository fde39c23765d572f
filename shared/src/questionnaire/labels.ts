import type { Question } from './schema';

/** Each question type in Chinese, as the questionnaire page and the workbook's 类型 column show it. */
export const questionTypeLabels: Record<Question['type'], string> = {
  single: '单选',
  multiple: '多选',
  yesno: '是/否',
  numeric: '数值',
  text: '文字',
  evidence: '佐证材料',
};
