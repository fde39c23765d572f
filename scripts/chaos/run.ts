/**
 * npm run chaos — faults under load (issue 9).
 *
 * Starts its own FerretDB, redis-server and two BFF processes (the built bundle), then runs
 * scenarios, each on a fresh campaign with its own enterprises submitting through both instances:
 *   baseline         no fault (the control)
 *   kill-bff         SIGKILL one BFF mid-load, restart it 10 s later
 *   restart-ferretdb SIGKILL FerretDB mid-load, start it again 3 s later
 *   stop-redis       stop Redis mid-load, start it again (empty) 15 s later
 * and checks the database afterwards (see verify.ts). Prints a table, writes chaos-results.json
 * at the repository root, and exits non-zero when any scenario lost or duplicated a submit, or
 * left a result disagreeing with its attempts.
 *
 * CHAOS_CLIENTS (default 50) virtual enterprises per scenario; CHAOS_LOAD_SECONDS (default 40).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defaultQuestionnaire, type Answers } from '@assess/shared';
import { openServices } from '../lib/serviceDeps';
import { repoRoot } from '../lib/paths';
import { completeAnswers } from '../../test/helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow } from '../../test/helpers/factories';
import { Cluster } from './cluster';
import { loginClients, runLoad, type SubmitRecord } from './load';
import { summaryDrift, verify, type Verdict } from './verify';

const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 50);
const LOAD_MS = Number(process.env.CHAOS_LOAD_SECONDS ?? 40) * 1000;
const FAULT_AT_MS = 12_000;
const GIVE_UP_AFTER_MS = 60_000;
const REGIONS = [
  { region: '广东省', city: '广州市' },
  { region: '广东省', city: '佛山市' },
  { region: '北京市', city: '' },
  { region: '深圳市', city: '' },
];

interface Scenario {
  name: string;
  description: string;
  /** Injects the fault; returns how to recover from it. */
  fault?: { after: number; recoverAfter: number; inject(cluster: Cluster): Promise<void>; recover(cluster: Cluster): Promise<void> };
}

const scenarios: Scenario[] = [
  { name: 'baseline', description: 'no fault' },
  {
    name: 'kill-bff',
    description: 'SIGKILL bff1 mid-load, restart it 10 s later',
    fault: { after: FAULT_AT_MS, recoverAfter: 10_000, inject: (c) => c.killBff(0), recover: (c) => c.startBff(0) },
  },
  {
    name: 'restart-ferretdb',
    description: 'SIGKILL FerretDB mid-load, start it again 3 s later',
    fault: { after: FAULT_AT_MS, recoverAfter: 3_000, inject: (c) => c.killFerretdb(), recover: (c) => c.startFerretdb() },
  },
  {
    name: 'stop-redis',
    description: 'stop Redis mid-load, start it again (empty) 15 s later',
    fault: { after: FAULT_AT_MS, recoverAfter: 15_000, inject: (c) => c.stopRedis(), recover: (c) => c.startRedis() },
  },
];

interface ScenarioResult extends Omit<Verdict, 'disagreements' | 'summaryDrift'> {
  name: string;
  description: string;
  seconds: number;
  failedTries: number;
  rateLimitedTries: number;
  failuresDuringFault: number;
  ackedDuringFault: number;
  /** From the first try to the receipt, acknowledged submits only (retries included). */
  latencyMs: { p50: number; p95: number; max: number };
  /** How long the database took to go quiet after the load (requests left running by clients that gave up). */
  settleMs: number;
  /** When the summaries drifted: whether `rebuild-results` brought them back (null: no drift). */
  rebuildRepaired: boolean | null;
  disagreements: string[];
  summaryDrift: string[];
  ok: boolean;
}

function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

