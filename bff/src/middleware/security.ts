import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import cors from '@koa/cors';

/**
 * Security headers for the API and the H5 app. The H5 page sets its root font size with one
 * inline script that Taro writes into index.html, hence 'unsafe-inline' for scripts; nothing
 * else is allowed off-origin.
 */
export function securityHeaders(): Middleware {
  return helmet({
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
  }) as unknown as Middleware;
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
