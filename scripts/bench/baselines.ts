/**
 * Baselines run in the same process tree at the same moment as what they are compared with:
 *
 * - the raw MongoDB driver doing the database writes of a submit, through the very functions the
 *   BFF runs them with (the results module's `applySubmit`: reserve the number, insert the
 *   attempt, fold it into the result, record the delta, under the enterprise's lock — on
 *   FerretDB its lease's insert and delete), wired as services.ts wires them but with no cache
 *   to bump, as fast as it can with the same number of requests in flight, against BFF submits
 *   over HTTP;
 * - a bare Koa "hello world" against the BFF's GET /healthz, both under autocannon.
 *
 * Each pair runs alternately (A, B, A, B) and the ratio is taken over the sums, so a drift in
 * the machine's load (other sessions share it) falls on both sides.
 */
import path from 'node:path';
import { Types } from 'mongoose';
import { answerPrint } from '@assess/shared';
import type { Cache } from '../../bff/src/lib/cache';
import { systemClock } from '../../bff/src/lib/clock';
import { createLogger } from '../../bff/src/lib/logger';
import { connectMongo } from '../../bff/src/lib/mongo';
import type { AttemptDoc } from '../../bff/src/modules/results/model';
import type { ResultRepository } from '../../bff/src/modules/results/repository';
import { createModels, createResults } from '../../bff/src/services';
import { freePort } from '../lib/net';
import { repoRoot } from '../lib/paths';
import { runClosed } from './load';
import { startProgram, type BffProcess } from './stack';
import type { BenchCampaign } from './campaign';
import type { BenchEnterprise } from './seed';

// autocannon ships no types; this is the part of its API used here.
type AutocannonResult = { '2xx': number; non2xx: number; errors: number; duration: number; latency: { p50: number; p99: number } };
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

/** Database writes only: the BFF's cache-generation bumps (Redis) are not part of the baseline. */
const noCache: Cache = {
  generation: async () => '0',
  invalidate: async () => undefined,
  get: async () => null,
  set: async () => undefined,
  wrap: async (_key, _ttl, compute) => ({ value: await compute(), cached: false }),
};

/**
 * One submit's database writes, as the submit use case (bff/src/modules/attempts/submit.ts)
 * issues them, with the answers validated and scored beforehand (the seeded variant's score).
 */
async function rawSubmit(results: ResultRepository, campaign: BenchCampaign, e: BenchEnterprise, key: string): Promise<number> {
  const variant = campaign.seeded.variants[parseInt(e.id.slice(-4), 16) % campaign.seeded.variants.length]!;
  const print = answerPrint(campaign.seeded.questionnaire, variant.answers);
  return results.applySubmit(e.id, async (writes) => {
    const now = new Date();
    const attemptId = new Types.ObjectId();
    const reserved = await writes.reserveNumber({ keyVersion: 0, receivedAt: now, idempotencyKey: key, attemptId });
    if (!reserved) return 409;
    const build = (number: number): AttemptDoc => ({
      _id: attemptId,
      enterpriseId: new Types.ObjectId(e.id),
      campaignId: new Types.ObjectId(campaign.id),
      regionCode: reserved.regionCode,
      number,
      idempotencyKey: key,
      questionnaire: campaign.seeded.questionnaireRef,
      answers: variant.answers,
      startedAt: reserved.draftStartedAt ?? null,
      submittedAt: now,
      changedAnswers: null,
      score: { total: variant.score.total, base: variant.score.base, bonus: variant.score.bonus, dimensions: variant.score.dimensions.map((d) => ({ id: d.id, score: d.score, max: d.max })) },
      checksum: 'raw-baseline',
      client: { platform: 'weapp', version: '1.0.0', ip: '10.0.0.1', userAgent: 'bench' },
    });
    const { attempt } = await writes.insertAttempt(build(reserved.attemptSeq), 0, build);
    const fold = await writes.foldIntoResult(attempt, reserved.history, print);
    await writes.recordDelta(fold);
    return 201;
  });
}

export interface SubmitBaseline {
  bffPerSecond: number;
  rawPerSecond: number;
  ratio: number;
  /** CPU of this process per raw submit (the driver alone, the same writes, no HTTP). */
  rawCpuMsPerSubmit: number;
  /** Whether both sides took FerretDB's enterprise lease (two more commands each). */
  leases: boolean;
  rounds: Array<{ raw: number; bff: number }>;
}

