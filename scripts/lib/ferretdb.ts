import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, repoRoot } from './paths';
import { portAnswers, waitForPort } from './net';
import { stopChild } from './process';

const moduleDir = path.join(repoRoot, 'scripts', 'ferretdb');
export const ferretdbBinary = path.join(cacheDir, 'bin', 'ferretdb');

export interface FerretdbOptions {
  port: number;
  /** SQLite backend directory (default backend). */
  sqliteDir?: string;
  /** PostgreSQL backend URL; wins over sqliteDir. */
  postgresqlUrl?: string;
  logFile?: string;
}

export interface RunningFerretdb {
  uri: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Builds the FerretDB binary from scripts/ferretdb once and reuses it. The binary is rebuilt
 * when go.mod, go.sum or main.go is newer than it.
 */
export function ensureFerretdbBinary(log: (line: string) => void = console.log): string {
  const sources = ['go.mod', 'go.sum', 'main.go'].map((f) => path.join(moduleDir, f));
  if (fs.existsSync(ferretdbBinary)) {
    const builtAt = fs.statSync(ferretdbBinary).mtimeMs;
    if (sources.every((f) => fs.statSync(f).mtimeMs <= builtAt)) return ferretdbBinary;
  }
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new Error(
      '本机没有 Go 工具链，无法构建 FerretDB。请安装 Go ≥1.22，或设置 MONGODB_URI 指向一个 MongoDB（例如 mongodb://127.0.0.1:27017/assess）后重试。',
    );
  }
  log('building FerretDB v1.24.2 from scripts/ferretdb (first time: about a minute)…');
  fs.mkdirSync(path.dirname(ferretdbBinary), { recursive: true });
  const build = spawnSync('go', ['build', '-o', ferretdbBinary, '.'], { cwd: moduleDir, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('go build of scripts/ferretdb failed (see above)');
  return ferretdbBinary;
}

/** Starts FerretDB on loopback; the returned handle stops exactly that process. */
export async function startFerretdb(options: FerretdbOptions): Promise<RunningFerretdb> {
  if (await portAnswers(options.port)) {
    throw new Error(`端口 ${options.port} 已被占用：FerretDB 无法监听 127.0.0.1:${options.port}。请释放该端口或换一个端口（FERRETDB_PORT）。`);
  }
  const binary = ensureFerretdbBinary();
  const args = [`-listen=127.0.0.1:${options.port}`, '-log-level=error'];
  if (options.postgresqlUrl) args.push(`-postgresql-url=${options.postgresqlUrl}`);
  else if (options.sqliteDir) args.push(`-sqlite-dir=${options.sqliteDir}`);
  else throw new Error('startFerretdb needs sqliteDir or postgresqlUrl');

  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', out, out], detached: false });
  try {
    await waitForPort(options.port, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    uri: `mongodb://127.0.0.1:${options.port}/`,
    pid: child.pid,
    stop: () => stopChild(child, { forceAfterMs: 5_000 }),
  };
}
