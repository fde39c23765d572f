/**
 * `--profile`: the submit path under `node --cpu-prof`. A BFF from the production bundle takes
 * N submits on the small campaign, stops (the profile is written at exit), and the profile's
 * self time is summed per function and per origin (our bundle, mapped back to bff/src and
 * shared/src through its source map; each npm package; node internals; GC and idle).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SourceMap } from 'node:module';
import { repoRoot } from '../lib/paths';
import { runClosed } from './load';
import { benchDir, startBff, type BenchDb, type Stack } from './stack';
import type { BenchCampaign } from './campaign';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  submits: number;
  /** Share of non-idle samples, by origin. */
  byOrigin: Array<{ origin: string; percent: number }>;
  /** Top functions by self time. */
  top: Array<{ fn: string; where: string; percent: number }>;
}

function loadSourceMap(): SourceMap | null {
  const file = path.join(repoRoot, 'bff', 'dist', 'server.js.map');
  if (!fs.existsSync(file)) return null;
  return new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8')));
}

function originOf(url: string, mapped: string | null): string {
  if (!url) return '(vm)';
  if (mapped) {
    const m = /(bff\/src|shared\/src)\/([^/]+(?:\/[^/]+)?)/.exec(mapped);
    return m ? `${m[1]}/${m[2]!.split('/')[0]}` : mapped;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

/** `skipMs`: samples in the first milliseconds of the process (start-up, warm-up) are left out. */
export function summariseProfile(file: string, submits: number, skipMs = 0): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const map = loadSourceMap();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= skipMs * 1000) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fnTime = new Map<string, { fn: string; where: string; us: number }>();
  const originTime = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += us;
    let mapped: string | null = null;
    let where = url ? `${path.relative(repoRoot, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    if (map && url.endsWith('bff/dist/server.js')) {
      const entry = map.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number };
      if (entry.originalSource) {
        mapped = entry.originalSource.replace(/^.*?((?:bff|shared)\/src\/)/, '$1');
        where = `${mapped}:${(entry.originalLine ?? 0) + 1}`;
      }
    }
    const origin = functionName === '(garbage collector)' ? 'GC' : originOf(url, mapped);
    originTime.set(origin, (originTime.get(origin) ?? 0) + us);
    const key = `${functionName}@${where}`;
    const entry = fnTime.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    fnTime.set(key, entry);
  }
  const pct = (us: number) => Math.round((us / busy) * 1000) / 10;
  return {
    file: path.relative(repoRoot, file),
    submits,
    byOrigin: [...originTime.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([origin, us]) => ({ origin, percent: pct(us) })),
    top: [...fnTime.values()].sort((a, b) => b.us - a.us).slice(0, 25).map((f) => ({ fn: f.fn, where: f.where, percent: pct(f.us) })),
  };
}

export async function profileSubmits(stack: Stack, db: BenchDb, campaign: BenchCampaign, submits: number, log: (line: string) => void): Promise<ProfileSummary> {
  const dir = path.join(benchDir, 'profile');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const spawned = Date.now();
  const bff = await startBff(stack, db, 'bff-profile', { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'] });
  const release = await campaign.holdCompactor();
  let skipMs = 0;
  try {
    const warm = campaign.take(50);
    await runClosed({ concurrency: 8, jobs: warm.length, make: (i) => campaign.submit(bff.url, warm[i]!, `pw-${process.pid}-${i}`) });
    skipMs = Date.now() - spawned;
    const enterprises = campaign.take(submits);
    const outcome = await runClosed({ concurrency: 8, jobs: submits, make: (i) => campaign.submit(bff.url, enterprises[i]!, `prof-${process.pid}-${i}`) });
    if (outcome.ok !== outcome.sent) throw new Error(`profiled submits: ${outcome.sent - outcome.ok} failed (${outcome.firstFailure})`);
  } finally {
    await release();
    await bff.stop();
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const summary = summariseProfile(path.join(dir, file), submits, skipMs);
  log(`  profile: ${summary.file}`);
  log(`  by origin: ${summary.byOrigin.map((o) => `${o.origin} ${o.percent}%`).join(', ')}`);
  for (const f of summary.top.slice(0, 15)) log(`    ${String(f.percent).padStart(5)}%  ${f.fn}  ${f.where}`);
  return summary;
}
