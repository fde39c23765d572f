/**
 * What a BFF process says about itself on /metrics: its CPU time (prom-client's
 * process_cpu_seconds_total, i.e. process.cpuUsage(): every thread of the process, argon2's
 * thread pool included) and, with DB_COMMAND_COUNTS=true, the MongoDB commands it sent.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { send } from './load';

export interface Scrape {
  at: number;
  cpuSeconds: number;
  /** `${command} ${collection}` → count. */
  commands: Map<string, number>;
}

export async function scrape(url: string): Promise<Scrape> {
  const reply = await send({ url, method: 'GET', path: '/metrics' });
  if (reply.status !== 200) throw new Error(`/metrics → ${reply.status}`);
  const cpu = /^process_cpu_seconds_total\s+([0-9.eE+-]+)$/m.exec(reply.text);
  if (!cpu) throw new Error('process_cpu_seconds_total missing from /metrics');
  const commands = new Map<string, number>();
  for (const match of reply.text.matchAll(/^db_commands_total\{command="([^"]*)",collection="([^"]*)"\}\s+([0-9.eE+-]+)$/gm)) {
    commands.set(`${match[1]} ${match[2]}`, Number(match[3]));
  }
  return { at: performance.now(), cpuSeconds: Number(cpu[1]), commands };
}

export interface CpuBaseline {
  /** CPU seconds per wall second while idle (timers, driver heartbeats). */
  idleRate: number;
  /** CPU seconds one /metrics scrape adds between two readings. */
  scrapeCost: number;
}

/**
 * The BFF's CPU when nothing is asked of it, to subtract from a phase: the idle rate over a
 * few seconds, and the cost of a scrape (two back-to-back scrapes).
 */
export async function cpuBaseline(url: string, idleSeconds = 3): Promise<CpuBaseline> {
  const costs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const a = await scrape(url);
    const b = await scrape(url);
    costs.push(b.cpuSeconds - a.cpuSeconds);
  }
  const start = await scrape(url);
  await sleep(idleSeconds * 1000);
  const end = await scrape(url);
  const scrapeCost = costs.sort((x, y) => x - y)[Math.floor(costs.length / 2)]!;
  const idleRate = Math.max(0, (end.cpuSeconds - start.cpuSeconds - scrapeCost) / ((end.at - start.at) / 1000));
  return { idleRate, scrapeCost };
}

export interface CpuReading {
  /** BFF CPU milliseconds per request, idle time and the scrape subtracted. */
  msPerRequest: number;
  requests: number;
  wallSeconds: number;
  rawCpuSeconds: number;
}

/** Runs `work` (which reports how many requests it made) between two scrapes. */
export async function cpuPerRequest(url: string, baseline: CpuBaseline, work: () => Promise<number>): Promise<CpuReading> {
  const before = await scrape(url);
  const requests = await work();
  const after = await scrape(url);
  const wallSeconds = (after.at - before.at) / 1000;
  const rawCpuSeconds = after.cpuSeconds - before.cpuSeconds;
  const own = rawCpuSeconds - baseline.scrapeCost - baseline.idleRate * wallSeconds;
  return { msPerRequest: (own * 1000) / Math.max(1, requests), requests, wallSeconds, rawCpuSeconds };
}

/** Database commands per request, by command and collection, over `work`. */
export async function commandsPerRequest(url: string, work: () => Promise<number>): Promise<{ perRequest: number; byCommand: Record<string, number>; requests: number }> {
  const before = await scrape(url);
  const requests = await work();
  const after = await scrape(url);
  const byCommand: Record<string, number> = {};
  let total = 0;
  for (const [name, count] of after.commands) {
    const delta = count - (before.commands.get(name) ?? 0);
    if (delta > 0) {
      byCommand[name] = Math.round((delta / Math.max(1, requests)) * 100) / 100;
      total += delta;
    }
  }
  return { perRequest: total / Math.max(1, requests), byCommand, requests };
}
