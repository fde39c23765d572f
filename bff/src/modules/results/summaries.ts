import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { collectionOf, withTimeout } from '../../lib/mongo';
import { summaryId, type RegionSummaryDoc, type RegionSummaryModel, type SummaryDeltaDoc, type SummaryDeltaModel } from './summaryModel';
import { mergeRows, type RosterRow } from './roster';
import type { RosterStore } from './rosters';

const LEASE_KEY = 'lease:summary-compactor';
const LEASE_MS = 15_000;
const BATCH = 5_000;
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Adds `value` at a dotted path of a plain object ('hist.advantage__review.734'). */
export function addAtPath(target: Record<string, unknown>, path: string, value: number): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const leaf = parts.at(-1)!;
  node[leaf] = ((node[leaf] as number | undefined) ?? 0) + value;
}

export function emptySummary(campaignId: Types.ObjectId, regionCode: string, now: Date): RegionSummaryDoc {
  return { _id: summaryId(campaignId, regionCode), campaignId, regionCode, enterprises: 0, byTrack: {}, loggedIn: 0, submitted: 0, attempts: 0, scoreSum: 0, dimSums: {}, hist: {}, lastBatch: null, updatedAt: now };
}

/**
 * Region summaries kept in step with every submit through appended deltas (see
 * SummaryDeltaDoc) and folded by one compactor at a time, holding a lease in Redis. Readers add
 * the deltas not folded yet, so what they see is exact either way; without Redis nothing is
 * folded and reads simply add more deltas.
 */
