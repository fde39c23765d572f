/**
 * Runs the whole product locally: FerretDB (unless MONGODB_URI), Redis, the demo seed, and the
 * BFF serving the API and the H5 app on one origin. Ctrl-C stops what this script started.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startFerretdb } from './lib/ferretdb';
import { ensureRedis } from './lib/redis';
import { portAnswers, waitForPort } from './lib/net';
import { dataDir, repoRoot } from './lib/paths';
import { livePid } from './lib/pidfile';
import { stopChild } from './lib/process';
import { ensureJwtSecret } from './lib/jwtSecret';

type Stoppable = { stop(): Promise<void> };

async function provisionMongo(stopList: Stoppable[]): Promise<string> {
  if (process.env.MONGODB_URI) {
    console.log('› MONGODB_URI is set: using it, nothing provisioned');
    return process.env.MONGODB_URI;
  }
  const port = Number(process.env.FERRETDB_PORT ?? 27017);
  const pidFile = path.join(dataDir, 'ferretdb.pid');
  const uri = `mongodb://127.0.0.1:${port}/assess`;
  if (livePid(pidFile) && (await portAnswers(port))) {
    console.log(`› FerretDB already running on 127.0.0.1:${port} (started earlier by this script)`);
    return uri;
  }
  const pgUrl = process.env.FERRETDB_POSTGRESQL_URL;
  const sqliteDir = path.join(dataDir, 'ferretdb');
  console.log(`› starting FerretDB on 127.0.0.1:${port} (${pgUrl ? 'PostgreSQL' : `SQLite in ${path.relative(repoRoot, sqliteDir)}`})`);
  fs.mkdirSync(sqliteDir, { recursive: true });
  const ferretdb = await startFerretdb({ port, sqliteDir, postgresqlUrl: pgUrl, logFile: path.join(dataDir, 'ferretdb.log') });
  if (ferretdb.pid) fs.writeFileSync(pidFile, String(ferretdb.pid));
  stopList.push({ stop: async () => { await ferretdb.stop(); fs.rmSync(pidFile, { force: true }); } });
  return uri;
}

async function main(): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const stopList: Stoppable[] = [];
  const mongodbUri = await provisionMongo(stopList);
  const redis = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  stopList.push(redis);
  const port = Number(process.env.PORT ?? 8080);
  if (await portAnswers(port)) throw new Error(`端口 ${port} 已被占用：请停止占用它的程序，或设置 PORT 换一个端口。`);

  // Tokens are signed with this installation's own random secret, never a value from the repository.
  let jwtSecret = process.env.JWT_SECRET;
  if (!jwtSecret) {
    const made = ensureJwtSecret(dataDir);
    jwtSecret = made.secret;
    console.log(`› 令牌签名密钥：${path.relative(repoRoot, made.file)}（${made.created ? '首次启动，已随机生成' : '沿用本数据目录的密钥'}）`);
  }
  const env = {
    ...process.env,
    JWT_SECRET: jwtSecret,
    MONGODB_URI: mongodbUri,
    REDIS_URL: redis.url,
    PORT: String(port),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    H5_DIR: process.env.H5_DIR ?? path.join(repoRoot, 'miniprogram', 'dist', 'h5'),
  };
  const seedModule = path.join(repoRoot, 'scripts', 'seed-demo.ts');
  let seedSummary = '';
  if (fs.existsSync(seedModule)) {
    const { seedDemo } = (await import(seedModule)) as { seedDemo(env: NodeJS.ProcessEnv): Promise<string> };
    seedSummary = await seedDemo(env);
  }

  const bff = spawn(process.execPath, ['--enable-source-maps', path.join(repoRoot, 'bff', 'dist', 'server.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  stopList.push({ stop: () => stopChild(bff, { forceAfterMs: null }) });
  await waitForPort(port, 30_000);

  const url = `http://localhost:${port}`;
  console.log(`\n✔ 测评系统已启动: ${url}\n  API 文档: ${url}/api/docs\n  就绪检查: ${url}/readyz\n${seedSummary}\n按 Ctrl-C 停止。`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    for (const service of stopList.reverse()) await service.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  bff.on('exit', (code) => {
    if (!stopping) {
      console.error(`BFF exited (${code ?? 'signal'})`);
      void shutdown().then(() => process.exit(1));
    }
  });
}

main().catch((error: unknown) => {
  console.error(`✘ ${(error as Error).message}`);
  process.exit(1);
});
