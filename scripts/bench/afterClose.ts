/**
 * After the close (issue 16), at national scale: the working page of the biggest region (≈2,500
 * enterprises at --scale 1) p95 uncached, the package PDF for 2,500 enterprises, and the public
 * 公示 page p95 cached.
 *
 * The national campaign is closed (its closesAt moved into the past) and its lines published
 * through the API; the region's bureau then decides every holder above the line, fills both lists
 * within quota, writes its summary and submits — all through the API — before the working page is
 * timed again with its state full. The PDF is rendered in this process from the submitted snapshot
 * padded to 2,500 rows (the same code the BFF runs). The national bureau confirms the package and
 * opens the 公示, and the public page is read back from Redis.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient, ObjectId } from 'mongodb';
import type { PackageSnapshot, PackageView, WorkPage } from '@assess/shared';
import { packagePdf } from '../../bff/src/modules/reviews/pdf';
import { percentile, send, sendJson } from './load';
import { commandsPerRequest } from './metrics';
import { staffToken } from './ourCode';
import type { BenchCampaign } from './campaign';
import type { BffProcess } from './stack';
import type { Timing } from './dashboards';

export interface AfterCloseResult {
  region: { code: string; enterprises: number };
  workPage: { empty: Timing; full: Timing; commands: number; bytes: number; holders: number; applicants: number };
  submitMs: number;
  pdf: { rows: number; coldMs: number; warm: Timing; bytes: number; pages: number | null };
  publicPage: { miss: number; cached: Timing; bytes: number };
  lines: { advantage: number; demonstration: number };
}

const ROWS = 2_500;

async function timed(n: number, call: () => Promise<void>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n };
}

/** The submitted snapshot with review rows added (copies of its own, renamed) until it has 2,500 enterprises. */
function paddedTo(snapshot: PackageSnapshot, rows: number): PackageSnapshot {
  const have = snapshot.lists.advantage.length + snapshot.lists.demonstration.length + snapshot.reviewResults.length;
  const model = snapshot.reviewResults[0] ?? { enterpriseId: '0', name: '基准企业', uscc: '91440100MA5F0XYZ1K', cityName: '广州市', track: 'assessment', titleHeld: 'advantage', purpose: 'assessment' as const, line: 'advantage' as const, passLine: 60, total: 80, outcome: 'pass' as const, reason: null };
  const extra = Array.from({ length: Math.max(0, rows - have) }, (_, i) => ({ ...model, enterpriseId: `pad${i}`, name: `${model.name}（补${i + 1}）` }));
  return { ...snapshot, reviewResults: [...snapshot.reviewResults, ...extra] };
}

