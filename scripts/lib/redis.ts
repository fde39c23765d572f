import { spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { portAnswers, waitForPort } from './net';
import { stopChild } from './process';

export interface RunningRedis {
  url: string;
  /** True when this process started the server (and so may stop it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

function hostPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 6379) };
}

/**
 * Uses the Redis at `url` when it answers; otherwise starts `redis-server` on that loopback port
 * without persistence. Only a server started here is ever stopped.
 */
export async function ensureRedis(url: string, log: (line: string) => void = console.log): Promise<RunningRedis> {
  const { host, port } = hostPort(url);
  if (await portAnswers(port, host)) return { url, startedHere: false, stop: async () => undefined };
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new Error(`Redis ${url} 无法连接，且不是本机地址，无法代为启动。请检查 REDIS_URL。`);
  }
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error('本机没有 redis-server。请安装（Debian: apt-get install -y redis-server）或设置 REDIS_URL 指向一个 Redis。');
  }
  log(`starting redis-server on 127.0.0.1:${port} (no persistence)…`);
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
    detached: false,
  });
  await waitForPort(port, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    startedHere: true,
    stop: () => stopChild(child, { forceAfterMs: null }),
  };
}

/**
 * Deletes every Redis key under a prefix, and only those (the machine's Redis is shared). A Redis
 * that does not answer fails the call at once instead of being waited for.
 */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { retryStrategy: () => null, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  client.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
