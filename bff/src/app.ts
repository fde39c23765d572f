import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { systemClock, type Clock } from './lib/clock';
import { requestContext } from './middleware/requestContext';
import { errorHandler } from './middleware/errorHandler';
import { logAppError } from './middleware/appErrors';
import { mountRoutes } from './middleware/mountRoutes';
import { serveH5 } from './middleware/serveH5';
import { healthRoutes } from './modules/health/routes';
import { metricsRoutes } from './modules/metrics/routes';
import { observe } from './middleware/observe';
import { methodOverride } from './middleware/methodOverride';
import { liveness } from './middleware/liveness';
import { corsFor, securityHeaders } from './middleware/security';
import { createServices, type AppDeps, type Services } from './services';
import { routeTable } from './routes';

export type { AppDeps } from './services';

/** JSON bodies are small: the largest legitimate one, a 100-answer submit, is a few KB. */
export const JSON_BODY_LIMIT = '256kb';

/**
 * Assembles the Koa app: middleware in order, then the route table. No listen here, so tests
 * and the server entry own the lifecycle.
 */
export function createApp(input: Omit<AppDeps, 'clock'> & { clock?: Clock }): { app: Koa; services: Services } {
  const deps: AppDeps = { ...input, clock: input.clock ?? systemClock };
  const services = createServices(deps);
  const app = new Koa({ proxy: deps.config.trustProxy });
  app.on('error', (error: unknown, ctx?: Koa.Context) => logAppError(deps.logger, error, ctx));
  app.use(liveness());
  app.use(methodOverride());
  app.use(requestContext(deps.logger));
  app.use(observe(services.metrics));
  app.use(errorHandler());
  app.use(securityHeaders());
  app.use(corsFor(deps.config.corsOrigins));

  for (const router of [healthRoutes(deps), metricsRoutes(services.metrics, deps.config.metricsAllow)]) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  // JSON bodies are parsed per route, by the routes that take one: a route declared with a raw body
  // (an upload) reads its own stream, which a parser in front of it would have consumed.
  mountRoutes(app, routeTable, services, bodyParser({ enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT, encoding: 'utf-8' }));

  if (deps.config.h5Dir) app.use(serveH5(deps.config.h5Dir));
  return { app, services };
}
