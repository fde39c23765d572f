import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../lib/logger';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives each request an id (the caller's X-Request-Id when well-formed), a child logger that
 * carries it, and one access log line when the response is done.
 */
export function requestContext(logger: Logger): Middleware {
  // The access line holds only the id, method, path (never the query), status and time: nothing
  // to censor, so it skips the redaction pass, which cost more than the rest of the line
  // (docs/performance.md). Everything else still goes through the redacting logger.
  const access = logger.child({}, { redact: { paths: [] } });
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      access.info({ requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}
