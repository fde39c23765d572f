import type { Middleware } from 'koa';

const ALIVE = JSON.stringify({ ok: true });

/**
 * GET /healthz, answered first: load balancers and orchestrators call it every few seconds, and it
 * says only that the process is alive, so it skips the access log, metrics and headers that the
 * rest of the chain adds (the benchmark holds it against a bare Koa app). Whether MongoDB and
 * Redis answer is /readyz, which goes through the whole chain.
 */
export function liveness(): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/healthz' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.type = 'application/json';
    ctx.body = ALIVE;
  };
}
