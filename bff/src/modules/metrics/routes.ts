import type Koa from 'koa';
import Router from 'koa-router';
import { AppError } from '../../lib/errors';
import type { Metrics } from '../../lib/metrics';

function normalise(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** GET /metrics for Prometheus, answered only to the configured scraper addresses. */
export function metricsRoutes(metrics: Metrics, allow: readonly string[]): Router {
  const allowed = new Set(allow.map(normalise));
  const router = new Router();
  router.get('/metrics', async (ctx: Koa.Context) => {
    if (!allowed.has(normalise(ctx.ip))) throw new AppError('FORBIDDEN');
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