/** BFF submits/s ÷ raw-driver submits/s, `jobs` each per round, `concurrency` in flight. */
export async function submitVsRaw(campaign: BenchCampaign, bff: BffProcess, options: { jobs: number; concurrency: number; rounds: number }, log: (line: string) => void): Promise<SubmitBaseline> {
  const connection = await connectMongo(campaign.db.mongodbUri);
  const { results, enterpriseLocks } = createResults(createModels(connection), { mongo: connection, redis: campaign.db.redis, clock: systemClock, logger: createLogger('warn'), cache: noCache });
  // The BFF takes leases on FerretDB only (lib/leasedMutex.ts), and so does the same code here.
  const leases = await enterpriseLocks.holdsAcrossInstances();
  const rounds: SubmitBaseline['rounds'] = [];
  let rawOk = 0;
  let rawMs = 0;
  let rawCpuMs = 0;
  let bffOk = 0;
  let bffMs = 0;
  try {
    for (let round = 0; round < options.rounds; round++) {
      const rawEnterprises = campaign.take(options.jobs);
      // The raw driver runs in this process: its CPU over the run is the driver's own cost of the
      // same writes (BSON, the wire, the socket), the floor under the BFF's CPU per submit.
      const cpuBefore = process.cpuUsage();
      const raw = await runClosed({
        concurrency: options.concurrency,
        jobs: options.jobs,
        make: (i) => () => rawSubmit(results, campaign, rawEnterprises[i]!, `raw-${process.pid}-${round}-${i}`),
      });
      const cpu = process.cpuUsage(cpuBefore);
      rawCpuMs += (cpu.user + cpu.system) / 1000;
      const bffEnterprises = campaign.take(options.jobs);
      const viaBff = await runClosed({
        concurrency: options.concurrency,
        jobs: options.jobs,
        make: (i) => campaign.submit(bff.url, bffEnterprises[i]!, `tp-${process.pid}-${round}-${i}`),
      });
      if (raw.ok !== raw.sent || viaBff.ok !== viaBff.sent) {
        throw new Error(`submit baseline: raw ${raw.ok}/${raw.sent} (${raw.firstFailure}), BFF ${viaBff.ok}/${viaBff.sent} (${viaBff.firstFailure})`);
      }
      rawOk += raw.ok;
      rawMs += raw.elapsedMs;
      bffOk += viaBff.ok;
      bffMs += viaBff.elapsedMs;
      rounds.push({ raw: raw.throughput, bff: viaBff.throughput });
      log(`  round ${round + 1}: raw driver ${raw.throughput.toFixed(1)} submits/s (p50 ${raw.p50.toFixed(1)} ms), BFF ${viaBff.throughput.toFixed(1)} submits/s (p50 ${viaBff.p50.toFixed(1)} ms)`);
    }
  } finally {
    await connection.close();
  }
  const rawPerSecond = rawOk / (rawMs / 1000);
  const bffPerSecond = bffOk / (bffMs / 1000);
  return { rawPerSecond, bffPerSecond, ratio: bffPerSecond / rawPerSecond, rawCpuMsPerSubmit: rawCpuMs / rawOk, leases, rounds };
}

export interface HealthBaseline {
  koaPerSecond: number;
  healthzPerSecond: number;
  ratio: number;
  rounds: Array<{ koa: number; healthz: number }>;
}

async function blast(url: string, seconds: number): Promise<{ perSecond: number; result: AutocannonResult }> {
  const result = await autocannon({ url, connections: 10, pipelining: 1, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { perSecond: result['2xx'] / result.duration, result };
}

/** GET /healthz on the BFF vs a bare Koa app answering { ok: true }, both production mode. */
export async function healthzVsKoa(bff: BffProcess, options: { seconds: number; rounds: number }, log: (line: string) => void): Promise<HealthBaseline> {
  const port = await freePort();
  const koa = await startProgram('koa-hello', ['--import', 'tsx', path.join(repoRoot, 'scripts', 'bench', 'koaHello.ts')], { PORT: String(port), NODE_ENV: 'production' }, port);
  const koaUrl = `http://127.0.0.1:${port}/`;
  const rounds: HealthBaseline['rounds'] = [];
  try {
    await blast(koaUrl, 2); // warm both up (JIT)
    await blast(`${bff.url}/healthz`, 2);
    for (let round = 0; round < options.rounds; round++) {
      const bare = await blast(koaUrl, options.seconds);
      const health = await blast(`${bff.url}/healthz`, options.seconds);
      rounds.push({ koa: bare.perSecond, healthz: health.perSecond });
      log(`  round ${round + 1}: bare Koa ${Math.round(bare.perSecond)} req/s (p99 ${bare.result.latency.p99} ms), BFF /healthz ${Math.round(health.perSecond)} req/s (p99 ${health.result.latency.p99} ms)`);
    }
  } finally {
    await koa.stop();
  }
  const koaPerSecond = rounds.reduce((s, r) => s + r.koa, 0) / rounds.length;
  const healthzPerSecond = rounds.reduce((s, r) => s + r.healthz, 0) / rounds.length;
  return { koaPerSecond, healthzPerSecond, ratio: healthzPerSecond / koaPerSecond, rounds };
}
