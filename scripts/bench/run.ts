/**
 * npm run bench [-- --scale 0.05] [--only a,b] [--skip a,b] [--profile] [--no-pg-indexes]
 *
 * Issue 8's benchmarks in one run, side by side, on this machine: seeds a national-scale
 * campaign (50,000 enterprises, 150,000 attempts × scale) and a small one, then measures
 *   ours        BFF CPU and database commands per submit, draft save, key login, table page
 *   baselines   BFF submits vs the raw driver's same writes; /healthz vs bare Koa
 *   dashboards  region overview, table page, national table at national scale (p50/p95)
 *   rush        fixed-rate submits against two BFFs, the highest rate holding p99 ≤ 300 ms
 *   frontend    weapp main package, H5 initial JS, questionnaire first render, draft body
 *   after       after the close (issue 16), national campaign: the biggest region's working page,
 *               the package PDF for 2,500 enterprises, the public 公示 page cached (runs last: it
 *               closes the campaign)
 *   evidence    示范 evidence (issue 17), small campaign: the BFF's RSS under 20 concurrent 20 MB
 *               chunked uploads, one upload's throughput (closes the small campaign: runs after the rest)
 *   profile     (--profile) the submit path under node --cpu-prof
 * FerretDB's PostgreSQL tables get GIN indexes after seeding (pgIndexes.ts; --no-pg-indexes
 * measures without). Prints the table, writes bench-results.json, and exits 1 when a target is missed. Every
 * process, database and Redis key it creates is removed at the end (also on Ctrl-C).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import mongoose from 'mongoose';
import { repoRoot } from '../lib/paths';
import { BenchCampaign } from './campaign';
import { submitVsRaw, healthzVsKoa } from './baselines';
import { measureDashboards } from './dashboards';
import { buildFrontEnd, bundleSizes, draftBodies, firstRender } from './frontend';
import { closeAgent } from './load';
import { measureOurCode } from './ourCode';
import { profileSubmits } from './profile';
import { describeMachine, emptyResults, printTable, writeResults } from './report';
import { deadlineRush } from './rush';
import { seedCampaign } from './seed';
import { cleanupAll, openDb, openStack, startBff, type BenchDb, type Stack } from './stack';
import { createPgIndexes } from './pgIndexes';
import { createModels } from '../../bff/src/services';
import { measureAfterClose } from './afterClose';
import { measureEvidence } from './evidence';
import { measureRecords } from './records';

const PHASES = ['ours', 'baselines', 'dashboards', 'rush', 'frontend', 'after', 'profile', 'evidence', 'records'] as const;
type Phase = (typeof PHASES)[number];

function parseArgs(argv: string[]) {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (name: string) => (value(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean) as Phase[];
  const scale = Number(value('--scale') ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale takes a number in (0, 1]');
  const only = list('--only');
  const skip = list('--skip');
  for (const phase of [...only, ...skip]) if (!PHASES.includes(phase)) throw new Error(`unknown phase ${phase} (phases: ${PHASES.join(', ')})`);
  const enabled = new Set<Phase>(only.length > 0 ? only : PHASES.filter((p) => p !== 'profile'));
  if (argv.includes('--profile')) enabled.add('profile');
  for (const phase of skip) enabled.delete(phase);
  return { scale, enabled, pgIndexes: !argv.includes('--no-pg-indexes') };
}

/** How big each phase is at a scale: full size at 1, a couple of minutes in all at 0.05. */
function sizesFor(scale: number) {
  const quick = scale < 0.5;
  return {
    national: { name: '基准测试：全国测评', enterprises: Math.round(50_000 * scale), attempts: Math.round(150_000 * scale), drafts: 'drafting' as const },
    small: { name: '基准测试：小规模（测 CPU 与命令数）', enterprises: quick ? 1_500 : 3_000, attempts: quick ? 4_500 : 9_000, drafts: 'started' as const },
    ours: quick ? { submits: 200, draftSaves: 300, logins: 40, tablePages: 50, counted: 12 } : { submits: 600, draftSaves: 1_000, logins: 100, tablePages: 150, counted: 30 },
    submitBaseline: quick ? { jobs: 120, concurrency: 8, rounds: 2 } : { jobs: 300, concurrency: 8, rounds: 2 },
    healthBaseline: quick ? { seconds: 4, rounds: 2 } : { seconds: 8, rounds: 2 },
    dashboards: quick ? { uncached: 8, cached: 60 } : { uncached: 20, cached: 200 },
    rush: { enterprises: Math.round(20_000 * scale), stepSeconds: quick ? 8 : 25, maxSteps: quick ? 5 : 8 },
    frontendRuns: quick ? 2 : 3,
    profileSubmits: quick ? 300 : 1_000,
  };
}

