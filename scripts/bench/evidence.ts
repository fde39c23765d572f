/**
 * 示范 evidence uploads (issue 17): the BFF's memory while 20 enterprises each upload a 20 MB file
 * at once through the chunked protocol (create → 1 MB chunks → complete), and one upload's
 * throughput alone. The BFF's RSS is read from /proc/<pid>/status every 50 ms; the target is
 * < 300 MB: chunks go straight into GridFS's chunks collection, and the SHA-256 at completion
 * reads them back two at a time, so nothing holds a whole file.
 *
 * The small campaign is closed (its closesAt moved into the past), lines of 1 point published so
 * every 申报示范 enterprise with a score takes part, and a one-item checklist taking 25 MB PDFs saved.
 */
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { MongoClient, ObjectId } from 'mongodb';
import { send, sendJson } from './load';
import { staffToken } from './ourCode';
import type { BenchCampaign } from './campaign';
import type { BffProcess } from './stack';

export interface EvidenceBenchResult {
  concurrent: { uploads: number; mbEach: number; seconds: number; mbPerSecond: number; peakRssMB: number; idleRssMB: number };
  single: { mb: number; seconds: number; mbPerSecond: number; peakRssMB: number };
}

const MB = 1024 * 1024;
const FILE_MB = 20;
const CONCURRENT = 20;
const rawAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples the BFF's RSS until stopped; answers the peak. */
function sampleRss(pid: number): { stop(): number } {
  let peak = rssMB(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMB(pid));
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMB(pid));
    },
  };
}

function putBytes(url: string, path: string, headers: Record<string, string>, bytes: Buffer): Promise<number> {
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const request = http.request({ agent: rawAgent, hostname: target.hostname, port: target.port, path: target.pathname, method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream', 'content-length': bytes.length }, timeout: 120_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy(new Error('chunk timed out')));
    request.on('error', reject);
    request.end(bytes);
  });
}

async function uploadOne(url: string, headers: Record<string, string>, file: Buffer, name: string): Promise<void> {
  const created = await sendJson<{ uploadId: string; chunks: number; chunkBytes: number }>({ url, method: 'POST', path: '/api/evidence/uploads', headers, body: { itemId: 'bench', filename: name, bytes: file.length, kind: 'pdf' } });
  for (let n = 0; n < created.chunks; n++) {
    const status = await putBytes(url, `/api/evidence/uploads/${created.uploadId}/chunks/${n}`, headers, file.subarray(n * created.chunkBytes, (n + 1) * created.chunkBytes));
    if (status !== 200) throw new Error(`chunk ${n} of ${name} → ${status}`);
  }
  const done = await send({ url, method: 'POST', path: `/api/evidence/uploads/${created.uploadId}/complete`, headers }, 300_000);
  if (done.status !== 200) throw new Error(`complete ${name} → ${done.status} ${done.text.slice(0, 200)}`);
}

export async function measureEvidence(campaign: BenchCampaign, bff: BffProcess, log: (line: string) => void): Promise<EvidenceBenchResult> {
  const national = await staffToken(bff.url, campaign.seeded.staff.national, '10.253.0.1');
  const client = await MongoClient.connect(campaign.db.mongodbUri);
  let ids: string[];
  try {
    const db = client.db();
    await db.collection('campaigns').updateOne({ _id: new ObjectId(campaign.id) }, { $set: { closesAt: new Date(Date.now() - 60_000) } });
    const rows = await db
      .collection('results')
      .find({ campaignId: new ObjectId(campaign.id), track: 'apply_demonstration', 'final.total': { $gte: 1 } }, { projection: { _id: 1 } })
      .limit(CONCURRENT + 1)
      .toArray();
    ids = rows.map((row) => String(row._id));
  } finally {
    await client.close();
  }
  if (ids.length < CONCURRENT + 1) throw new Error(`only ${ids.length} 申报示范 enterprises with a score`);
  await new Promise((resolve) => setTimeout(resolve, 1_200)); // the BFF keeps a campaign up to 1 s
  const as = { authorization: `Bearer ${national}` };
  await sendJson({ url: bff.url, method: 'PUT', path: `/api/admin/campaigns/${campaign.id}/passlines`, headers: as, body: { advantage: 1, demonstration: 1 } });
  const published = await send({ url: bff.url, method: 'POST', path: `/api/admin/campaigns/${campaign.id}/passlines/publish`, headers: as }, 300_000);
  if (published.status !== 200) throw new Error(`publish → ${published.status} ${published.text.slice(0, 200)}`);
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const item = { id: 'bench', title: '基准测试材料', ask: '', required: true, kinds: ['pdf'], maxFiles: 5, maxBytes: 25 * MB, text: null };
  await sendJson({ url: bff.url, method: 'PUT', path: `/api/admin/campaigns/${campaign.id}/evidence-checklist`, headers: as, body: { items: [item], deadline } });

  const byId = new Map(campaign.seeded.enterprises.map((e) => [e.id, e]));
  const enterprises = ids.map((id) => byId.get(id)!).filter(Boolean);
  const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(FILE_MB * MB - 9, 0x41)]);

  // One upload alone: its throughput.
  const first = enterprises[0]!;
  let sampler = sampleRss(bff.pid);
  let t0 = performance.now();
  await uploadOne(bff.url, campaign.headers(first), file, 'bench-single.pdf');
  const singleSeconds = (performance.now() - t0) / 1000;
  const singlePeak = sampler.stop();
  log(`  one ${FILE_MB} MB upload alone: ${singleSeconds.toFixed(1)} s (${(FILE_MB / singleSeconds).toFixed(1)} MB/s), BFF RSS peak ${singlePeak.toFixed(0)} MB`);

  // 20 at once.
  if (global.gc) global.gc();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = rssMB(bff.pid);
  sampler = sampleRss(bff.pid);
  t0 = performance.now();
  await Promise.all(enterprises.slice(1, CONCURRENT + 1).map((e, i) => uploadOne(bff.url, campaign.headers(e), file, `bench-${i}.pdf`)));
  const seconds = (performance.now() - t0) / 1000;
  const peak = sampler.stop();
  log(`  ${CONCURRENT} concurrent ${FILE_MB} MB uploads: ${seconds.toFixed(1)} s (${((CONCURRENT * FILE_MB) / seconds).toFixed(1)} MB/s together), BFF RSS ${idle.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`);
  return {
    concurrent: { uploads: CONCURRENT, mbEach: FILE_MB, seconds, mbPerSecond: (CONCURRENT * FILE_MB) / seconds, peakRssMB: peak, idleRssMB: idle },
    single: { mb: FILE_MB, seconds: singleSeconds, mbPerSecond: FILE_MB / singleSeconds, peakRssMB: singlePeak },
  };
}
