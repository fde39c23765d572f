import { MongoServerError } from 'mongodb';
import type { Types } from 'mongoose';
import type { Clock } from '../../lib/clock';
import { collectionOf } from '../../lib/mongo';
import type { ResultModel } from './model';
import { summaryId, type RegionRosterDoc, type RegionRosterModel } from './summaryModel';
import { mergeRows, packRows, rosterProjection, rosterRowOf, unpackRows, type RosterRow, type RosterSource } from './roster';

/** A region's results in one reply (the driver's first batch of 101 would add round trips). */
const ONE_BATCH = 100_000;
const WRITE_TRIES = 5;
/** Recent rows kept apart from the base before a fold merges them in (see write). */
const RECENT_LIMIT = 300;

const byId = (rows: Iterable<RosterRow>) => new Map([...rows].map((row) => [row.id, row]));

/**
 * The stored region rosters (RegionRosterDoc). Rows only ever move forward by rev, so folding the
 * same rows twice, or in another order, leaves the same roster: the compactor can repeat a batch
 * after a crash, and a roster built from the results can meet rows already in it.
 */
export function rosterStore(deps: { rosters: RegionRosterModel; results: ResultModel; clock: Clock; recentLimit?: number }) {
  const { clock, recentLimit = RECENT_LIMIT } = deps;
  const rosters = collectionOf(deps.rosters);
  const results = collectionOf(deps.results);

  /** The region's rows from its results: for a roster not stored yet (a database from before rosters). */
  async function fromResults(campaignId: Types.ObjectId, regionCode: string): Promise<Map<string, RosterRow>> {
    const docs = await results.find<RosterSource>({ campaignId, regionCode }, { projection: rosterProjection, batchSize: ONE_BATCH }).toArray();
    return byId(docs.map(rosterRowOf));
  }

  /**
   * Writes a roster, conditional on the version read. `recent` alone when the base is unchanged:
   * a fold then costs the few rows changed since the last merge, not the region's thousands.
   */
  async function write(campaignId: Types.ObjectId, regionCode: string, parts: { base?: Map<string, RosterRow>; recent: Map<string, RosterRow> }, version: number | null): Promise<boolean> {
    const _id = summaryId(campaignId, regionCode);
    const recent = await packRows(parts.recent.values());
    const rows = parts.base ? await packRows(parts.base.values()) : null;
    const updatedAt = clock.now();
    if (version === null) {
      try {
        await rosters.insertOne({ _id, campaignId, regionCode, rows: rows ?? (await packRows([])), recent, version: 1, updatedAt });
        return true;
      } catch (error) {
        if (error instanceof MongoServerError && error.code === 11000) return false;
        throw error;
      }
    }
    const outcome = await rosters.updateOne({ _id, version }, { $set: rows ? { recent, rows, updatedAt } : { recent, updatedAt }, $inc: { version: 1 } });
    return outcome.matchedCount === 1;
  }

  const store = {
    /** A stored roster's rows: the base with the recent rows over it. */
    async parse(doc: Pick<RegionRosterDoc, 'rows' | 'recent'>): Promise<Map<string, RosterRow>> {
      const [base, recent] = await Promise.all([unpackRows(doc.rows), doc.recent ? unpackRows(doc.recent) : []]);
      return mergeRows(byId(base), recent);
    },

    /** One region's stored rows, built from the results (and stored) when it has no roster yet. */
    async region(campaignId: Types.ObjectId, regionCode: string): Promise<Map<string, RosterRow>> {
      const doc = await rosters.findOne({ _id: summaryId(campaignId, regionCode) });
      if (doc) return await store.parse(doc);
      const rows = await fromResults(campaignId, regionCode);
      await write(campaignId, regionCode, { base: rows, recent: new Map() }, null);
      return rows;
    },

    /** The stored rows of every region of a campaign. */
    async all(campaignId: Types.ObjectId): Promise<Map<string, RosterRow>> {
      const docs = await rosters.find({ campaignId }).toArray();
      const rows = new Map<string, RosterRow>();
      for (const doc of docs) mergeRows(rows, (await store.parse(doc)).values());
      return rows;
    },

    /**
     * Folds rows into a region's roster (the compactor), again from the top if another writer got
     * there first. They join the recent rows; past RECENT_LIMIT those are merged into the base.
     */
    async fold(campaignId: Types.ObjectId, regionCode: string, updates: readonly RosterRow[]): Promise<void> {
      for (let tries = 0; tries < WRITE_TRIES; tries++) {
        const doc = await rosters.findOne({ _id: summaryId(campaignId, regionCode) });
        let written: boolean;
        if (!doc) {
          written = await write(campaignId, regionCode, { base: mergeRows(await fromResults(campaignId, regionCode), updates), recent: new Map() }, null);
        } else {
          const recent = mergeRows(byId(doc.recent ? await unpackRows(doc.recent) : []), updates);
          const parts = recent.size > recentLimit ? { base: mergeRows(await store.parse(doc), recent.values()), recent: new Map<string, RosterRow>() } : { recent };
          written = await write(campaignId, regionCode, parts, doc.version);
        }
        if (written) return;
      }
      throw new Error(`roster ${summaryId(campaignId, regionCode)}: ${WRITE_TRIES} conflicting writes in a row`);
    },

    /** Replaces a campaign's rosters with these rows (rebuild and recount, under the compactor's lease). */
    async replaceAll(campaignId: Types.ObjectId, rows: readonly RosterRow[]): Promise<void> {
      const byRegion = new Map<string, RosterRow[]>();
      for (const row of rows) {
        if (!byRegion.has(row.regionCode)) byRegion.set(row.regionCode, []);
        byRegion.get(row.regionCode)!.push(row);
      }
      for (const [regionCode, list] of byRegion) {
        const _id = summaryId(campaignId, regionCode);
        await rosters.updateOne(
          { _id },
          { $set: { campaignId, regionCode, rows: await packRows(list), recent: await packRows([]), updatedAt: clock.now() }, $inc: { version: 1 } },
          { upsert: true },
        );
      }
      const held = await rosters.find({ campaignId }, { projection: { regionCode: 1 } }).toArray();
      const emptied = held.filter((doc) => !byRegion.has(doc.regionCode)).map((doc) => doc._id);
      if (emptied.length > 0) await rosters.deleteMany({ _id: { $in: emptied } });
    },
  };
  return store;
}

export type RosterStore = ReturnType<typeof rosterStore>;
