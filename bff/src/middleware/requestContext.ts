import { randomUUID } from 'node:crypto';
import type { DefaultState, Middleware } from 'koa';
import type { Logger } from '../lib/logger';
import { everyRoute, type MiddlewareContract } from '../lib/contract';
import type { RoutedContext } from '../lib/route';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Path parameters that are secrets: the QR scene logs a whole enterprise in with its key. */
const SECRET_PARAMS = new Set(['scene']);
/** A path segment that names a place in the API (`dashboard`, `enterprises.xlsx`), not a value. */
const WORD = /^[a-z][a-z.-]*$/;

/**
 * The path as the access log may show it. A matched route keeps its ids but shows secret
 * parameters by name (`/api/entry/:scene`); an API path no route matched (a mistyped scene, say)
 * keeps only its words. Paths outside the API (the H5 app's files) carry nothing secret: the
 * QR link's scene rides in the query string, which is never logged.
 */
export function loggablePath(path: string, route: string | undefined, params: Record<string, string> | undefined): string {
  if (route) return route.replace(/:([A-Za-z]+)/g, (name, key: string) => (SECRET_PARAMS.has(key) || params?.[key] === undefined ? name : encodeURIComponent(params[key]!)));
  if (!path.startsWith('/api/')) return path;
  return path
    .split('/')
    .map((segment, i) => (i === 0 || WORD.test(segment) ? segment : ':redacted'))
    .join('/');
}

/**
 * Gives each request an id (the caller's X-Request-Id when well-formed), a child logger that
 * carries it, and one access log line when the response is done.
 */
export function requestContext(logger: Logger): Middleware<DefaultState, RoutedContext> {
  // The access line holds only the id, method, path (never the query, secret parameters by name),
  // status and time: nothing left to censor, so it skips the redaction pass, which cost more than
  // the rest of the line (docs/performance.md). Everything else still goes through the redacting logger.
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
      const path = loggablePath(ctx.path, typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : undefined, ctx.params);
      access.info({ requestId, method: ctx.method, path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}

/** Every answer carries its request id (the caller's, when well-formed), for support and the logs. */
export const requestContextContract: MiddlewareContract = {
  name: 'requestContext',
  description: '每个响应都带 X-Request-Id（请求带合法的 X-Request-Id 时沿用），便于排查与对照日志。',
  appliesTo: everyRoute,
  requestHeaders: [{ name: 'X-Request-Id', description: '调用方自带的请求编号（1–64 位字母、数字、点、下划线或连字符），原样返回', schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' } }],
  responseHeaders: { 'X-Request-Id': { description: '本次请求的编号', required: true } },
};
