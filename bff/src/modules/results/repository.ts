import { Types } from 'mongoose';
import { effectiveDeadline } from '@assess/shared';
import type { Cache } from '../../lib/cache';
import type { Clock } from '../../lib/clock';
import type { LeasedMutex } from '../../lib/leasedMutex';
import { mapLimited } from '../../lib/mapLimited';
import { collectionOf, insertManyTolerant } from '../../lib/mongo';
import type { CampaignDoc } from '../campaigns/model';
import type { TitleHeld, Track } from '../enterprises/model';
import { generations } from './cacheKeys';
import { draftWrites, type DraftEdit } from './drafts';
import { rebuildWrites } from './rebuild';
import type { AttemptModel, DraftDoc, DraftModel, EnterpriseFacts, LineKind, ResultDoc, ResultModel } from './model';
import { factsOf, newResult } from './newResult';
import { changeResult } from './resultWrites';
import { rosterRowOf } from './roster';
import type { RosterStore } from './rosters';
import { submitWrites, type SubmitWrites } from './submitWrites';
import type { SummaryStore } from './summaries';

/** Enterprises updated at once when a window changes on FerretDB, each under its own lock. */
const WINDOW_CONCURRENCY = 8;

type Id = Types.ObjectId | string;
const idOf = (id: Id): Types.ObjectId => (typeof id === 'string' ? new Types.ObjectId(id) : id);
type CampaignWindow = Pick<CampaignDoc, '_id' | 'opensAt' | 'closesAt'>;

export interface ResultRepositoryDeps {
  models: { results: ResultModel; drafts: DraftModel; attempts: AttemptModel };
  summaries: SummaryStore;
  rosters: RosterStore;
  /** One enterprise's writes at a time: in this process, and across instances on FerretDB. */
  locks: LeasedMutex;
  clock: Clock;
  cache: Cache;
}

/**
 * The one owner of an enterprise's assessment state — its result, its working draft and its
 * submitted attempts — and of what is derived from them (region summaries and rosters). No other
 * module reads or writes those collections: they call the reads and the writes below. Each write
 * of an enterprise's state runs under that enterprise's lock, which FerretDB needs (it loses
 * concurrent updates of one document) and MongoDB does not mind; each write that moves the
 * enterprise's roster row records the row the same change produced (resultWrites.ts).
 */
/** One enterprise's row of a campaign's close (`closingRows`). */
export interface ClosingRow {
  _id: Types.ObjectId;
  uscc: string;
  name: string;
  regionCode: string;
  track: Track;
  titleHeld: TitleHeld;
  line: LineKind;
  final: { total: number } | null;
}

