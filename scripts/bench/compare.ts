/**
 * Before/after for a BFF change, side by side: two builds of the BFF bundle on the same small
 * campaign, measured in alternating rounds (A B, B A, …) so a drift in the machine's load falls
 * on both. Per round: CPU per GET /healthz, submit and draft save (from each process's /metrics),
 * and /healthz throughput under autocannon next to a bare Koa app.
 *
 *   npm run build:bff && cp bff/dist/server.js* .cache/bench/before/   # before the change
 *   (make the change) && npm run build:bff
 *   npx tsx scripts/bench/compare.ts .cache/bench/before/server.js [bff/dist/server.js] [--rounds 5]
 */
import path from 'node:path';
import { repoRoot } from '../lib/paths';
import { freePort } from '../lib/net';
import { BenchCampaign } from './campaign';
import { closeAgent, runClosed, send, type RequestSpec } from './load';
import { cpuBaseline, cpuPerRequest } from './metrics';
import { seedCampaign } from './seed';
import { cleanupAll, openDb, openStack, startBff, startProgram, type BffProcess } from './stack';

type AutocannonResult = { '2xx': number; duration: number };
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rounds = Number(args[args.indexOf('--rounds') + 1] ?? 0) || 5;
  const bundles = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');
  if (bundles.length === 0) throw new Error('usage: compare.ts <bundle A> [bundle B] [--rounds N]');
  const variants = [path.resolve(bundles[0]!), path.resolve(bundles[1] ?? path.join(repoRoot, 'bff', 'dist', 'server.js'))];
  const log = (line: string) => console.log(line);

  const stack = await openStack(log);
  const db = await openDb(stack, 'assess_compare');
  const seeded = await seedCampaign(stack, db, { name: '基准测试：对比', enterprises: 2_000, attempts: 6_000, drafts: 'started' }, log);
  const campaign = new BenchCampaign(stack, db, seeded);
  const release = await campaign.holdCompactor();
  const bffs: BffProcess[] = [];
  for (const [i, bundle] of variants.entries()) bffs.push(await startBff(stack, db, `bff-compare-${i === 0 ? 'a' : 'b'}`, { bundle }));
  const koaPort = await freePort();
  await startProgram('koa-compare', ['--import', 'tsx', path.join(repoRoot, 'scripts', 'bench', 'koaHello.ts')], { PORT: String(koaPort), NODE_ENV: 'production' }, koaPort);

  type Sample = { healthzUs: number; submitMs: number; draftMs: number; healthzRps: number; koaRps: number };
  const samples: Sample[][] = [[], []];
  const baselines = await Promise.all(bffs.map((bff) => cpuBaseline(bff.url)));
  const serial = { n: 0 };
  const measure = async (i: number): Promise<Sample> => {
    const bff = bffs[i]!;
    const base = baselines[i]!;
    const healthz = await cpuPerRequest(bff.url, base, async () => (await runClosed({ concurrency: 8, jobs: 4_000, make: () => ({ url: bff.url, method: 'GET', path: '/healthz' }) })).ok);
    const submitters = campaign.take(100);
    const submit = await cpuPerRequest(bff.url, base, async () => {
      const outcome = await runClosed({ concurrency: 8, jobs: submitters.length, make: (k) => campaign.submit(bff.url, submitters[k]!, `cmp-${process.pid}-${serial.n++}`) });
      if (outcome.ok !== outcome.sent) throw new Error(`submits failed: ${outcome.firstFailure}`);
      return outcome.ok;
    });
    const drafters = campaign.take(15, (e) => e.hasDraft);
    const draft = await cpuPerRequest(bff.url, base, async () => {
      let ok = 0;
      // Ten saves per enterprise, one after another (each needs the revision the last returned).
      await Promise.all(
        drafters.map(async (e) => {
          for (let k = 0; k < 10; k++) {
            const reply = await send(campaign.draftSave(bff.url, e, k) as RequestSpec);
            if (reply.status !== 200) throw new Error(`draft save → ${reply.status} ${reply.text}`);
            campaign.revisions.set(e.id, (JSON.parse(reply.text) as { revision: number }).revision);
            ok += 1;
          }
        }),
      );
      return ok;
    });
    const health = await autocannon({ url: `${bff.url}/healthz`, connections: 10, duration: 4 });
    const koa = await autocannon({ url: `http://127.0.0.1:${koaPort}/`, connections: 10, duration: 4 });
    return { healthzUs: healthz.msPerRequest * 1000, submitMs: submit.msPerRequest, draftMs: draft.msPerRequest, healthzRps: health['2xx'] / health.duration, koaRps: koa['2xx'] / koa.duration };
  };

  try {
    // Warm both up (JIT, pools).
    for (const i of [0, 1]) await measure(i);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const sample = await measure(i);
        samples[i]!.push(sample);
        log(`  round ${round + 1} ${i === 0 ? 'A' : 'B'}: healthz ${sample.healthzUs.toFixed(0)} µs, submit ${sample.submitMs.toFixed(2)} ms, draft ${sample.draftMs.toFixed(3)} ms CPU; healthz ${Math.round(sample.healthzRps)} req/s vs Koa ${Math.round(sample.koaRps)}`);
      }
    }
    log('');
    log('median                         A (before)      B (after)');
    for (const [label, pick, digits] of [
      ['CPU per /healthz (µs)', (s: Sample) => s.healthzUs, 0],
      ['CPU per submit (ms)', (s: Sample) => s.submitMs, 3],
      ['CPU per draft save (ms)', (s: Sample) => s.draftMs, 3],
      ['/healthz ÷ bare Koa (req/s)', (s: Sample) => s.healthzRps / s.koaRps, 3],
    ] as const) {
      log(`${label.padEnd(30)} ${median(samples[0]!.map(pick)).toFixed(digits).padStart(10)}      ${median(samples[1]!.map(pick)).toFixed(digits).padStart(10)}`);
    }
  } finally {
    await release();
    closeAgent();
    await cleanupAll(log);
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanupAll(console.error);
  process.exit(1);
});
