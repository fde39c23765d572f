import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startFerretdb, type RunningFerretdb } from '../lib/ferretdb';
import { freePort, portAnswers, waitForPort } from '../lib/net';
import { cacheDir, repoRoot } from '../lib/paths';
import { hasExited, stopChild } from '../lib/process';

/**
 * A small production-like cluster of our own, on loopback only: FerretDB (SQLite, its own port
 * and folder), a redis-server (own port, no persistence) and two BFF processes running the built
 * bundle. Every process here was started here and is stopped by its own handle, never by name.
 */

export const BFF_BUNDLE = path.join(repoRoot, 'bff', 'dist', 'server.js');

/** Every process a cluster started, so a crash of this script never leaves one behind. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (!hasExited(child)) child.kill('SIGKILL');
});
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export interface BffProcess {
  name: string;
  url: string;
  port: number;
  child: ChildProcess | null;
}

export class Cluster {
  readonly bffs: BffProcess[] = [];
  private ferretdb: RunningFerretdb | null = null;
  private redis: ChildProcess | null = null;
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly keyPrefix = 'chaos:';

  private constructor(
    readonly dir: string,
    readonly ferretPort: number,
    readonly redisPort: number,
  ) {}

  get mongoUri(): string {
    return `mongodb://127.0.0.1:${this.ferretPort}/chaos`;
  }
  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}`;
  }
  /** The environment the BFFs run with (and the seeding script, so they share the secret). */
  env(port = 0): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: this.mongoUri,
      REDIS_URL: this.redisUrl,
      REDIS_KEY_PREFIX: this.keyPrefix,
      JWT_SECRET: this.jwtSecret,
      // Behind the load generator, as behind a load balancer: each virtual client has its own address.
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
    };
  }

  static async start(instances = 2): Promise<Cluster> {
    const dir = path.join(cacheDir, 'chaos', `run-${process.pid}-${Date.now()}`);
    fs.mkdirSync(path.join(dir, 'ferretdb'), { recursive: true });
    const cluster = new Cluster(dir, await freePort(), await freePort());
    await cluster.startFerretdb();
    await cluster.startRedis();
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      cluster.bffs.push({ name: `bff${i + 1}`, port, url: `http://127.0.0.1:${port}`, child: null });
    }
    return cluster;
  }

  async startFerretdb(): Promise<void> {
    this.ferretdb = await startFerretdb({ port: this.ferretPort, sqliteDir: path.join(this.dir, 'ferretdb') + path.sep, logFile: path.join(this.dir, 'ferretdb.log') });
  }

  /** SIGKILL: no chance to flush or close connections, as a crash would do. */
  async killFerretdb(): Promise<void> {
    const pid = this.ferretdb?.pid;
    if (!pid) return;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && (await portAnswers(this.ferretPort)); i++) await new Promise((r) => setTimeout(r, 50));
    this.ferretdb = null;
  }

  async startRedis(): Promise<void> {
    const out = fs.openSync(path.join(this.dir, 'redis.log'), 'a');
    this.redis = track(spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(this.redisPort), '--save', '', '--appendonly', 'no'], { stdio: ['ignore', out, out] }));
    await waitForPort(this.redisPort, 10_000);
  }

  async stopRedis(): Promise<void> {
    await stopChild(this.redis);
    this.redis = null;
  }

  async startBff(index: number): Promise<void> {
    const bff = this.bffs[index]!;
    const out = fs.openSync(path.join(this.dir, `${bff.name}.log`), 'a');
    bff.child = track(spawn(process.execPath, [BFF_BUNDLE], { cwd: repoRoot, env: this.env(bff.port), stdio: ['ignore', out, out] }));
    // Start includes ensureIndexes, which waits its turn on a FerretDB busy with the load.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`${bff.url}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      if (bff.child.exitCode !== null) throw new Error(`${bff.name} exited at start (see ${path.join(this.dir, `${bff.name}.log`)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${bff.name} did not answer /healthz within 60 s`);
  }

  async killBff(index: number): Promise<void> {
    const bff = this.bffs[index]!;
    await stopChild(bff.child, { signal: 'SIGKILL' });
    bff.child = null;
  }

  /** Stops everything this cluster started; keeps the folder when `keep` (for a failed run's logs). */
  async stop(keep = false): Promise<void> {
    await Promise.all(this.bffs.map((bff) => stopChild(bff.child)));
    await this.stopRedis();
    await this.ferretdb?.stop();
    if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