export function resultRepository(deps: ResultRepositoryDeps) {
  const { summaries, rosters, locks, clock, cache } = deps;
  const results = collectionOf(deps.models.results);
  const drafts = collectionOf(deps.models.drafts);
  const attempts = collectionOf(deps.models.attempts);

  /** Dashboards cache by generation: a change in a region orphans that region's cached pages. */
  async function changed(campaignId: Types.ObjectId, regionCode: string): Promise<void> {
    await Promise.all([cache.invalidate(generations.region(String(campaignId), regionCode)), cache.invalidate(generations.anyRegion(String(campaignId)))]);
  }
  const locked = <T>(enterpriseId: Id, work: () => Promise<T>): Promise<T> => locks.run(String(enterpriseId), work);
  const draftsOf = draftWrites({ drafts, results, summaries, changed });
  const maintenance = rebuildWrites({ results, attempts, summaries, rosters, clock, locked });

  return {
    // ── reads ─────────────────────────────────────────────────────────────────────────────────

    /** An enterprise's result (`_id` = the enterprise's id). */
    get: (enterpriseId: Id): Promise<ResultDoc | null> => results.findOne({ _id: idOf(enterpriseId) }),

    /** The key version a token must carry (null: no such enterprise). */
    async keyVersion(enterpriseId: Id): Promise<number | null> {
      const result = await results.findOne({ _id: idOf(enterpriseId) }, { projection: { keyVersion: 1 } });
      return result?.keyVersion ?? null;
    },

    draft: (enterpriseId: Id): Promise<DraftDoc | null> => drafts.findOne({ _id: idOf(enterpriseId) }),

    /** The draft without its answers (what the home screen says about it). */
    draftHeader: (enterpriseId: Id): Promise<Omit<DraftDoc, 'answers'> | null> => drafts.findOne<Omit<DraftDoc, 'answers'>>({ _id: idOf(enterpriseId) }, { projection: { answers: 0 } }),

    /** A submitted attempt; with `enterpriseId`, only when it is that enterprise's. */
    attempt: (attemptId: Id, enterpriseId?: Id) =>
      attempts.findOne(enterpriseId === undefined ? { _id: idOf(attemptId) } : { _id: idOf(attemptId), enterpriseId: idOf(enterpriseId) }),

    /** Every final total of a campaign with its pass line (publishing the lines fixes 优秀 from them). */
    finalTotals: (campaignId: Types.ObjectId) =>
      results.find<{ line: LineKind; final: { total: number } }>({ campaignId, final: { $ne: null } }, { projection: { line: 1, 'final.total': 1 } }).toArray(),

    /**
     * What a campaign's close adds to the enterprises' lasting records, in one scan: each
     * enterprise's identity, track, line and final total (the records module reads no result).
     */
    closingRows: (campaignId: Types.ObjectId) =>
      results
        .find<ClosingRow>({ campaignId }, { projection: { uscc: 1, name: 1, regionCode: 1, track: 1, titleHeld: 1, line: 1, 'final.total': 1 } })
        .toArray(),

    // ── one enterprise's writes, each under its lock ──────────────────────────────────────────

    /**
     * Runs a submit's writes under the enterprise's lock. `story` receives them (reserve the
     * number, insert the attempt, fold it into the result, record the delta: see submitWrites.ts)
     * and is the only place they can be called.
     */
    applySubmit: <T>(enterpriseId: string, story: (writes: SubmitWrites) => Promise<T>): Promise<T> =>
      locked(enterpriseId, () => story(submitWrites({ results, attempts, summaries, clock, changed }, idOf(enterpriseId)))),

    /** The first login moves a not-started enterprise to logged in (counted in its region's summary). */
    markLoggedIn: (enterpriseId: Types.ObjectId, campaignId: Types.ObjectId, regionCode: string): Promise<void> =>
      locked(enterpriseId, async () => {
        const now = clock.now();
        const moved = await changeResult(results, { _id: enterpriseId, status: 'not_started' }, { set: { status: 'logged_in', firstLoginAt: now, updatedAt: now }, inc: { rev: 1 } });
        if (!moved) return;
        await summaries.record(campaignId, regionCode, { loggedIn: 1 }, rosterRowOf(moved.after));
        await changed(campaignId, regionCode);
      }),

    /** Starts (or resumes, by the client's key) the working draft; refused outside the window or with a revoked token. */
    startDraft: (enterpriseId: string, keyVersion: number, clientKey: string) => locked(enterpriseId, () => draftsOf.start(idOf(enterpriseId), keyVersion, clientKey, clock.now())),

    /** Saves a draft edit received at `receivedAt` (one conditional update; a stale revision is DRAFT_CONFLICT). */
    saveDraft: (enterpriseId: string, keyVersion: number, edit: DraftEdit, receivedAt: Date) => locked(enterpriseId, () => draftsOf.save(idOf(enterpriseId), keyVersion, edit, receivedAt)),

    /** A reset key: tokens of older key versions stop working for submits and draft saves at once. */
    revokeKey: (enterpriseId: Types.ObjectId, keyVersion: number): Promise<void> =>
      locked(enterpriseId, async () => {
        await results.updateOne({ _id: enterpriseId }, { $set: { keyVersion } });
        await drafts.updateOne({ _id: enterpriseId }, { $set: { keyVersion } });
      }),

    /** An extension for one enterprise: its deadline becomes the later of the close and `until` (shared rule). */
    setExtension: (enterpriseId: Types.ObjectId, until: Date, closesAt: Date): Promise<Date> =>
      locked(enterpriseId, async () => {
        const deadline = effectiveDeadline(closesAt, until);
        await results.updateOne({ _id: enterpriseId }, { $set: { extensionUntil: until, deadline, updatedAt: clock.now() } });
        await drafts.updateOne({ _id: enterpriseId }, { $set: { deadline } });
        return deadline;
      }),

    // ── a campaign's writes ───────────────────────────────────────────────────────────────────

    /**
     * Copies a changed window onto every result and draft of the campaign, each enterprise's
     * deadline its own (`effectiveDeadline`: extensions kept). Where single-document updates are
     * atomic (MongoDB), one update per collection; on FerretDB an unlocked update of many
     * documents can lose a submit landing meanwhile, so there each enterprise is updated under
     * its lock.
     */
    async applyWindow(campaign: CampaignWindow): Promise<void> {
      const { _id: campaignId, opensAt, closesAt } = campaign;
      const deadlineOf = (result: Pick<ResultDoc, 'extensionUntil'>) => effectiveDeadline(closesAt, result.extensionUntil);
      const setWindow = async (enterpriseId: Types.ObjectId, deadline: Date) => {
        await results.updateOne({ _id: enterpriseId }, { $set: { opensAt, deadline } });
        await drafts.updateOne({ _id: enterpriseId }, { $set: { opensAt, deadline } });
      };
      if (await locks.holdsAcrossInstances()) {
        const all = await results.find({ campaignId }, { projection: { extensionUntil: 1 } }).toArray();
        await mapLimited(all, WINDOW_CONCURRENCY, (result) => locked(result._id, () => setWindow(result._id, deadlineOf(result))));
        return;
      }
      await results.updateMany({ campaignId, extensionUntil: null }, { $set: { opensAt, deadline: closesAt } });
      await drafts.updateMany({ campaignId }, { $set: { opensAt, deadline: closesAt } });
      const extended = await results.find({ campaignId, extensionUntil: { $ne: null } }, { projection: { extensionUntil: 1 } }).toArray();
      for (const result of extended) await setWindow(result._id, deadlineOf(result));
    },

    /**
     * An import's enterprises: a result for each one added (inserted once; one already there is
     * left as it is), and each changed one's copied facts rewritten under its lock. Says how many
     * changed enterprises had submitted and moved region or pass line (their summaries need a
     * rebuild).
     */
    async applyImport(campaign: CampaignWindow, entries: { added?: ReadonlyArray<{ _id: Types.ObjectId; facts: EnterpriseFacts }>; changed?: ReadonlyArray<{ _id: Types.ObjectId; facts: EnterpriseFacts }> }): Promise<{ movedAfterSubmit: number }> {
      const now = clock.now();
      await insertManyTolerant(results, (entries.added ?? []).map(({ _id, facts }) => newResult(_id, campaign, facts, now)));
      let movedAfterSubmit = 0;
      for (const { _id, facts } of entries.changed ?? []) {
        const moved = await locked(_id, () => changeResult(results, { _id }, { set: { ...factsOf(facts), updatedAt: now }, inc: { rev: 1 } }));
        if (moved?.before.final && (moved.before.regionCode !== facts.regionCode || moved.before.line !== facts.line)) movedAfterSubmit += 1;
      }
      return { movedAfterSubmit };
    },

    /** After imports, window or pass-line changes: every cached page of the campaign goes. */
    async campaignChanged(campaignId: Types.ObjectId): Promise<void> {
      await cache.invalidate(generations.campaign(String(campaignId)));
    },

    /**
     * Recomputes every result's final and history of a campaign from its attempts with the shared
     * final-attempt rule, then the region summaries and rosters from the results. The repair for
     * anything a crash between two writes left behind; never run per request.
     */
    rebuildCampaign: (campaignId: Types.ObjectId) => summaries.exclusive(() => maintenance.rebuild(campaignId)),

    /**
     * Recounts the import-driven counters (enterprises per region and track; submit counters
     * untouched) and rewrites the rosters from the results (an import adds and moves enterprises).
     */
    recountEnterprises: (campaignId: Types.ObjectId) => summaries.exclusive(() => maintenance.recount(campaignId)),
  };
}

export type ResultRepository = ReturnType<typeof resultRepository>;