export function summaryStore(deps: { summaries: RegionSummaryModel; deltas: SummaryDeltaModel; redis: Redis; clock: Clock; logger: Logger; rosters: RosterStore }) {
  const { redis, clock, logger, rosters } = deps;
  const summaries = collectionOf(deps.summaries);
  const deltas = collectionOf(deps.deltas);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function acquire(): Promise<string | null> {
    const token = randomBytes(8).toString('hex');
    const ok = await withTimeout(redis.set(LEASE_KEY, token, 'PX', LEASE_MS, 'NX'), 500).catch(() => null);
    return ok === 'OK' ? token : null;
  }
  async function release(token: string): Promise<void> {
    await withTimeout(redis.eval(RELEASE_SCRIPT, 1, LEASE_KEY, token), 500).catch(() => undefined);
  }

  function fold(summary: RegionSummaryDoc, delta: SummaryDeltaDoc): void {
    const counts: Record<string, unknown> = { ...summary };
    for (const { p, v } of delta.inc) addAtPath(counts, p, v);
    Object.assign(summary, counts);
  }

  /**
   * Applies one batch of deltas to their summaries, each summary update stamped with the batch.
   * Only a batch a stopped run left (`resumed`) can have reached a summary already.
   */
  async function apply(batchId: string, batch: SummaryDeltaDoc[], resumed: boolean): Promise<void> {
    const bySummary = new Map<string, SummaryDeltaDoc[]>();
    for (const delta of batch) bySummary.set(delta.summaryId, [...(bySummary.get(delta.summaryId) ?? []), delta]);
    for (const [id, list] of bySummary) {
      const first = list[0]!;
      // Rows first: folding them again is harmless (rev order), so a stopped run's rows are never skipped.
      const rows = list.flatMap((delta) => (delta.row ? [delta.row] : []));
      if (rows.length > 0) await rosters.fold(first.campaignId, first.regionCode, rows);
      if (resumed) {
        const current = await summaries.findOne({ _id: id });
        if (current?.lastBatch === batchId) continue; // applied by a run that stopped before deleting
      }
      const inc: Record<string, number> = {};
      for (const delta of list) for (const { p, v } of delta.inc) inc[p] = (inc[p] ?? 0) + v;
      await summaries.updateOne(
        { _id: id },
        { $inc: inc, $set: { lastBatch: batchId, updatedAt: clock.now() }, $setOnInsert: { campaignId: first.campaignId, regionCode: first.regionCode } },
        { upsert: true },
      );
    }
    await deltas.deleteMany({ batch: batchId });
  }

  /**
   * One compaction step: first finish a batch a stopped run left marked, then mark, apply and
   * delete a new one. Marking first makes a crash at any point safe to resume.
   */
  async function compactBatch(): Promise<number> {
    const leftover = await deltas.find({ batch: { $exists: true } }).toArray();
    if (leftover.length > 0) {
      const byBatch = new Map<string, SummaryDeltaDoc[]>();
      for (const delta of leftover) byBatch.set(delta.batch!, [...(byBatch.get(delta.batch!) ?? []), delta]);
      for (const [batchId, list] of byBatch) await apply(batchId, list, true);
      return leftover.length;
    }
    const fresh = await deltas.find({}).limit(BATCH).toArray();
    if (fresh.length === 0) return 0;
    const batchId = randomBytes(8).toString('hex');
    await deltas.updateMany({ _id: { $in: fresh.map((delta) => delta._id) } }, { $set: { batch: batchId } });
    await apply(batchId, fresh.map((delta) => ({ ...delta, batch: batchId })), false);
    return fresh.length;
  }

  const store = {
    /**
     * Appends one event's changes, and the enterprise's roster row after it when it changed (one
     * insert: never lost, even under concurrent writers).
     */
    async record(campaignId: Types.ObjectId, regionCode: string, inc: Record<string, number>, row?: RosterRow): Promise<void> {
      const entries = Object.entries(inc).filter(([, v]) => v !== 0);
      if (entries.length === 0 && !row) return;
      await deltas.insertOne({
        _id: new Types.ObjectId(),
        summaryId: summaryId(campaignId, regionCode),
        campaignId,
        regionCode,
        inc: entries.map(([p, v]) => ({ p, v })),
        ...(row ? { row } : {}),
      });
    },

    /**
     * The roster rows of one region (or of every region), exact: the stored roster plus the rows
     * of deltas not folded yet. Two reads for a region, whatever its size.
     */
    async rosterRows(campaignId: Types.ObjectId, regionCode: string | null): Promise<RosterRow[]> {
      const pendingFilter = regionCode ? { summaryId: summaryId(campaignId, regionCode) } : { campaignId };
      const [stored, pending] = await Promise.all([
        regionCode ? rosters.region(campaignId, regionCode) : rosters.all(campaignId),
        deltas.find({ ...pendingFilter, row: { $exists: true } }).toArray(),
      ]);
      return [...mergeRows(stored, pending.flatMap((delta) => (delta.row ? [delta.row] : []))).values()];
    },

    /** Folds pending deltas if this instance gets the lease; returns how many were folded. */
    async compactOnce(): Promise<number> {
      const token = await acquire();
      if (!token) return 0;
      try {
        let total = 0;
        for (let folded = await compactBatch(); folded > 0; folded = await compactBatch()) total += folded;
        return total;
      } finally {
        await release(token);
      }
    },

    /**
     * Runs maintenance that rewrites summaries (recount, rebuild) while no compactor runs. Waits
     * for the lease; without Redis it proceeds (a maintenance run is started by a person).
     */
    async exclusive<T>(work: () => Promise<T>): Promise<T> {
      let token: string | null = null;
      for (let tries = 0; tries < 40 && !token; tries++) {
        token = await acquire();
        if (!token) await new Promise((r) => setTimeout(r, 250));
      }
      try {
        return await work();
      } finally {
        if (token) await release(token);
      }
    },

    /**
     * Replaces a campaign's summaries with recomputed ones (a rebuild, under `exclusive`). Their
     * counts include every pending delta's event, so the deltas go too.
     */
    async replaceAll(campaignId: Types.ObjectId, recomputed: readonly RegionSummaryDoc[]): Promise<void> {
      await deltas.deleteMany({ campaignId });
      await summaries.deleteMany({ campaignId });
      if (recomputed.length > 0) await summaries.insertMany([...recomputed]);
    },

    /** Sets the enterprises each region counts, by track (after an import; submit counters untouched). */
    async setEnterpriseCounts(campaignId: Types.ObjectId, counts: ReadonlyMap<string, { enterprises: number; byTrack: Record<string, number> }>): Promise<void> {
      for (const [regionCode, entry] of counts) {
        await summaries.updateOne(
          { _id: summaryId(campaignId, regionCode) },
          { $set: { campaignId, regionCode, enterprises: entry.enterprises, byTrack: entry.byTrack, updatedAt: clock.now() } },
          { upsert: true },
        );
      }
    },

    /** The campaign's region summaries, exact: stored counts plus deltas not folded yet. */
    async read(campaignId: Types.ObjectId): Promise<RegionSummaryDoc[]> {
      const [stored, pending] = await Promise.all([
        summaries.find({ campaignId }).toArray(),
        deltas.find({ campaignId }).sort({ _id: 1 }).toArray(),
      ]);
      const byId = new Map(stored.map((summary) => [summary._id, summary]));
      for (const delta of pending) {
        let summary = byId.get(delta.summaryId);
        if (!summary) {
          summary = emptySummary(campaignId, delta.regionCode, clock.now());
          byId.set(delta.summaryId, summary);
        }
        if (delta.batch && summary.lastBatch === delta.batch) continue; // folded, not yet deleted
        fold(summary, delta);
      }
      return [...byId.values()];
    },

    /**
     * Every 5 s: readers are exact whatever is pending, so folding more often only adds database
     * commands (three per region touched, each cycle) to those of the submits.
     */
    start(intervalMs = 5_000): void {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = store
          .compactOnce()
          .catch((error: unknown) => logger.warn({ err: error }, 'summary compaction failed'))
          .finally(() => (running = null));
      }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
  return store;
}

export type SummaryStore = ReturnType<typeof summaryStore>;
