import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Koa, { type Middleware } from 'koa';
import helmet from 'koa-helmet';
import cors from '@koa/cors';

/** helmet's options: what the headers say. */
const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets, recorded once at start-up by running it on a response that is never
 * sent: with static directives (no nonces) they never depend on the request, and replaying them
 * skips helmet's per-request chain and koa-helmet's promise wrapper (docs/performance.md).
 */
function recordHelmetHeaders(): Array<[string, string]> {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  void helmet(HELMET_OPTIONS)(new Koa().createContext(req, res), async () => undefined);
  const headers = res.getHeaderNames().map((name): [string, string] => [name, String(res.getHeader(name))]);
  // helmet 8 sets everything synchronously; an empty list means that changed: fail at start-up.
  if (!headers.some(([name]) => name.toLowerCase() === 'content-security-policy')) throw new Error('helmet set no headers synchronously');
  return headers;
}

/**
 * Security headers for the API and the H5 app. The H5 page sets its root font size with one
 * inline script that Taro writes into index.html, hence 'unsafe-inline' for scripts; nothing
 * else is allowed off-origin.
 */
export function securityHeaders(): Middleware {
  const headers = recordHelmetHeaders();
  return async (ctx, next) => {
    for (const [name, value] of headers) ctx.res.setHeader(name, value);
    await next();
  };
}

/** CORS for the configured origins only (same-origin H5 needs none; WeChat requests are not CORS). */
export function corsFor(origins: readonly string[]): Middleware {
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('origin');
      return allowed.has(origin) ? origin : '';
    },
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'If-None-Match'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'ETag', 'X-Cache'],
    maxAge: 600,
  });
}
