import type { Context } from 'koa';
import type { Logger } from '../lib/logger';

/** Codes Node gives a socket the client closed: the client left, nothing here went wrong. */
const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED']);

export function isClientGone(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  return (code !== null && CLIENT_GONE.has(code)) || error.message === 'aborted' || error.message === 'request aborted';
}

/**
 * What Koa emits as `error` reaches here rather than the error handler: failures after the answer
 * has started (a phone that hangs up mid-download, a GridFS stream that breaks). Koa's default
 * prints a stack trace on stderr; this writes one structured line instead, quiet for a client that
 * left (every mobile network does that) and an error for anything else.
 */
export function logAppError(logger: Logger, error: unknown, ctx?: Context): void {
  const where = ctx ? { method: ctx.method, path: ctx.path, status: ctx.status } : {};
  if (isClientGone(error)) {
    logger.debug({ ...where, err: error instanceof Error ? error.message : String(error) }, 'client closed the connection');
    return;
  }
  logger.error({ ...where, err: error }, 'error after the response started');
}
