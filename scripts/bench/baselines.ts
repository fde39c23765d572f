/**
 * Baselines run in the same process tree at the same moment as what they are compared with:
 *
 * - the raw MongoDB driver doing exactly the database writes of a submit (the same filters,
 *   updates and documents as attempts/service.ts and results/service.ts, and on FerretDB the
 *   enterprise lease's insert and delete around them, as lib/leasedMutex.ts takes it there), as
 *   fast as it can with the same number of requests in flight, against BFF submits over HTTP;
 * - a bare Koa "hello world" against the BFF's GET /healthz, both under autocannon.
 *
 * Each pair runs alternately (A, B, A, B) and the ratio is taken over the sums, so a drift in
 * the machine's load (other sessions share it) falls on both sides.
 */
import path from 'node:path';
import { MongoClient, ObjectId, type Document, type UpdateFilter } from 'mongodb';
import { answerPrint } from '@assess/shared';
import { afterSubmit, finalFromAttempt, historyEntry, flagsOf, lastAnswersOf, summaryDelta } from '../../bff/src/modules/results/service';
import { rosterRowOf } from '../../bff/src/modules/results/roster';
import { summaryId, type ResultDoc } from '../../bff/src/modules/results/model';
import type { AttemptDoc } from '../../bff/src/modules/attempts/model';
import { isFerretDb } from '../../bff/src/lib/mongo';
import { freePort } from '../lib/net';
import { repoRoot } from '../lib/paths';
import { runClosed } from './load';
import { startProgram, type BffProcess } from './stack';
import type { BenchCampaign } from './campaign';
import type { BenchEnterprise } from './seed';

// autocannon ships no types; this is the part of its API used here.
type AutocannonResult = { '2xx': number; non2xx: number; errors: number; duration: number; latency: { p50: number; p99: number } };
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const RECENT_KEYS = 20;

/**
 * The writes of one submit, as the BFF issues them (attempts/service.ts persistSubmit,
 * results/service.ts applySubmittedAttempt), inside the lease's insert and delete when `leases`.
 */
async function rawSubmit(client: MongoClient, campaign: BenchCampaign, e: BenchEnterprise, key: string, leases: boolean): Promise<number> {
  const db = client.db();
  if (!leases) return rawSubmitWrites(client, campaign, e, key);
  const lease = { _id: e.id, owner: key, expiresAt: new Date(Date.now() + 5_000) };
  await db.collection<typeof lease>('leases').insertOne(lease);
  try {
    return await rawSubmitWrites(client, campaign, e, key);
  } finally {
    await db.collection<typeof lease>('leases').deleteOne({ _id: e.id, owner: key });
  }
}

async function rawSubmitWrites(client: MongoClient, campaign: BenchCampaign, e: BenchEnterprise, key: string): Promise<number> {
  const db = client.db();
  const results = db.collection('results');
  const now = new Date();
  const enterpriseId = new ObjectId(e.id);
  const attemptId = new ObjectId();
  const variant = campaign.seeded.variants[parseInt(e.id.slice(-4), 16) % campaign.seeded.variants.length]!;
  const reserved = (await results.findOneAndUpdate(
    { _id: enterpriseId, keyVersion: 0, opensAt: { $lte: now }, deadline: { $gt: now }, recentKeys: { $ne: key } },
    {
      $inc: { attemptSeq: 1 },
      $push: {
        recentKeys: { $each: [key], $slice: -RECENT_KEYS },
        recentSubmits: { $each: [{ key, attemptId, at: now }], $slice: -RECENT_KEYS },
      },
    } as unknown as UpdateFilter<Document>,
    { returnDocument: 'after' },
  )) as ResultDoc | null;
  if (!reserved) return 409;
  const attempt: AttemptDoc = {
    _id: attemptId,
    enterpriseId,
    campaignId: new ObjectId(campaign.id),
    regionCode: reserved.regionCode,
    number: reserved.attemptSeq,
    idempotencyKey: key,
    questionnaire: campaign.seeded.questionnaireRef,
    answers: variant.answers,
    startedAt: reserved.draftStartedAt ?? null,
    submittedAt: now,
    score: { total: variant.score.total, base: variant.score.base, bonus: variant.score.bonus, dimensions: variant.score.dimensions.map((d) => ({ id: d.id, score: d.score, max: d.max })) },
    checksum: 'raw-baseline',
    client: { platform: 'weapp', version: '1.0.0', ip: '10.0.0.1', userAgent: 'bench' },
  } as unknown as AttemptDoc;
  await db.collection('attempts').insertOne(attempt as unknown as Document);
  const entry = historyEntry(attempt);
  const final = finalFromAttempt(attempt);
  const integrity = flagsOf([...reserved.history.filter((h) => h.number !== entry.number), entry]);
  const lastAnswers = lastAnswersOf(attempt, answerPrint(campaign.seeded.questionnaire, variant.answers));
  const before = (await results.findOneAndUpdate(
    { _id: enterpriseId },
    {
      $max: { final, lastSubmittedAt: now, lastAnswers },
      $addToSet: { history: entry },
      $set: { status: 'submitted', draftStartedAt: null, integrity, flagged: integrity.length > 0, updatedAt: now },
      $inc: { rev: 1 },
    } as unknown as UpdateFilter<Document>,
    { returnDocument: 'before' },
  )) as ResultDoc | null;
  if (!before) return 500;
  const inc = Object.entries(summaryDelta(before, attempt)).filter(([, v]) => v !== 0);
  await db.collection('summary_deltas').insertOne({
    _id: new ObjectId(),
    summaryId: summaryId(attempt.campaignId, attempt.regionCode),
    campaignId: attempt.campaignId,
    regionCode: attempt.regionCode,
    inc: inc.map(([p, v]) => ({ p, v })),
    row: rosterRowOf(afterSubmit(before, entry, final, integrity)),
  });
  return 201;
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
  const client = await MongoClient.connect(campaign.db.mongodbUri, { maxPoolSize: 50 });
  // The BFF takes leases on FerretDB only (lib/leasedMutex.ts).
  const leases = await isFerretDb(client.db());
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
        make: (i) => () => rawSubmit(client, campaign, rawEnterprises[i]!, `raw-${process.pid}-${round}-${i}`, leases),
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
    await client.close();
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
