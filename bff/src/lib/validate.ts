import type { z } from 'zod';
import { AppError } from './errors';

export interface FieldIssue {
  path: string;
  message: string;
}

/** Parses untrusted input with a zod schema; failure is a 400 VALIDATION_FAILED listing the fields. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  throw new AppError('VALIDATION_FAILED', { issues });
}
