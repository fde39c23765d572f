import type { DefaultState, Middleware } from 'koa';
import type { Metrics } from '../lib/metrics';
import type { RoutedContext } from '../lib/route';

/** Counts and times every request under its route pattern (never the raw path: ids would explode the labels). */
export function observe(metrics: Metrics): Middleware<DefaultState, RoutedContext> {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const route = typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : ctx.path.startsWith('/api/') ? 'unmatched' : 'static';
      metrics.requests.inc({ method: ctx.method, route, status: String(ctx.status) });
      metrics.latency.observe({ method: ctx.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  };
}
