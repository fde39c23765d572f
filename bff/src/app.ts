import Koa from 'koa';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Logger } from './lib/logger';
import { systemClock, type Clock } from './lib/clock';
import { requestContext } from './middleware/requestContext';
import { errorHandler } from './middleware/errorHandler';
import { healthRoutes } from './modules/health/routes';
import { serveH5 } from './middleware/serveH5';

/** Everything a request may touch, created by the server entry (or a test) and passed in. */
export interface AppDeps {
  config: Config;
  mongo: Connection;
  redis: Redis;
  logger: Logger;
  clock: Clock;
}

/**
 * Assembles the Koa app: middleware in order, then every feature's routes. No listen here,
 * so tests and the server entry own the lifecycle.
 */
export function createApp(input: Omit<AppDeps, 'clock'> & { clock?: Clock }): Koa {
  const deps: AppDeps = { ...input, clock: input.clock ?? systemClock };
  const app = new Koa({ proxy: deps.config.trustProxy });
  app.use(requestContext(deps.logger));
  app.use(errorHandler());

  const routers = [healthRoutes(deps)];
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());

  if (deps.config.h5Dir) app.use(serveH5(deps.config.h5Dir));
  return app;
}
