import type { AnswerValue, BonusQuestion, Question } from '@assess/shared';

/** An answer as a person reads it: option labels, 是/否, a number with its unit. */
export function formatAnswer(question: Question | BonusQuestion | undefined, value: AnswerValue | undefined): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') return '（未作答）';
  if (!question) return Array.isArray(value) ? value.join('、') : String(value);
  switch (question.type) {
    case 'single':
      return question.options.find((o) => o.id === value)?.label ?? String(value);
    case 'multiple':
      return (Array.isArray(value) ? value : [String(value)]).map((id) => question.options.find((o) => o.id === id)?.label ?? id).join('、');
    case 'yesno':
      return value === true ? '是' : value === false ? '否' : String(value);
    case 'numeric':
      return `${String(value)} ${question.unit}`;
    default:
      return String(value);
  }
}

/** '+3.5' / '-2' / '0' */
export function formatChange(delta: number): string {
  const rounded = Math.round(delta * 100) / 100;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}