/** Waits until no lease is held and the attempt and result counts stop moving for 3 s (at most 90 s). */
async function quiescence(services: Awaited<ReturnType<typeof openServices>>['services']): Promise<number> {
  const started = Date.now();
  const { models } = services;
  const db = models.results.db.db!;
  const look = async () => {
    const [leases, attempts, newest] = await Promise.all([
      db.collection('leases').countDocuments({ expiresAt: { $gt: new Date() } }),
      models.attempts.collection.countDocuments({}),
      models.results.collection.find({}, { projection: { updatedAt: 1 } }).sort({ updatedAt: -1 }).limit(1).toArray(),
    ]);
    return { leases, moving: JSON.stringify([attempts, newest]) };
  };
  let last = '';
  let quietSince = Date.now();
  while (Date.now() - started < 90_000) {
    const now = await look().catch(() => ({ leases: -1, moving: '' }));
    if (now.leases !== 0 || now.moving !== last) {
      last = now.moving;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= 3_000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return Date.now() - started;
}

function answerSets(): { valid: Answers[]; invalid: Answers } {
  const high = completeAnswers(defaultQuestionnaire, 'high');
  const low = completeAnswers(defaultQuestionnaire, 'low');
  const ids = Object.keys(high);
  // A few mixes, so finals differ and a wrong final shows in the score.
  const mixes = [0.25, 0.5, 0.75].map((share) => Object.fromEntries(ids.map((id, i) => [id, i / ids.length < share ? high[id]! : low[id]!])) as Answers);
  return { valid: [high, low, ...mixes], invalid: {} };
}

async function runScenario(cluster: Cluster, services: Awaited<ReturnType<typeof openServices>>['services'], scenario: Scenario, firstIp: number): Promise<ScenarioResult> {
  const started = Date.now();
  const campaign = await createCampaign(services, { opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 3 * 3600_000) });
  const rows = Array.from({ length: CLIENTS }, (_, i) => enterpriseRow(REGIONS[i % REGIONS.length]));
  const enterprises = await createEnterprises(services, campaign._id, rows);
  const clients = await loginClients(cluster.bffs[0]!.url, enterprises, firstIp);

  let faultActive = false;
  const loadStart = Date.now();
  const stopAt = loadStart + LOAD_MS;
  let faultDone: Promise<unknown> = Promise.resolve();
  if (scenario.fault) {
    const fault = scenario.fault;
    faultDone = (async () => {
      await new Promise((r) => setTimeout(r, fault.after));
      faultActive = true;
      process.stdout.write(`  ${scenario.name}: fault at +${((Date.now() - loadStart) / 1000).toFixed(1)} s\n`);
      await fault.inject(cluster);
      await new Promise((r) => setTimeout(r, fault.recoverAfter));
      await fault.recover(cluster);
      faultActive = false;
      process.stdout.write(`  ${scenario.name}: recovered at +${((Date.now() - loadStart) / 1000).toFixed(1)} s\n`);
    })().catch((error: unknown) => error);
  }
  const records: SubmitRecord[] = await runLoad({
    urls: cluster.bffs.map((bff) => bff.url),
    clients,
    stopAt,
    giveUpAt: stopAt + GIVE_UP_AFTER_MS,
    pace: [10_000, 18_000],
    answers: answerSets(),
    invalidShare: 0.08,
    faultActive: () => faultActive,
  });
  const faultError = await faultDone;
  if (faultError instanceof Error) throw faultError;
  // A client that gave up may have left its request running on a server: verify a quiet database.
  const settleMs = await quiescence(services);

  const verdict = await verify(services, campaign._id, records, enterprises.map((e) => e.id));
  // Region summaries are fed by one delta per submit, inserted after the result is updated: a crash
  // between the two loses the delta (the retry finds the result already updated). The documented
  // repair is `npm run rebuild-results`; check that it does repair.
  let rebuildRepaired: boolean | null = null;
  if (!verdict.summariesAgree) {
    await services.results.rebuildCampaign(campaign._id);
    rebuildRepaired = (await summaryDrift(services, campaign._id)).length === 0;
  }
  const result: ScenarioResult = {
    name: scenario.name,
    description: scenario.description,
    seconds: Math.round((Date.now() - started) / 1000),
    ...verdict,
    failedTries: records.reduce((n, r) => n + r.failures, 0),
    rateLimitedTries: records.reduce((n, r) => n + r.rateLimited, 0),
    failuresDuringFault: records.reduce((n, r) => n + r.failuresDuringFault, 0),
    ackedDuringFault: records.filter((r) => r.ackedDuringFault).length,
    latencyMs: percentiles(records.filter((r) => r.outcome === 'acked').map((r) => r.settledAt - r.firstSentAt)),
    settleMs,
    rebuildRepaired,
    ok: false,
  };
  // Every retried client ends with one attempt for its key: an acknowledged one is `stored` (exactly
  // one, matching its receipt), any other has none or one (`duplicates` counts a second).
  result.ok = result.duplicates === 0 && result.lost === 0 && result.refusedButStored === 0 && result.strangers === 0 && result.resultsDisagree === 0 && rebuildRepaired !== false;
  return result;
}

function table(results: ScenarioResult[]): string {
  const columns: Array<[string, (r: ScenarioResult) => string | number]> = [
    ['scenario', (r) => r.name],
    ['tried', (r) => r.inputsTried],
    ['refused', (r) => r.refused],
    ['acked', (r) => r.acknowledged],
    ['stored', (r) => r.stored],
    ['dupes', (r) => r.duplicates],
    ['lost', (r) => r.lost],
    ['retried', (r) => r.retried],
    ['retried→1', (r) => r.retriedWithOneAttempt],
    ['finished by retry', (r) => `${r.finishedByRetry}(${r.repairedByRetry} ok)`],
    ['unresolved', (r) => `${r.unresolved}(${r.unresolvedStored} stored)`],
    ['5xx/net', (r) => r.failedTries],
    ['acked in fault', (r) => r.ackedDuringFault],
    ['p50/p95 ms', (r) => `${r.latencyMs.p50}/${r.latencyMs.p95}`],
    ['results ok', (r) => `${r.resultsAgree}/${r.enterprises}`],
    ['summaries, rosters', (r) => (r.summariesAgree ? 'agree' : r.rebuildRepaired ? 'drift→rebuilt' : 'DRIFT')],
    ['s', (r) => r.seconds],
    ['', (r) => (r.ok ? '✔' : '✘')],
  ];
  const cells = [columns.map(([title]) => title), ...results.map((r) => columns.map(([, value]) => String(value(r))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => cell.padStart(widths[i]!)).join('  ')).join('\n');
}

async function main(): Promise<number> {
  const began = Date.now();
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-bff.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('BFF build failed');
  const cluster = await Cluster.start(2);
  let keep = false;
  const stopOnSignal = () => {
    void cluster.stop(true).finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    await Promise.all(cluster.bffs.map((_, i) => cluster.startBff(i)));
    const { services, close } = await openServices(cluster.env());
    const results: ScenarioResult[] = [];
    try {
      for (const [i, scenario] of scenarios.entries()) {
        process.stdout.write(`── ${scenario.name}: ${scenario.description} (${CLIENTS} enterprises, ${LOAD_MS / 1000} s of load)\n`);
        results.push(await runScenario(cluster, services, scenario, (i + 1) * 1000));
      }
    } finally {
      await close();
    }
    const totals = {
      inputsTried: results.reduce((n, r) => n + r.inputsTried, 0),
      refused: results.reduce((n, r) => n + r.refused, 0),
      acknowledged: results.reduce((n, r) => n + r.acknowledged, 0),
      stored: results.reduce((n, r) => n + r.stored, 0),
      duplicates: results.reduce((n, r) => n + r.duplicates, 0),
      lost: results.reduce((n, r) => n + r.lost, 0),
    };
    const ok = results.every((r) => r.ok);
    const report = { ...totals, ok, seconds: Math.round((Date.now() - began) / 1000), clientsPerScenario: CLIENTS, loadSeconds: LOAD_MS / 1000, scenarios: results };
    fs.writeFileSync(path.join(repoRoot, 'chaos-results.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\n${table(results)}\n\n`);
    for (const r of results) {
      for (const line of [...r.disagreements, ...r.summaryDrift].slice(0, 10)) process.stdout.write(`  ${r.name}: ${line}\n`);
    }
    process.stdout.write(`totals: tried ${totals.inputsTried}, refused ${totals.refused}, acknowledged ${totals.acknowledged}, stored ${totals.stored}, duplicates ${totals.duplicates}, lost ${totals.lost} — ${Math.round((Date.now() - began) / 1000)} s — chaos-results.json written\n`);
    keep = !ok;
    return ok ? 0 : 1;
  } finally {
    await cluster.stop(keep);
    if (keep) process.stdout.write(`logs kept in ${cluster.dir}\n`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
