import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig, ConfigError, type Config } from './config';
import { createApp } from './app';
import { createLogger, type Logger } from './lib/logger';
import { connectMongo } from './lib/mongo';
import { createRedis } from './lib/redis';
import { ensureIndexes, type Services } from './services';
import { countDbCommands } from './lib/metrics';

import type { Clock } from './lib/clock';

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  stop(): Promise<void>;
}

export interface StartOptions {
  config?: Config;
  logger?: Logger;
  clock?: Clock;
}

/**
 * Connects to MongoDB and Redis, then listens. `stop()` stops accepting connections, lets
 * in-flight requests finish, then closes the connections.
 */
export async function start(options: StartOptions = {}): Promise<RunningServer> {
  const config = options.config ?? parseConfig();
  const logger = options.logger ?? createLogger(config.logLevel);
  const mongo = await connectMongo(config.mongodbUri, { monitorCommands: config.dbCommandCounts });
  const redis = createRedis(config.redis.url, config.redis.keyPrefix);
  // Redis may be down at start: the app still serves what does not need it.
  redis.connect().catch((error: unknown) => logger.warn({ err: error }, 'redis not reachable at start'));
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis error'));

  const { app, services } = createApp({ config, mongo, redis, logger, clock: options.clock });
  if (config.dbCommandCounts) countDbCommands(mongo, services.metrics);
  await ensureIndexes(services.models);
  services.summaries.start();
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ url }, 'BFF listening');

  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    services,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await services.summaries.stop();
        await Promise.allSettled([mongo.close(), redis.quit()]);
        // quit() cannot reach a Redis that is down; disconnect() also ends the reconnect loop.
        redis.disconnect();
      })();
      return stopping;
    },
  };
}

/** Entry point when run as a program: start, and stop gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let running: RunningServer;
  try {
    running = await start();
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : `启动失败: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    process.stderr.write(`${signal}: finishing in-flight requests…\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    running.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) void main();
