import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { parseConfig, type Config } from '../../bff/src/config';
import { start, type RunningServer } from '../../bff/src/server';
import { createLogger } from '../../bff/src/lib/logger';
import type { Clock } from '../../bff/src/lib/clock';
import type { Services } from '../../bff/src/services';
import { registerBff } from './contract';
import { deleteRedisPrefix } from '../../scripts/lib/redis';

export interface TestBff {
  url: string;
  config: Config;
  /** Every log line the BFF wrote, parsed (for tests that scan logs). */
  logs: Array<Record<string, unknown>>;
  /** The database name this BFF uses: unique per test file. */
  dbName: string;
  /** The BFF's own services (same process), for arranging test data the way an admin would. */
  services: Services;
  /**
   * Stops the BFF, then deletes every Redis key under its prefix (instances sharing a prefix each
   * clean it as they stop; a Redis that is down is left alone).
   */
  stop(): Promise<void>;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Adds a database name to a MongoDB URI that may or may not carry one. */
export function withDatabase(uri: string, dbName: string): string {
  const url = new URL(uri);
  url.pathname = `/${dbName}`;
  return url.toString();
}

export interface TestBffOptions {
  env?: Record<string, string>;
  clock?: Clock;
  dbName?: string;
  keyPrefix?: string;
}

/**
 * Starts a real BFF in this process on a free port, against the run's FerretDB (or
 * MONGODB_URI) with its own database and its own Redis key prefix.
 */
export async function startTestBff(options: TestBffOptions = {}): Promise<TestBff> {
  const mongoBase = process.env.TEST_MONGODB_URI;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!mongoBase || !redisUrl) throw new Error('TEST_MONGODB_URI/TEST_REDIS_URL missing: run through the api or e2e jest project');
  const dbName = options.dbName ?? uniqueName('t');
  const config = parseConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    MONGODB_URI: withDatabase(mongoBase, dbName),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: options.keyPrefix ?? `test:${dbName}:`,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const running: RunningServer = await start({ config, logger: createLogger(config.logLevel, sink), clock: options.clock });
  // Its answers are checked against the document it serves (test/helpers/contract.ts; API tests only).
  registerBff(running.url);
  return {
    url: running.url,
    config,
    logs,
    dbName,
    services: running.services,
    async stop() {
      await running.stop();
      await deleteRedisPrefix(config.redis.url, config.redis.keyPrefix).catch(() => undefined);
    },
  };
}

