import { errorCatalogue, type ErrorCode } from '@assess/shared';

/**
 * The one error type services throw. The error middleware turns it into
 * `{ code, message, details }` with the catalogue's status; anything else becomes INTERNAL.
 *
 *     throw new AppError('KEY_LOCKED', { retryAfterSeconds: 300 });
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, details?: unknown, options: { message?: string; headers?: Record<string, string> } = {}) {
    super(options.message ?? errorCatalogue[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
    // Whatever said how long to wait in its details says it in the header too (RFC 9110 §10.2.3).
    const wait = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    this.headers = typeof wait === 'number' && !options.headers?.['Retry-After'] ? { ...options.headers, 'Retry-After': String(Math.max(0, Math.ceil(wait))) } : options.headers;
  }
}