/** PostgreSQL GIN indexes under FerretDB's tables (pgIndexes.ts); `--no-pg-indexes` measures without. */
function indexTables(stack: Stack, db: BenchDb, log: (line: string) => void): void {
  const started = Date.now();
  const count = createPgIndexes(stack.pgDatabase, db.name, createModels(mongoose.createConnection()));
  log(`  ${count} PostgreSQL GIN indexes under FerretDB's tables in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const sizes = sizesFor(args.scale);
  const log = (line: string) => console.log(line);
  const loads: Array<{ phase: string; loadAverage: number[] }> = [];
  const section = (title: string) => {
    const load = os.loadavg().map((x) => Math.round(x * 100) / 100);
    loads.push({ phase: title, loadAverage: load });
    log(`\n── ${title} (${Math.round((Date.now() - started) / 1000)} s; load average ${load.join(' ')})`);
  };
  const results = emptyResults();
  results.machine = { ...describeMachine(), scale: args.scale, ferretdbPgIndexes: args.pgIndexes };
  const details: Record<string, unknown> = { scale: args.scale, sizes };
  const extra: Array<[string, string]> = [];

  const needs = (...phases: Phase[]) => phases.some((p) => args.enabled.has(p));
  section('build: BFF production bundle');
  const bundle = spawnSync('npm', ['run', '-s', 'build:bff'], { cwd: repoRoot, encoding: 'utf8' });
  if (bundle.status !== 0) throw new Error(`build:bff failed: ${bundle.stderr}`);

  const stack = await openStack(log);
  const smallDb = await openDb(stack, 'assess_small');
  const nationalDb = await openDb(stack, 'assess_national');

  let small: BenchCampaign | null = null;
  if (needs('ours', 'baselines', 'frontend', 'profile', 'evidence')) {
    section(`seed: small campaign (${sizes.small.enterprises} enterprises, ${sizes.small.attempts} attempts)`);
    const seeded = await seedCampaign(stack, smallDb, sizes.small, log);
    small = new BenchCampaign(stack, smallDb, seeded);
    log(`  ${seeded.seconds.toFixed(1)} s`);
    if (args.pgIndexes) indexTables(stack, smallDb, log);
  }
  let national: BenchCampaign | null = null;
  if (needs('dashboards', 'rush', 'after')) {
    section(`seed: national campaign (${sizes.national.enterprises} enterprises, ${sizes.national.attempts} attempts)`);
    const seeded = await seedCampaign(stack, nationalDb, sizes.national, log);
    national = new BenchCampaign(stack, nationalDb, seeded);
    details.seed = { seconds: seeded.seconds, counts: seeded.counts, bigRegion: seeded.bigRegion };
    extra.push(['Seed (national)', `${seeded.counts.enterprises} enterprises, ${seeded.counts.attempts} attempts, ${seeded.counts.drafts} drafts, ${seeded.counts.summaries} region summaries in ${seeded.seconds.toFixed(0)} s (insertMany)`]);
    log(`  ${seeded.seconds.toFixed(1)} s: ${JSON.stringify(seeded.counts)}; biggest region ${seeded.bigRegion.code} with ${seeded.bigRegion.enterprises}`);
    if (args.pgIndexes) indexTables(stack, nationalDb, log);
  }

  if (small && needs('ours', 'baselines')) {
    const cpuBff = await startBff(stack, smallDb, 'bff-cpu');
    const countBff = await startBff(stack, smallDb, 'bff-count', { env: { DB_COMMAND_COUNTS: 'true' } });
    if (args.enabled.has('ours')) {
      section('ours: BFF CPU and database commands per request (small campaign)');
      const ours = await measureOurCode(small, cpuBff, countBff, sizes.ours, log);
      details.ours = ours;
      results.submitCpuMs = round(ours.submit.cpu.msPerRequest, 3);
      results.draftSaveCpuMs = round(ours.draftSave.cpu.msPerRequest, 3);
      results.dbCommands.submit = round(ours.submit.commands.perRequest, 2);
      results.dbCommands.draftSave = round(ours.draftSave.commands.perRequest, 2);
      // Every dashboard page counts: the most any of the three needs, uncached, under steady use.
      results.dbCommands.dashboardPage = round(Math.max(ours.tablePage.commands.perRequest, ours.overviewPage.commands.perRequest, ours.nationalPage.commands.perRequest), 2);
      extra.push(['BFF CPU per key login', `${ours.login.cpu.msPerRequest.toFixed(2)} ms (argon2id verify included), ${ours.login.commands.perRequest.toFixed(2)} db commands`]);
      extra.push([
        'BFF CPU per dashboard page, uncached (table / overview / national)',
        `${ours.tablePage.cpu.msPerRequest.toFixed(2)} / ${ours.overviewPage.cpu.msPerRequest.toFixed(2)} / ${ours.nationalPage.cpu.msPerRequest.toFixed(2)} ms (small campaign)`,
      ]);
      extra.push([
        'DB commands per dashboard page (table / overview / national)',
        `${ours.tablePage.commands.perRequest.toFixed(2)} / ${ours.overviewPage.commands.perRequest.toFixed(2)} / ${ours.nationalPage.commands.perRequest.toFixed(2)}`,
      ]);
      const leases = (kind: { commands: { byCommand: Record<string, number> } }) => Object.entries(kind.commands.byCommand).filter(([name]) => name.endsWith(' leases')).reduce((sum, [, n]) => sum + n, 0);
      if (leases(ours.submit) + leases(ours.draftSave) > 0) {
        extra.push(['…of which FerretDB-only leases (LeasedMutex; none on MongoDB)', `submit ${leases(ours.submit)}, draft save ${leases(ours.draftSave)}`]);
      }
    }
    if (args.enabled.has('baselines')) {
      section('baselines: BFF submits vs raw driver writes (small campaign)');
      const raw = await submitVsRaw(small, cpuBff, sizes.submitBaseline, log);
      details.submitVsRaw = raw;
      results.submitVsRawRatio = round(raw.ratio, 3);
      results.rawDriverCpuMsPerSubmit = round(raw.rawCpuMsPerSubmit, 3);
      if (results.submitCpuMs !== null) results.submitCpuVsRawDriver = round(results.submitCpuMs / raw.rawCpuMsPerSubmit, 3);
      extra.push(['Submits/s: BFF vs raw driver', `${raw.bffPerSecond.toFixed(1)} vs ${raw.rawPerSecond.toFixed(1)}`]);
      extra.push([
        `Raw driver CPU per submit (its ${raw.leases ? 'six commands: four writes and the FerretDB lease' : 'four writes'}, in the bench process)`,
        `${raw.rawCpuMsPerSubmit.toFixed(2)} ms`,
      ]);
      section('baselines: GET /healthz vs bare Koa (autocannon, 10 connections)');
      const health = await healthzVsKoa(cpuBff, sizes.healthBaseline, log);
      details.healthzVsKoa = health;
      results.healthzVsKoaRatio = round(health.ratio, 3);
      extra.push(['Requests/s: /healthz vs bare Koa', `${Math.round(health.healthzPerSecond)} vs ${Math.round(health.koaPerSecond)}`]);
    }
    await countBff.stop();
    await cpuBff.stop();
  }

  if (national && args.enabled.has('dashboards')) {
    section(`dashboards: national scale (${national.seeded.counts.enterprises} enterprises)`);
    const bff = await startBff(stack, nationalDb, 'bff-dashboards', { env: { DB_COMMAND_COUNTS: 'true' } });
    const dashboards = await measureDashboards(national, bff, sizes.dashboards, log);
    details.dashboards = dashboards;
    results.dashboards = {
      regionP95Ms: Math.round(dashboards.overview.uncached.p95),
      regionCachedP95Ms: round(dashboards.overview.cached.p95, 1),
      tableP95Ms: Math.round(dashboards.table.uncached.p95),
      nationalP95Ms: Math.round(dashboards.national.uncached.p95),
    };
    extra.push(['Dashboards p50 uncached (overview / table / national)', `${dashboards.overview.uncached.p50.toFixed(0)} / ${dashboards.table.uncached.p50.toFixed(0)} / ${dashboards.national.uncached.p50.toFixed(0)} ms`]);
    extra.push(['Table page p95 cached', `${dashboards.table.cached.p95.toFixed(1)} ms`]);
    extra.push([
      'FerretDB floor at national scale',
      `one results lookup by _id = ${dashboards.scan.resultsFindByIdMs} ms among ${dashboards.scan.resultsDocs} documents (${args.pgIndexes ? 'PostgreSQL GIN index' : 'full scan'}); a submit needs two`,
    ]);
    extra.push(['DB commands of one isolated request at national scale (overview / table / national)', `${dashboards.overview.commands} / ${dashboards.table.commands} / ${dashboards.national.commands}`]);
    await bff.stop();
  }

  if (national && args.enabled.has('rush')) {
    section(`rush: fixed-rate submits, 2 BFFs, ${sizes.rush.enterprises} enterprises of the national campaign`);
    const bffs = [await startBff(stack, nationalDb, 'bff-rush-1'), await startBff(stack, nationalDb, 'bff-rush-2')];
    const rush = await deadlineRush(national, bffs, sizes.rush, log);
    details.rush = rush;
    results.rush = { rate: rush.rate, p50Ms: rush.p50Ms, p99Ms: rush.p99Ms, errors: rush.errors };
    extra.push(['Rush capacity probe (closed loop, 8 in flight)', `${rush.probe.throughput.toFixed(1)} submits/s, p50 ${rush.probe.p50.toFixed(0)} ms`]);
    for (const bff of bffs) await bff.stop();
  }

  if (args.enabled.has('frontend')) {
    section('front end: builds, sizes, first render, draft body');
    const weapp = await buildFrontEnd('weapp', log);
    const h5 = await buildFrontEnd('h5', log);
    const sizesKB = await bundleSizes(weapp, h5);
    results.weappMainKB = sizesKB.weappMainKB;
    results.h5InitialJsGzipKB = sizesKB.h5InitialJsGzipKB;
    const front: Record<string, unknown> = { builds: [weapp, h5], sizes: sizesKB };
    if (small) {
      const bodies = draftBodies(small);
      results.draftSaveBytes = bodies.typicalBytes;
      front.draftBodies = bodies;
      extra.push(['Draft-save body: typical edit / whole answer set', `${bodies.typicalBytes} B (${bodies.typicalAnswers} answers) / ${bodies.wholeSetBytes} B`]);
      if (h5.dir) {
        const bff = await startBff(stack, smallDb, 'bff-h5', { env: { H5_DIR: h5.dir, LOG_LEVEL: 'warn' } });
        const render = await firstRender(small, bff, h5.dir, sizes.frontendRuns, log);
        front.firstRender = render;
        results.firstRenderMs = render.coldMs;
        // What the QR landing page really loads on a first visit (Chromium), rather than the
        // static upper bound of bundle-size.mjs (which adds the largest page chunk), when known.
        if (render.entryJsGzipKB !== null && render.entryJs.length > 0) {
          results.h5InitialJsGzipKB = render.entryJsGzipKB;
          extra.push(['H5 initial JS: loaded by the landing page / static upper bound (bundle-size.mjs)', `${render.entryJsGzipKB} KB (${render.entryJs.join(', ')}) / ${sizesKB.h5InitialJsGzipKB} KB gzip`]);
        }
        if (render.warmMs !== null) extra.push(['First render warm cache / questionnaire page JS (gzip)', `${render.warmMs} ms / ${render.pageJsGzipKB} KB`]);
        if (render.note) extra.push(['First render note', render.note]);
        await bff.stop();
      } else extra.push(['First render note', h5.note ?? 'no H5 build']);
    }
    for (const b of [weapp, h5]) if (b.note) extra.push([`${b.platform} build`, b.note]);
    details.frontend = front;
    log(`  weapp main ${sizesKB.weappMainKB} KB ${JSON.stringify(sizesKB.weappSubpackagesKB)}; H5 initial JS ${sizesKB.h5InitialJsGzipKB} KB gzip (${(sizesKB.h5InitialFiles ?? []).join(', ')})`);
  }

  // Last of the national phases: it closes the campaign and publishes its lines.
  if (national && args.enabled.has('after')) {
    section(`after the close: working page, package PDF, public 公示 page (${national.seeded.counts.enterprises} enterprises)`);
    const bff = await startBff(stack, nationalDb, 'bff-after', { env: { DB_COMMAND_COUNTS: 'true' } });
    const after = await measureAfterClose(national, bff, sizes.dashboards, log);
    details.afterClose = after;
    results.afterClose = {
      workPageP95Ms: Math.round(Math.max(after.workPage.empty.p95, after.workPage.full.p95)),
      // Judged on the slower of a process's first PDF (font read, code compiled) and the warm ones.
      packagePdfMs: Math.round(Math.max(after.pdf.coldMs, after.pdf.warm.p95)),
      publicPageCachedP95Ms: round(after.publicPage.cached.p95, 1),
    };
    extra.push(['Working page (biggest region) p50 / p95, empty state and full', `${after.workPage.empty.p50.toFixed(0)} / ${after.workPage.empty.p95.toFixed(0)} ms and ${after.workPage.full.p50.toFixed(0)} / ${after.workPage.full.p95.toFixed(0)} ms; ${after.workPage.holders} holders, ${after.workPage.applicants} applicants above the line, ${Math.round(after.workPage.bytes / 1024)} KB, ${after.workPage.commands} db commands`]);
    extra.push(['Package PDF, 2,500 enterprises: cold / warm p50 (in process, the BFF\'s code)', `${after.pdf.coldMs.toFixed(0)} / ${after.pdf.warm.p50.toFixed(0)} ms, ${Math.round(after.pdf.bytes / 1024)} KB, ${after.pdf.pages ?? '?'} pages; the region's submit with its PDF ${after.submitMs.toFixed(0)} ms`]);
    extra.push(['Public 公示 page: miss / cached p50', `${after.publicPage.miss.toFixed(0)} / ${after.publicPage.cached.p50.toFixed(1)} ms (${Math.round(after.publicPage.bytes / 1024)} KB)`]);
    await bff.stop();
  }

  if (small && args.enabled.has('profile')) {
    section(`profile: ${sizes.profileSubmits} submits under node --cpu-prof`);
    details.profile = await profileSubmits(stack, smallDb, small, sizes.profileSubmits, log);
  }

  if (small && args.enabled.has('evidence')) {
    section(`evidence: ${20} concurrent 20 MB chunked uploads (small campaign, closed here)`);
    const bff = await startBff(stack, smallDb, 'bff-evidence', { env: { LOG_LEVEL: 'warn' } });
    const evidence = await measureEvidence(small, bff, log);
    details.evidence = evidence;
    results.evidence = { peakRssMB: Math.round(evidence.concurrent.peakRssMB), singleMBps: round(evidence.single.mbPerSecond, 1) };
    extra.push(['Evidence uploads: one 20 MB alone / 20 × 20 MB at once', `${evidence.single.seconds.toFixed(1)} s (${evidence.single.mbPerSecond.toFixed(1)} MB/s, RSS peak ${evidence.single.peakRssMB.toFixed(0)} MB) / ${evidence.concurrent.seconds.toFixed(1)} s (${evidence.concurrent.mbPerSecond.toFixed(1)} MB/s together, RSS ${evidence.concurrent.idleRssMB.toFixed(0)} → peak ${evidence.concurrent.peakRssMB.toFixed(0)} MB)`]);
    await bff.stop();
  }

  if (args.enabled.has('records')) {
    section('records: a 2,000-enterprise campaign closed into the lasting records (in process)');
    const records = await measureRecords(stack, await openDb(stack, 'assess_records'), log);
    details.records = records;
    results.records = { closeMs: Math.round(records.close.firstMs) };
    extra.push(['Records, 2,000 enterprises: close again (same outcomes) / forced / full rebuild', `${records.close.againMs.toFixed(0)} / ${records.close.forcedMs.toFixed(0)} / ${records.rebuildMs.toFixed(0)} ms`]);
    extra.push(['Records: history import (1,000 rows) / enterprise import with track checks (2,000) / risk list', `${records.historyImportMs.toFixed(0)} / ${records.enterpriseImportMs.toFixed(0)} / ${records.riskListMs.toFixed(0)} ms`]);
  }

  details.loadAverages = loads;
  results.machine = { ...results.machine, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100), minutes: Math.round((Date.now() - started) / 600) / 100 };
  extra.push(['Machine', `${String(results.machine.cpu)}, ${String(results.machine.memoryGiB)} GiB, ${String(results.machine.os)}, Node ${process.version}; load average at start ${JSON.stringify(results.machine.loadAverageAtStart)}, at end ${JSON.stringify(results.machine.loadAverageAtEnd)}`]);
  extra.push(['Run time', `${((Date.now() - started) / 60_000).toFixed(1)} min at --scale ${args.scale}`]);
  const table = printTable(results, extra, log);
  writeResults(results, details);
  log('\nwrote bench-results.json (details: .cache/bench/details.json)');
  return table.some((row) => row.verdict === 'MISSED') ? 1 : 0;
}

function round(value: number | null | undefined, digits: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

let exitCode = 1;
const stop = async (signal: string) => {
  console.error(`\n${signal}: cleaning up…`);
  await cleanupAll(console.error);
  process.exit(130);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

main()
  .then((code) => (exitCode = code))
  .catch((error: unknown) => {
    console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
    exitCode = 2;
  })
  .finally(async () => {
    closeAgent();
    await cleanupAll(console.error);
    process.exit(exitCode);
  });
