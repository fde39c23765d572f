import fs from 'node:fs';
import path from 'node:path';
import { startFerretdb } from '../../scripts/lib/ferretdb';
import { ensureRedis } from '../../scripts/lib/redis';
import { freePort } from '../../scripts/lib/net';
import { cacheDir } from '../../scripts/lib/paths';

type Stoppable = { stop(): Promise<void> };
const started = globalThis as unknown as { __services?: Stoppable[]; __dataDir?: string };

/**
 * Once per jest run: a throwaway FerretDB (SQLite, its own folder and port) unless MONGODB_URI
 * is set, and the machine's Redis (started on loopback if none answers). Workers read
 * TEST_MONGODB_URI and TEST_REDIS_URL; each test file then uses its own database and key prefix.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_MONGODB_URI) return; // a previous project's setup in this run did it
  const services: Stoppable[] = [];
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
  } else {
    const dataDir = path.join(cacheDir, 'test-data', `run-${process.pid}-${Date.now()}`);
    fs.mkdirSync(dataDir, { recursive: true });
    const ferretdb = await startFerretdb({
      port: await freePort(),
      sqliteDir: dataDir,
      postgresqlUrl: process.env.FERRETDB_POSTGRESQL_URL,
      logFile: path.join(dataDir, 'ferretdb.log'),
    });
    services.push(ferretdb);
    started.__dataDir = dataDir;
    process.env.TEST_MONGODB_URI = ferretdb.uri;
  }
  const redis = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', () => undefined);
  services.push(redis);
  process.env.TEST_REDIS_URL = redis.url;
  started.__services = services;
}
