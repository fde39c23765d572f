import { parseConfig } from '../../bff/src/config';
import { createLogger } from '../../bff/src/lib/logger';
import { connectMongo } from '../../bff/src/lib/mongo';
import { createRedis } from '../../bff/src/lib/redis';
import { systemClock } from '../../bff/src/lib/clock';
import { createServices, type Services } from '../../bff/src/services';
import { ensureIndexes } from '../../bff/src/services';

/**
 * The BFF's own services, for scripts (seeds, CLI, rebuilds): the same code paths as the API,
 * no HTTP in between.
 */
export async function openServices(env: NodeJS.ProcessEnv = process.env): Promise<{ services: Services; close(): Promise<void> }> {
  const config = parseConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
  const logger = createLogger(config.logLevel);
  const mongo = await connectMongo(config.mongodbUri);
  const redis = createRedis(config.redis.url, config.redis.keyPrefix);
  await redis.connect().catch(() => undefined);
  redis.on('error', () => undefined);
  const services = createServices({ config, mongo, redis, logger, clock: systemClock });
  await ensureIndexes(services.models);
  return {
    services,
    async close() {
      await mongo.close();
      redis.disconnect();
    },
  };
}
