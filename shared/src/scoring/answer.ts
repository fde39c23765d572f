import { MAX_TEXT_ANSWER, type AnswerValue } from '../api/answers';
import type { CompiledQuestion } from '../questionnaire/questionnaire';

/**
 * Reading one answer against its question. Scoring and validation share this, so a value that
 * validation refuses is exactly a value that scoring treats as unanswered.
 */

export type AnswerFault =
  | { code: 'WRONG_TYPE' }
  | { code: 'NOT_AN_OPTION'; option: string }
  | { code: 'DUPLICATE_CHOICE'; option: string }
  | { code: 'TOO_MANY_CHOICES'; limit: number }
  | { code: 'EXCLUSIVE_OPTION'; option: string }
  | { code: 'NOT_INTEGER' }
  | { code: 'TOO_MANY_DECIMALS'; decimals: number }
  | { code: 'BELOW_MIN'; min: number }
  | { code: 'ABOVE_MAX'; max: number }
  | { code: 'TEXT_TOO_LONG'; maxLength: number };

/** No answer: absent, blank text, an empty choice list. */
export function isEmptyAnswer(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

const WRONG_TYPE: AnswerFault = { code: 'WRONG_TYPE' };
const NOT_INTEGER: AnswerFault = { code: 'NOT_INTEGER' };

function choicesFault(cq: CompiledQuestion, raw: unknown[]): AnswerFault | null {
  const seen = new Set<string>();
  for (const option of raw) {
    if (typeof option !== 'string') return WRONG_TYPE;
    if (!cq.optionPoints.has(option)) return { code: 'NOT_AN_OPTION', option };
    if (seen.has(option)) return { code: 'DUPLICATE_CHOICE', option };
    seen.add(option);
  }
  if (raw.length > 1) {
    for (const option of seen) if (cq.exclusiveOptions.has(option)) return { code: 'EXCLUSIVE_OPTION', option };
  }
  const limit = cq.question.type === 'multiple' ? cq.question.maxChoices : undefined;
  if (limit !== undefined && raw.length > limit) return { code: 'TOO_MANY_CHOICES', limit };
  return null;
}

function numberFault(cq: CompiledQuestion, value: number): AnswerFault | null {
  if (cq.question.type !== 'numeric') return null;
  const { format, decimals = 2, min, max } = cq.question;
  if (!Number.isFinite(value)) return WRONG_TYPE;
  if (format === 'integer' && !Number.isInteger(value)) return NOT_INTEGER;
  if (format === 'decimal' && Number(value.toFixed(decimals)) !== value) return { code: 'TOO_MANY_DECIMALS', decimals };
  if (min !== undefined && value < min) return { code: 'BELOW_MIN', min };
  if (max !== undefined && value > max) return { code: 'ABOVE_MAX', max };
  return null;
}

/**
 * Why a non-empty answer is unacceptable, or null when it is valid. Call only when
 * `isEmptyAnswer(raw)` is false.
 */
export function answerFault(cq: CompiledQuestion, raw: unknown): AnswerFault | null {
  const question = cq.question;
  switch (question.type) {
    case 'single':
      if (typeof raw !== 'string') return WRONG_TYPE;
      return cq.optionPoints.has(raw) ? null : { code: 'NOT_AN_OPTION', option: raw };
    case 'multiple':
      return Array.isArray(raw) ? choicesFault(cq, raw) : WRONG_TYPE;
    case 'yesno':
      return typeof raw === 'boolean' ? null : WRONG_TYPE;
    case 'numeric':
      return typeof raw === 'number' ? numberFault(cq, raw) : WRONG_TYPE;
    case 'text':
    case 'evidence': {
      if (typeof raw !== 'string') return WRONG_TYPE;
      const maxLength = question.maxLength ?? MAX_TEXT_ANSWER;
      return raw.length > maxLength ? { code: 'TEXT_TOO_LONG', maxLength } : null;
    }
  }
}

/** The answer if it is present and valid; otherwise undefined (scored as unanswered). */
export function readAnswer(cq: CompiledQuestion, raw: unknown): AnswerValue | undefined {
  if (isEmptyAnswer(raw)) return undefined;
  return answerFault(cq, raw) === null ? (raw as AnswerValue) : undefined;
}
