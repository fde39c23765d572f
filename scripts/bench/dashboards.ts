/**
 * Dashboards at national scale: the region overview and a table page as the bureau of the
 * biggest region sees them, and the national 37-region table — p50/p95 uncached and cached.
 *
 * One request at a time, nothing else running. "Uncached" means the region's cache generation
 * was bumped just before (what a submit in the region does), so the page is computed from the
 * results; "cached" repeats the same page. The national table has no cache: it reads the 37
 * region summaries and the deltas not folded yet on every call.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient, ObjectId } from 'mongodb';
import { percentile, send } from './load';
import { commandsPerRequest } from './metrics';
import { staffToken } from './ourCode';
import type { BenchCampaign } from './campaign';
import type { BffProcess } from './stack';

export interface Timing {
  p50: number;
  p95: number;
  n: number;
}

export interface DashboardResult {
  overview: { uncached: Timing; cached: Timing; commands: number; byCommand: Record<string, number> };
  table: { uncached: Timing; cached: Timing; commands: number; byCommand: Record<string, number> };
  national: { uncached: Timing; commands: number; byCommand: Record<string, number> };
  region: { code: string; enterprises: number };
  /** What FerretDB charges for one results lookup by _id (a full scan without the PostgreSQL indexes), raw driver, median of 5. */
  scan: { resultsFindByIdMs: number; draftsFindByIdMs: number; resultsDocs: number };
}

/** The floor under every result-touching request at this scale: one lookup by _id, as FerretDB runs it. */
export async function scanCost(campaign: BenchCampaign): Promise<DashboardResult['scan']> {
  const client = await MongoClient.connect(campaign.db.mongodbUri);
  try {
    const db = client.db();
    const time = async (collection: string) => {
      const samples: number[] = [];
      for (const e of campaign.seeded.enterprises.slice(0, 5)) {
        const t0 = performance.now();
        await db.collection(collection).findOne({ _id: new ObjectId(e.id) });
        samples.push(performance.now() - t0);
      }
      return Math.round(percentile(samples.sort((a, b) => a - b), 50));
    };
    return { resultsFindByIdMs: await time('results'), draftsFindByIdMs: await time('drafts'), resultsDocs: await db.collection('results').estimatedDocumentCount() };
  } finally {
    await client.close();
  }
}

async function timed(n: number, before: () => Promise<void>, call: () => Promise<{ status: number; cache?: string }>, expectCache?: string): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    await before();
    const t0 = performance.now();
    const { status, cache } = await call();
    samples.push(performance.now() - t0);
    if (status !== 200) throw new Error(`dashboard request → ${status}`);
    if (expectCache && cache !== expectCache) throw new Error(`expected X-Cache: ${expectCache}, got ${cache}`);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n };
}

export async function measureDashboards(campaign: BenchCampaign, bff: BffProcess, sizes: { uncached: number; cached: number }, log: (line: string) => void): Promise<DashboardResult> {
  const region = campaign.seeded.bigRegion;
  const bureau = await staffToken(bff.url, campaign.seeded.staff.region, '10.251.0.1');
  const national = await staffToken(bff.url, campaign.seeded.staff.national, '10.251.0.2');
  const get = (path: string, token: string) => async () => {
    const reply = await send({ url: bff.url, method: 'GET', path, headers: { authorization: `Bearer ${token}` } }, 120_000);
    const cache = reply.headers['x-cache'];
    return { status: reply.status, cache: typeof cache === 'string' ? cache : undefined };
  };
  const overviewPath = `/api/dashboard/overview?campaignId=${campaign.id}`;
  const tablePath = `/api/dashboard/enterprises?campaignId=${campaign.id}&sort=total&order=desc&page=1&pageSize=20`;
  const nationalPath = `/api/dashboard/regions?campaignId=${campaign.id}`;
  const bump = () => campaign.invalidateRegion(region.code);
  const nothing = async () => undefined;

  // Warm-up: the first request of each kind loads the questionnaire, JIT-compiles, fills pools.
  await get(overviewPath, bureau)();
  await get(tablePath, bureau)();
  await get(nationalPath, national)();

  const once = async (path: string, token: string) => {
    await bump();
    const counted = await commandsPerRequest(bff.url, async () => {
      const { status } = await get(path, token)();
      if (status !== 200) throw new Error(`${path} → ${status}`);
      return 1;
    });
    return counted;
  };
  const overviewCommands = await once(overviewPath, bureau);
  const tableCommands = await once(tablePath, bureau);
  const nationalCommands = await once(nationalPath, national);

  const scan = await scanCost(campaign);
  log(`  FerretDB floor: one results lookup by _id ${scan.resultsFindByIdMs} ms (${scan.resultsDocs} documents), drafts ${scan.draftsFindByIdMs} ms`);
  const overviewUncached = await timed(sizes.uncached, bump, get(overviewPath, bureau), 'miss');
  log(`  region overview (${region.code}, ${region.enterprises} enterprises) uncached: p50 ${overviewUncached.p50.toFixed(0)} ms, p95 ${overviewUncached.p95.toFixed(0)} ms`);
  await get(overviewPath, bureau)();
  const overviewCached = await timed(sizes.cached, nothing, get(overviewPath, bureau), 'hit');
  log(`  region overview cached: p50 ${overviewCached.p50.toFixed(1)} ms, p95 ${overviewCached.p95.toFixed(1)} ms`);
  const tableUncached = await timed(sizes.uncached, bump, get(tablePath, bureau), 'miss');
  log(`  table page uncached: p50 ${tableUncached.p50.toFixed(0)} ms, p95 ${tableUncached.p95.toFixed(0)} ms`);
  await get(tablePath, bureau)();
  const tableCached = await timed(sizes.cached, nothing, get(tablePath, bureau), 'hit');
  log(`  table page cached: p50 ${tableCached.p50.toFixed(1)} ms, p95 ${tableCached.p95.toFixed(1)} ms`);
  const nationalUncached = await timed(sizes.uncached, nothing, get(nationalPath, national));
  log(`  national table: p50 ${nationalUncached.p50.toFixed(0)} ms, p95 ${nationalUncached.p95.toFixed(0)} ms`);
  log(
    `  db commands: overview ${overviewCommands.perRequest} ${JSON.stringify(overviewCommands.byCommand)}, table ${tableCommands.perRequest} ${JSON.stringify(tableCommands.byCommand)}, national ${nationalCommands.perRequest} ${JSON.stringify(nationalCommands.byCommand)}`,
  );
  return {
    overview: { uncached: overviewUncached, cached: overviewCached, commands: overviewCommands.perRequest, byCommand: overviewCommands.byCommand },
    table: { uncached: tableUncached, cached: tableCached, commands: tableCommands.perRequest, byCommand: tableCommands.byCommand },
    national: { uncached: nationalUncached, commands: nationalCommands.perRequest, byCommand: nationalCommands.byCommand },
    region,
    scan,
  };
}
