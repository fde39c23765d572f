/**
 * The results: one row per target of issue 8, printed as a table and written to
 * bench-results.json with exactly the keys the issue names (details go to
 * .cache/bench/details.json).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../lib/paths';

export interface BenchResults {
  submitCpuMs: number | null;
  /**
   * CPU of the raw driver doing one submit's database writes (the same write functions, in the
   * bench process, no HTTP), and submitCpuMs as a multiple of it: on this VM the driver's own CPU
   * is high, so the BFF's CPU is judged against it, measured in the same run.
   */
  rawDriverCpuMsPerSubmit: number | null;
  submitCpuVsRawDriver: number | null;
  draftSaveCpuMs: number | null;
  dbCommands: { submit: number | null; draftSave: number | null; dashboardPage: number | null };
  submitVsRawRatio: number | null;
  healthzVsKoaRatio: number | null;
  rush: { rate: number | null; p50Ms: number | null; p99Ms: number | null; errors: number | null };
  dashboards: { regionP95Ms: number | null; regionCachedP95Ms: number | null; tableP95Ms: number | null; nationalP95Ms: number | null };
  draftSaveBytes: number | null;
  weappMainKB: number | null;
  h5InitialJsGzipKB: number | null;
  firstRenderMs: number | null;
  /** Issue 16: after the close, at national scale. */
  afterClose: { workPageP95Ms: number | null; packagePdfMs: number | null; publicPageCachedP95Ms: number | null };
  /** Issue 17: 20 concurrent 20 MB evidence uploads. */
  evidence: { peakRssMB: number | null; singleMBps: number | null };
  /** Issue 18: a 2,000-enterprise close into the records. */
  records: { closeMs: number | null };
  machine: Record<string, unknown>;
}

export function emptyResults(): BenchResults {
  return {
    submitCpuMs: null,
    rawDriverCpuMsPerSubmit: null,
    submitCpuVsRawDriver: null,
    draftSaveCpuMs: null,
    dbCommands: { submit: null, draftSave: null, dashboardPage: null },
    submitVsRawRatio: null,
    healthzVsKoaRatio: null,
    rush: { rate: null, p50Ms: null, p99Ms: null, errors: null },
    dashboards: { regionP95Ms: null, regionCachedP95Ms: null, tableP95Ms: null, nationalP95Ms: null },
    draftSaveBytes: null,
    weappMainKB: null,
    h5InitialJsGzipKB: null,
    firstRenderMs: null,
    afterClose: { workPageP95Ms: null, packagePdfMs: null, publicPageCachedP95Ms: null },
    evidence: { peakRssMB: null, singleMBps: null },
    records: { closeMs: null },
    machine: {},
  };
}

type Verdict = 'met' | 'MISSED' | 'not measured';
interface Row {
  metric: string;
  target: string;
  value: string;
  verdict: Verdict;
}

const atMost = (value: number | null, limit: number): Verdict => (value === null ? 'not measured' : value <= limit ? 'met' : 'MISSED');
const atLeast = (value: number | null, limit: number): Verdict => (value === null ? 'not measured' : value >= limit ? 'met' : 'MISSED');
const fmt = (value: number | null, digits = 1, unit = '') => (value === null ? '—' : `${value.toFixed(digits)}${unit}`);
const worst = (...verdicts: Verdict[]): Verdict => (verdicts.includes('MISSED') ? 'MISSED' : verdicts.includes('not measured') ? 'not measured' : 'met');

