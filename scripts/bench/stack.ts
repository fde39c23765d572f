/**
 * What a benchmark run stands on, and takes down again: its own PostgreSQL database behind its
 * own FerretDB, its own Redis key prefix on the machine's Redis, and BFF processes started from
 * the production bundle. Everything started here is registered for cleanup, which also runs on
 * Ctrl-C; nothing shared (the machine's Redis and PostgreSQL) is ever stopped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startFerretdb, type RunningFerretdb } from '../lib/ferretdb';
import { preparePgDatabase } from './pgIndexes';
import { deleteRedisPrefix, ensureRedis } from '../lib/redis';
import { freePort, waitForPort } from '../lib/net';
import { stopChild } from '../lib/process';
import { cacheDir, repoRoot } from '../lib/paths';

export const benchDir = path.join(cacheDir, 'bench');
const PG = { host: '127.0.0.1', port: '5432', user: 'root' };

type Cleanup = { name: string; run(): Promise<void> };
const cleanups: Cleanup[] = [];

/** Registers something to undo at the end (run in reverse order). */
export function onCleanup(name: string, run: () => Promise<void>): void {
  cleanups.push({ name, run });
}

let cleaning: Promise<void> | null = null;
export function cleanupAll(log: (line: string) => void = console.log): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop()!;
      try {
        await step.run();
      } catch (error) {
        log(`  cleanup "${step.name}" failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

function run(command: string, args: string[]): void {
  const outcome = spawnSync(command, args, { encoding: 'utf8' });
  if (outcome.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${outcome.stderr || outcome.error?.message}`);
}

export interface Stack {
  redisUrl: string;
  /** Every Redis key of the run starts with this (each database gets a sub-prefix). */
  redisPrefix: string;
  jwtSecret: string;
  pgDatabase: string;
  ferretdb: RunningFerretdb;
}

/**
 * One MongoDB database of the run's FerretDB with its own Redis sub-prefix: BFFs on different
 * databases must not share the summary compactor's lease or caches.
 */
export interface BenchDb {
  name: string;
  mongodbUri: string;
  redisPrefix: string;
  /** A Redis client on the database's prefix (the same keys its BFFs see). */
  redis: Redis;
}

/** Creates bench_<pid>, starts FerretDB on it, and picks a Redis key prefix. */
export async function openStack(log: (line: string) => void): Promise<Stack> {
  fs.mkdirSync(benchDir, { recursive: true });
  const pgDatabase = `bench_${process.pid}`;
  run('createdb', ['-h', PG.host, '-p', PG.port, '-U', PG.user, pgDatabase]);
  onCleanup(`dropdb ${pgDatabase}`, async () => run('dropdb', ['-h', PG.host, '-p', PG.port, '-U', PG.user, '--if-exists', '--force', pgDatabase]));
  preparePgDatabase(pgDatabase);
  log(`› PostgreSQL database ${pgDatabase} created`);

  const port = await freePort();
  const ferretdb = await startFerretdb({
    port,
    postgresqlUrl: `postgres://${PG.user}@${PG.host}:${PG.port}/${pgDatabase}`,
    logFile: path.join(benchDir, 'ferretdb.log'),
  });
  onCleanup('FerretDB', () => ferretdb.stop());
  log(`› FerretDB ${ferretdb.uri} (PostgreSQL backend), pid ${ferretdb.pid}`);

  const redisServer = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', log);
  onCleanup('redis-server (only if started here)', () => redisServer.stop());
  const redisPrefix = `bench:${process.pid}:`;
  onCleanup(`Redis keys ${redisPrefix}*`, () => deleteRedisPrefix(redisServer.url, redisPrefix));
  return { redisUrl: redisServer.url, redisPrefix, jwtSecret: randomBytes(32).toString('hex'), pgDatabase, ferretdb };
}

export async function openDb(stack: Stack, name: string): Promise<BenchDb> {
  const redisPrefix = `${stack.redisPrefix}${name}:`;
  const redis = new Redis(stack.redisUrl, { keyPrefix: redisPrefix, lazyConnect: true });
  await redis.connect();
  onCleanup(`Redis client ${name}`, async () => redis.disconnect());
  return { name, mongodbUri: `${stack.ferretdb.uri}${name}`, redisPrefix, redis };
}

/** The environment the BFF reads (bff/src/config.ts), production mode. */
export function bffEnv(stack: Stack, db: BenchDb, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    MONGODB_URI: db.mongodbUri,
    REDIS_URL: stack.redisUrl,
    REDIS_KEY_PREFIX: db.redisPrefix,
    JWT_SECRET: stack.jwtSecret,
    LOG_LEVEL: 'info',
    // Load arrives as if through a load balancer: one client address per enterprise, in
    // X-Forwarded-For, so the per-address login limit applies per simulated client.
    TRUST_PROXY: 'true',
    ...extra,
  };
}

export interface BffProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node bff/dist/server.js` (the production bundle, or `bundle`: another build of it) with
 * its log written to .cache/bench/<name>.log. `nodeArgs` e.g. ['--cpu-prof', …] for profiling.
 */
export async function startBff(stack: Stack, db: BenchDb, name: string, options: { env?: Record<string, string>; nodeArgs?: string[]; bundle?: string } = {}): Promise<BffProcess> {
  const port = await freePort();
  const logFile = path.join(benchDir, `${name}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bundle ?? path.join(repoRoot, 'bff', 'dist', 'server.js')], {
    cwd: repoRoot,
    env: bffEnv(stack, db, port, options.env),
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  try {
    await waitForPort(port, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`BFF ${name} did not start: ${(error as Error).message}; see ${path.relative(repoRoot, logFile)}`);
  }
  const stop = () => stopChild(child, { forceAfterMs: 10_000 });
  onCleanup(`BFF ${name}`, stop);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, child, stop };
}

/** Starts any node program (tsx for TypeScript) as a child and waits for its port. */
export async function startProgram(name: string, args: string[], env: Record<string, string>, port: number): Promise<{ pid: number; stop(): Promise<void> }> {
  const logFile = path.join(benchDir, `${name}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  await waitForPort(port, 30_000);
  const stop = () => stopChild(child, { forceAfterMs: null });
  onCleanup(name, stop);
  return { pid: child.pid!, stop };
}
