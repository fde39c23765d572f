import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../scripts/lib/net';
import { repoRoot } from '../../scripts/lib/paths';
import { hasExited, stopChild } from '../../scripts/lib/process';
import { registerBff } from './contract';

/**
 * A BFF in its own process (the source run through tsx), for tests that measure the instance
 * itself — its memory, its event loop — or that it may crash without taking jest with it.
 * `startTestBff` in the test's own process shares the database for arranging data.
 */
export interface BffProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  /** Resident memory now, from /proc (no request to the process, so it works while it is busy). */
  rssBytes(): number;
  stop(): Promise<void>;
}

function statusField(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Starts `bff/src/server.ts` with `env` (MONGODB_URI, REDIS_URL, …) on a free loopback port and waits for /healthz. */
export async function startBffProcess(env: Record<string, string>, nodeArgs: string[] = []): Promise<BffProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(repoRoot, 'bff', 'src', 'server.ts')], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (hasExited(child)) throw new Error(`the BFF process exited at start:\n${output}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the BFF process did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  registerBff(url);
  return {
    url,
    pid: child.pid!,
    child,
    output: () => output,
    rssBytes: () => (hasExited(child) ? 0 : statusField(child.pid!, 'VmRSS')),
    stop: () => stopChild(child, { forceAfterMs: 5_000 }),
  };
}