export async function measureAfterClose(campaign: BenchCampaign, bff: BffProcess, sizes: { uncached: number; cached: number }, log: (line: string) => void): Promise<AfterCloseResult> {
  const region = campaign.seeded.bigRegion;
  const national = await staffToken(bff.url, campaign.seeded.staff.national, '10.252.0.1');
  const bureau = await staffToken(bff.url, campaign.seeded.staff.region, '10.252.0.2');
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const q = `campaignId=${campaign.id}&region=${region.code}`;

  // Close the window (the campaign document only: the review reads rosters, not result deadlines) and publish the lines.
  const client = await MongoClient.connect(campaign.db.mongodbUri);
  try {
    await client.db().collection('campaigns').updateOne({ _id: new ObjectId(campaign.id) }, { $set: { closesAt: new Date(Date.now() - 60_000) } });
  } finally {
    await client.close();
  }
  await new Promise((resolve) => setTimeout(resolve, 1_200)); // the BFF keeps a campaign up to 1 s
  const lines = { advantage: 60, demonstration: 70 };
  await sendJson({ url: bff.url, method: 'PUT', path: `/api/admin/campaigns/${campaign.id}/passlines`, headers: as(national), body: lines });
  const t0 = performance.now();
  const published = await send({ url: bff.url, method: 'POST', path: `/api/admin/campaigns/${campaign.id}/passlines/publish`, headers: as(national) }, 300_000);
  if (published.status !== 200) throw new Error(`publish → ${published.status} ${published.text.slice(0, 200)}`);
  log(`  campaign closed, lines ${lines.advantage}/${lines.demonstration} published in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const getWork = async () => {
    const reply = await send({ url: bff.url, method: 'GET', path: `/api/reviews/work?${q}`, headers: as(bureau) }, 60_000);
    if (reply.status !== 200) throw new Error(`work page → ${reply.status} ${reply.text.slice(0, 200)}`);
    return reply;
  };
  const first = await getWork();
  const page = JSON.parse(first.text) as WorkPage;
  const empty = await timed(sizes.uncached, async () => void (await getWork()));
  log(`  working page ${region.code} (${region.enterprises} enterprises, ${page.holders.length} holders, ${page.applicants.advantage.length + page.applicants.demonstration.length} applicants above the line, ${Math.round(first.text.length / 1024)} KB): p50 ${empty.p50.toFixed(0)} ms, p95 ${empty.p95.toFixed(0)} ms (empty state)`);

  // The region's work, through the API: every holder above its line passed, both lists within quota, the summary, the submit.
  const write = async (method: 'POST' | 'PUT', path: string, body: unknown) => JSON.parse((await send({ url: bff.url, method, path: `${path}?${q}`, headers: as(bureau), body }, 120_000)).text) as WorkPage;
  const items = page.holders.flatMap((holder) => holder.judgements.filter((j) => j.reachedLine).map((j) => ({ enterpriseId: holder.id, purpose: j.purpose, outcome: 'pass' as const })));
  for (let i = 0; i < items.length; i += 800) await write('POST', '/api/reviews/decisions', { items: items.slice(i, i + 800) });
  for (const title of ['advantage', 'demonstration'] as const) {
    const entries = page.applicants[title].filter((a) => a.withinQuota).map((a) => ({ enterpriseId: a.id, priorityReason: a.specialized ? null : '基准测试：择优推荐' }));
    await write('PUT', '/api/reviews/lists', { title, entries });
  }
  const ready = await write('PUT', '/api/reviews/summary', { summary: '基准测试：评审情况。' });
  if (ready.issues.length > 0) throw new Error(`package not ready: ${JSON.stringify(ready.issues.slice(0, 3))}`);
  const s0 = performance.now();
  const submitted = await write('POST', '/api/reviews/package/submit', { rev: ready.rev });
  const submitMs = performance.now() - s0;
  log(`  ${items.length} decisions, lists ${ready.lists.map((l) => `${l.title} ${l.placesUsed}/${l.quota}`).join(', ')}; submitted ${submitted.package.documentNumber} in ${submitMs.toFixed(0)} ms (PDF made with it)`);

  const full = await timed(sizes.uncached, async () => void (await getWork()));
  const counted = await commandsPerRequest(bff.url, async () => {
    await getWork();
    return 1;
  });
  log(`  working page with its state full: p50 ${full.p50.toFixed(0)} ms, p95 ${full.p95.toFixed(0)} ms; ${counted.perRequest} db commands ${JSON.stringify(counted.byCommand)}`);

  // The PDF for 2,500 enterprises, from the submitted snapshot.
  const view = await sendJson<PackageView>({ url: bff.url, method: 'GET', path: `/api/reviews/package?${q}`, headers: as(bureau) });
  const snapshot = paddedTo(view.snapshot!, ROWS);
  const c0 = performance.now();
  const bytes = await packagePdf(snapshot, submitted.package.digest!);
  const coldMs = performance.now() - c0;
  const warm = await timed(3, async () => void (await packagePdf(snapshot, submitted.package.digest!)));
  const pages = /\/Count (\d+)/.exec(bytes.toString('latin1'))?.[1];
  log(`  package PDF, ${ROWS} enterprises: cold ${coldMs.toFixed(0)} ms (font read, code compiled), warm p50 ${warm.p50.toFixed(0)} ms / max ${warm.p95.toFixed(0)} ms; ${Math.round(bytes.length / 1024)} KB, ${pages ?? '?'} pages`);

  // 公示: confirmed, the period open, the public page from Redis.
  await sendJson({ url: bff.url, method: 'POST', path: `/api/admin/campaigns/${campaign.id}/packages/confirm`, headers: as(national), body: { regionCode: region.code, version: submitted.package.version } });
  await sendJson({ url: bff.url, method: 'PUT', path: `/api/admin/campaigns/${campaign.id}/publicity`, headers: as(national), body: { startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } });
  const publicPath = `/api/public/campaigns/${campaign.id}/publicity`;
  const m0 = performance.now();
  const miss = await send({ url: bff.url, method: 'GET', path: publicPath });
  const missMs = performance.now() - m0;
  if (miss.status !== 200) throw new Error(`public page → ${miss.status} ${miss.text.slice(0, 200)}`);
  const cached = await timed(sizes.cached, async () => {
    const reply = await send({ url: bff.url, method: 'GET', path: publicPath });
    if (reply.status !== 200 || reply.headers['x-cache'] !== 'hit') throw new Error(`public page → ${reply.status} X-Cache ${String(reply.headers['x-cache'])}`);
  });
  log(`  public 公示 page (${Math.round(miss.text.length / 1024)} KB): miss ${missMs.toFixed(0)} ms, cached p50 ${cached.p50.toFixed(1)} ms, p95 ${cached.p95.toFixed(1)} ms`);

  return {
    region,
    workPage: { empty, full, commands: counted.perRequest, bytes: first.text.length, holders: page.holders.length, applicants: page.applicants.advantage.length + page.applicants.demonstration.length },
    submitMs,
    pdf: { rows: ROWS, coldMs, warm, bytes: bytes.length, pages: pages ? Number(pages) : null },
    publicPage: { miss: missMs, cached, bytes: miss.text.length },
    lines,
  };
}
