import { messageFor } from '@assess/shared';
import { formatDateTime } from './beijingTime';
import { OFFLINE_MESSAGE, type ApiError } from './apiClient';

/**
 * The sentence a user reads for an error: the server's message, sharpened with the particulars
 * it sent (tries left, locked until, when to retry, when the window closed).
 */
export function describeError(error: unknown): string {
  if (!error || typeof error !== 'object' || !('code' in error)) return messageFor('INTERNAL');
  const { code, message, details, retryAfterSeconds } = error as ApiError;
  const d = (details ?? {}) as Record<string, unknown>;
  switch (code) {
    case 'OFFLINE':
      return OFFLINE_MESSAGE;
    case 'KEY_WRONG':
      return typeof d.triesLeft === 'number'
        ? d.triesLeft > 0
          ? `${message}，还可尝试 ${d.triesLeft} 次`
          : `${message}，已无剩余尝试次数`
        : message;
    case 'KEY_LOCKED':
      return typeof d.lockedUntil === 'string' ? `${message}，请于 ${formatDateTime(d.lockedUntil)}（北京时间）后再试` : message;
    case 'USCC_OR_KEY_WRONG':
    case 'CREDENTIALS_WRONG':
      return typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0 ? `${message}，请 ${waitText(retryAfterSeconds)}后再试` : message;
    case 'KEY_SLOWED':
    case 'ACCOUNT_SLOWED':
      return typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0 ? `${message}（约 ${waitText(retryAfterSeconds)}后）` : message;
    case 'RATE_LIMITED':
      return typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0 ? `${message}（约 ${Math.ceil(retryAfterSeconds)} 秒后）` : message;
    case 'WINDOW_CLOSED':
      return typeof d.deadline === 'string' ? `${message}（关闭时间：${formatDateTime(d.deadline)}）` : message;
    case 'WINDOW_NOT_OPEN':
      return typeof d.opensAt === 'string' ? `${message}，开始时间：${formatDateTime(d.opensAt)}` : message;
    default:
      return message || messageFor(String(code));
  }
}

/** A wait in words: seconds under two minutes, minutes above. */
function waitText(seconds: number): string {
  return seconds < 120 ? `${Math.ceil(seconds)} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** Field errors of ANSWERS_INVALID: `{ questionId, code, message }[]`, or [] when absent. */
export interface AnswerIssue {
  questionId: string;
  code: string;
  message: string;
}

export function answerIssuesOf(error: unknown): AnswerIssue[] {
  const issues = (error as { details?: { issues?: unknown } } | null)?.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is AnswerIssue => !!i && typeof i === 'object' && typeof (i as AnswerIssue).questionId === 'string' && typeof (i as AnswerIssue).message === 'string',
  );
}