export function rows(r: BenchResults): Row[] {
  const c = r.dbCommands;
  const d = r.dashboards;
  const rushHolds = r.rush.rate === null ? 'not measured' : r.rush.rate >= 30 && (r.rush.errors ?? 1) === 0 ? 'met' : 'MISSED';
  return [
    { metric: 'BFF CPU per submit (100 answers)', target: '≤ 1.5 ms', value: `${fmt(r.submitCpuMs, 3, ' ms')}${r.submitCpuVsRawDriver === null ? '' : ` (${r.submitCpuVsRawDriver.toFixed(2)}× the raw driver's ${fmt(r.rawDriverCpuMsPerSubmit, 2, ' ms')})`}`, verdict: atMost(r.submitCpuMs, 1.5) },
    { metric: 'BFF CPU per draft save', target: '≤ 0.5 ms', value: fmt(r.draftSaveCpuMs, 3, ' ms'), verdict: atMost(r.draftSaveCpuMs, 0.5) },
    {
      metric: 'DB commands per submit / draft save / dashboard page',
      target: '≤ 4 / 1 / ≤ 2',
      value: `${fmt(c.submit, 2)} / ${fmt(c.draftSave, 2)} / ${fmt(c.dashboardPage, 2)}`,
      verdict: worst(atMost(c.submit, 4), atMost(c.draftSave, 1), atMost(c.dashboardPage, 2)),
    },
    { metric: 'Submit throughput vs raw driver (same writes)', target: '≥ 70%', value: fmt(r.submitVsRawRatio === null ? null : r.submitVsRawRatio * 100, 0, '%'), verdict: atLeast(r.submitVsRawRatio, 0.7) },
    { metric: 'GET /healthz throughput vs bare Koa', target: '≥ 80%', value: fmt(r.healthzVsKoaRatio === null ? null : r.healthzVsKoaRatio * 100, 0, '%'), verdict: atLeast(r.healthzVsKoaRatio, 0.8) },
    {
      metric: 'Deadline rush, 2 BFFs, FerretDB/PostgreSQL',
      target: '≥ 30/s at p99 ≤ 300 ms, 0 errors',
      value: r.rush.rate === null ? '—' : `${r.rush.rate}/s (p50 ${fmt(r.rush.p50Ms, 0)} ms, p99 ${fmt(r.rush.p99Ms, 0)} ms, errors ${r.rush.errors})`,
      verdict: rushHolds,
    },
    { metric: 'Region overview p95, uncached / cached', target: '≤ 300 / ≤ 20 ms', value: `${fmt(d.regionP95Ms, 0)} / ${fmt(d.regionCachedP95Ms, 1)} ms`, verdict: worst(atMost(d.regionP95Ms, 300), atMost(d.regionCachedP95Ms, 20)) },
    { metric: 'Table page p95, uncached', target: '≤ 300 ms', value: fmt(d.tableP95Ms, 0, ' ms'), verdict: atMost(d.tableP95Ms, 300) },
    { metric: 'National table p95, uncached', target: '≤ 300 ms', value: fmt(d.nationalP95Ms, 0, ' ms'), verdict: atMost(d.nationalP95Ms, 300) },
    { metric: 'Draft-save request body, typical edit', target: '≤ 8 KB', value: r.draftSaveBytes === null ? '—' : `${r.draftSaveBytes} B`, verdict: atMost(r.draftSaveBytes, 8 * 1024) },
    { metric: 'weapp main package (production)', target: '≤ 800 KB', value: fmt(r.weappMainKB, 1, ' KB'), verdict: atMost(r.weappMainKB, 800) },
    { metric: 'H5 initial JS (gzip)', target: '≤ 250 KB', value: fmt(r.h5InitialJsGzipKB, 1, ' KB'), verdict: atMost(r.h5InitialJsGzipKB, 250) },
    { metric: 'Questionnaire first render, 4× throttle', target: '≤ 1.5 s', value: fmt(r.firstRenderMs, 0, ' ms'), verdict: atMost(r.firstRenderMs, 1500) },
    { metric: 'Working page, biggest region, p95 uncached', target: '≤ 300 ms', value: fmt(r.afterClose.workPageP95Ms, 0, ' ms'), verdict: atMost(r.afterClose.workPageP95Ms, 300) },
    { metric: 'Package PDF, 2,500 enterprises', target: '≤ 3 s', value: fmt(r.afterClose.packagePdfMs, 0, ' ms'), verdict: atMost(r.afterClose.packagePdfMs, 3000) },
    { metric: 'Public 公示 page p95, cached', target: '≤ 100 ms', value: fmt(r.afterClose.publicPageCachedP95Ms, 1, ' ms'), verdict: atMost(r.afterClose.publicPageCachedP95Ms, 100) },
    { metric: 'BFF RSS, 20 concurrent 20 MB evidence uploads', target: '< 300 MB', value: fmt(r.evidence.peakRssMB, 0, ' MB'), verdict: atMost(r.evidence.peakRssMB, 299) },
    { metric: 'Records: close of a 2,000-enterprise campaign, first', target: '≤ 30 s', value: fmt(r.records.closeMs, 0, ' ms'), verdict: atMost(r.records.closeMs, 30_000) },
  ];
}

export function printTable(r: BenchResults, extra: Array<[string, string]>, log: (line: string) => void): Row[] {
  const table = rows(r);
  const widths = [Math.max(...table.map((x) => x.metric.length)), Math.max(...table.map((x) => x.target.length)), Math.max(...table.map((x) => x.value.length))];
  const line = (cells: string[]) => cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ');
  log('');
  log(line(['Metric', 'Target', 'Result', 'Verdict']));
  log(line(['-'.repeat(widths[0]!), '-'.repeat(widths[1]!), '-'.repeat(widths[2]!), '-------']));
  for (const row of table) log(line([row.metric, row.target, row.value, row.verdict]));
  if (extra.length > 0) {
    log('');
    for (const [k, v] of extra) log(`${k}: ${v}`);
  }
  return table;
}

function firstLine(command: string, args: string[]): string | null {
  const out = spawnSync(command, args, { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim().split('\n')[0] ?? null : null;
}

export function describeMachine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgresql: firstLine('psql', ['-h', '127.0.0.1', '-U', 'root', '-d', 'postgres', '-Atc', 'show server_version']),
    ferretdb: 'v1.24.2 (embedded, scripts/ferretdb), PostgreSQL backend',
    redis: firstLine('redis-server', ['--version']),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function writeResults(results: BenchResults, details: unknown): void {
  fs.writeFileSync(path.join(repoRoot, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.mkdirSync(path.join(repoRoot, '.cache', 'bench'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, '.cache', 'bench', 'details.json'), `${JSON.stringify(details, null, 2)}\n`);
}
