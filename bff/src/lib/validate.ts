import { z } from 'zod';
import { Types } from 'mongoose';
import { errorCatalogue, type ErrorCode } from '@assess/shared';
import { AppError } from './errors';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The issue parameter by which a schema names the error its failure answers (see `objectId`). */
const ANSWERS_WITH = 'answersWith';

/**
 * A path or query id, parsed into an ObjectId. A malformed id answers `notFound` (the route's
 * not-found code, e.g. ENTERPRISE_NOT_FOUND), exactly as a well-formed unknown one does: a caller
 * learns nothing from the difference. Declared in the route's schema, so the route table, the
 * OpenAPI document and the fuzzers see it.
 *
 *     params: z.object({ id: objectId('ENTERPRISE_NOT_FOUND') })  // handler: params.id is an ObjectId
 */
export function objectId(notFound: ErrorCode) {
  return z.string().transform((value, ctx): Types.ObjectId => {
    // Lower-case hex only: the form ids are written in, so one id has one spelling.
    if (/^[0-9a-f]{24}$/.test(value)) return new Types.ObjectId(value);
    ctx.addIssue({ code: 'custom', message: '编号格式不正确', params: { [ANSWERS_WITH]: notFound } });
    return z.NEVER;
  });
}

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && code in errorCatalogue;

/**
 * Parses untrusted input with a zod schema; failure is a 400 VALIDATION_FAILED listing the fields,
 * unless the failing part names its own error (`objectId`).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const code: unknown = issue.code === 'custom' ? issue.params?.[ANSWERS_WITH] : undefined;
    if (isErrorCode(code)) throw new AppError(code);
  }
  const issues: FieldIssue[] = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  throw new AppError('VALIDATION_FAILED', { issues });
}
