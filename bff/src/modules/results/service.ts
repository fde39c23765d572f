import type { Types } from 'mongoose';
import { Binary } from 'mongodb';
import { factIds, finalAttempt, integrityFlags, numericFacts, type AnswerPrint } from '@assess/shared';
import type { Clock } from '../../lib/clock';
import type { Cache } from '../../lib/cache';
import { generations } from './cacheKeys';
import type { Models } from '../../lib/models';
import type { AttemptDoc } from '../attempts/model';
import { emptySummary, type SummaryStore } from './summaries';
import type { RosterStore } from './rosters';
import { rosterProjection, rosterRowOf, type RosterRow } from './roster';
import { histKey, scoreBucket, summaryId, type FinalAttempt, type HistoryEntry, type LastAnswers, type RegionSummaryDoc, type ResultDoc } from './model';

/** Compares two finals the way `$max` does: receipt time first, then attempt number. */
export function isLaterFinal(candidate: Pick<FinalAttempt, 'submittedAt' | 'number'>, current: Pick<FinalAttempt, 'submittedAt' | 'number'> | null): boolean {
  if (!current) return true;
  const dt = candidate.submittedAt.getTime() - current.submittedAt.getTime();
  return dt > 0 || (dt === 0 && candidate.number > current.number);
}

/**
 * Whether an attempt is the final once applied to `before`: later than the final held, or the
 * final held already (a replayed submit: the first response was lost, the attempt was applied).
 */
export function countsAfter(before: Pick<ResultDoc, 'final'>, final: Pick<FinalAttempt, 'submittedAt' | 'number' | 'attemptId'>): boolean {
  if (before.final && String(before.final.attemptId) === String(final.attemptId)) return true;
  return isLaterFinal(final, before.final);
}

export function finalFromAttempt(attempt: Pick<AttemptDoc, '_id' | 'number' | 'submittedAt' | 'score'>): FinalAttempt {
  // Field order matters: submittedAt, then number (see FinalAttempt).
  return {
    submittedAt: attempt.submittedAt,
    number: attempt.number,
    attemptId: attempt._id,
    total: attempt.score.total,
    base: attempt.score.base,
    bonus: attempt.score.bonus,
    dimensions: Object.fromEntries(attempt.score.dimensions.map((d) => [d.id, d.score])),
  };
}

const FACT_IDS = factIds();
/** A rebuild reads only what results keep of each attempt: not the whole answer sets. */
const REBUILD_PROJECTION = Object.fromEntries([
  ...['enterpriseId', 'campaignId', 'regionCode', 'number', 'submittedAt', 'startedAt', 'changedAnswers', 'score'].map((field) => [field, 1]),
  ...FACT_IDS.map((id) => [`answers.${id}`, 1]),
]);

export function historyEntry(attempt: Pick<AttemptDoc, '_id' | 'number' | 'submittedAt' | 'startedAt' | 'score' | 'answers' | 'changedAnswers'>): HistoryEntry {
  const seconds = attempt.startedAt ? Math.max(0, Math.round((+attempt.submittedAt - +attempt.startedAt) / 1000)) : null;
  const entry: HistoryEntry = { number: attempt.number, attemptId: attempt._id, submittedAt: attempt.submittedAt, total: attempt.score.total, seconds, facts: numericFacts(attempt.answers, FACT_IDS) };
  // Only when known: `$addToSet` compares whole entries, and a replay must add nothing, whatever
  // version of this code wrote the entry first.
  if (typeof attempt.changedAnswers === 'number') entry.changed = attempt.changedAnswers;
  return entry;
}

/** What the result keeps of an attempt's answers for the next one's changed count (see LastAnswers). */
export function lastAnswersOf(attempt: Pick<AttemptDoc, 'submittedAt' | 'number'>, print: AnswerPrint): LastAnswers {
  // Field order matters, as in FinalAttempt: submittedAt, then number.
  return { submittedAt: attempt.submittedAt, number: attempt.number, print: new Binary(print) };
}

/** The print held on a result, as bytes (null when none is kept yet). */
export function heldPrint(result: Pick<ResultDoc, 'lastAnswers'>): AnswerPrint | null {
  const print = result.lastAnswers?.print;
  if (!print) return null;
  return print instanceof Binary ? print.buffer : new Uint8Array(print as unknown as ArrayBufferLike);
}

/** The integrity flags of a history (stored on the result so bureaus can filter on them). */
export function flagsOf(history: readonly HistoryEntry[]) {
  return integrityFlags(
    history.map((entry) => ({ number: entry.number, submittedAt: entry.submittedAt, seconds: entry.seconds ?? null, changed: entry.changed ?? null, total: entry.total, facts: entry.facts ?? {} })),
  );
}

/** The summary changes one submit causes, given the result as it was before the submit applied. */
export function summaryDelta(before: Pick<ResultDoc, 'final' | 'history' | 'line' | 'track'>, attempt: Pick<AttemptDoc, '_id' | 'number' | 'submittedAt' | 'score'>) {
  const inc: Record<string, number> = {};
  const alreadyApplied = before.history.some((entry) => entry.number === attempt.number && String(entry.attemptId) === String(attempt._id));
  if (alreadyApplied) return inc;
  inc.attempts = 1;
  const next = finalFromAttempt(attempt);
  if (!isLaterFinal(next, before.final)) return inc;
  const previous = before.final;
  if (!previous) inc.submitted = 1;
  inc.scoreSum = next.total - (previous?.total ?? 0);
  for (const [id, score] of Object.entries(next.dimensions)) inc[`dimSums.${id}`] = score - (previous?.dimensions[id] ?? 0);
  const line = histKey(before);
  const newBucket = scoreBucket(next.total);
  const oldBucket = previous ? scoreBucket(previous.total) : null;
  if (oldBucket !== newBucket) {
    inc[`hist.${line}.${newBucket}`] = 1;
    if (oldBucket !== null) inc[`hist.${line}.${oldBucket}`] = -1;
  }
  return inc;
}

/** The result as the update in applySubmittedAttempt leaves it, from the document before it. */
export function afterSubmit(before: ResultDoc, entry: HistoryEntry, final: FinalAttempt, integrity: ResultDoc['integrity']): ResultDoc {
  const applied = before.history.some((held) => held.number === entry.number && String(held.attemptId) === String(entry.attemptId));
  const later = before.lastSubmittedAt && before.lastSubmittedAt > entry.submittedAt ? before.lastSubmittedAt : entry.submittedAt;
  return {
    ...before,
    final: isLaterFinal(final, before.final) ? final : before.final,
    lastSubmittedAt: later,
    history: applied ? before.history : [...before.history, entry],
    status: 'submitted',
    draftStartedAt: null,
    integrity,
    flagged: integrity.length > 0,
    rev: (before.rev ?? 0) + 1,
  };
}

export function resultService(deps: { models: Models; clock: Clock; summaries: SummaryStore; rosters: RosterStore; cache: Cache }) {
  const { models, clock, summaries: store, rosters, cache } = deps;

  /** Dashboards cache by generation: a change in a region orphans that region's cached pages. */
  async function changed(campaignId: Types.ObjectId, regionCode: string): Promise<void> {
    await Promise.all([cache.invalidate(generations.region(String(campaignId), regionCode)), cache.invalidate(generations.anyRegion(String(campaignId)))]);
  }
  const results = models.results.collection;
  const summaries = models.regionSummaries.collection;

  return {
    /**
     * Folds a stored attempt into the enterprise's result and its region's summary: two
     * single-document updates. Safe to repeat for the same attempt (a retried submit after a
     * crash): `$max` and `$addToSet` are idempotent and the summary delta is computed from the
     * document as it was before this update.
     */
    async applySubmittedAttempt(attempt: AttemptDoc, knownHistory: readonly HistoryEntry[] = [], print?: AnswerPrint): Promise<{ before: ResultDoc; counts: boolean }> {
      const final = finalFromAttempt(attempt);
      const entry = historyEntry(attempt);
      const others = knownHistory.filter((h) => h.number !== entry.number);
      const integrity = flagsOf([...others, entry]);
      const later: Record<string, unknown> = { final, lastSubmittedAt: attempt.submittedAt };
      if (print) later.lastAnswers = lastAnswersOf(attempt, print);
      const before = (await results.findOneAndUpdate(
        { _id: attempt.enterpriseId },
        {
          $max: later,
          $addToSet: { history: entry },
          $set: { status: 'submitted', draftStartedAt: null, integrity, flagged: integrity.length > 0, updatedAt: clock.now() },
          $inc: { rev: 1 },
        },
        { returnDocument: 'before' },
      )) as ResultDoc | null;
      if (!before) throw new Error(`result document missing for enterprise ${String(attempt.enterpriseId)}`);
      const row = rosterRowOf(afterSubmit(before, entry, final, integrity));
      await store.record(attempt.campaignId, attempt.regionCode, summaryDelta(before, attempt), row);
      await changed(attempt.campaignId, attempt.regionCode);
      return { before, counts: countsAfter(before, final) };
    },

    async markLoggedIn(enterpriseId: Types.ObjectId, campaignId: Types.ObjectId, regionCode: string): Promise<void> {
      const now = clock.now();
      const after = (await results.findOneAndUpdate(
        { _id: enterpriseId, status: 'not_started' },
        { $set: { status: 'logged_in', firstLoginAt: now, updatedAt: now }, $inc: { rev: 1 } },
        { returnDocument: 'after' },
      )) as ResultDoc | null;
      if (after) {
        await store.record(campaignId, regionCode, { loggedIn: 1 }, rosterRowOf(after));
        await changed(campaignId, regionCode);
      }
    },

    async markDrafting(result: Pick<ResultDoc, '_id' | 'campaignId' | 'regionCode' | 'status'>, startedAt: Date): Promise<void> {
      const status = result.status === 'submitted' ? 'submitted' : 'drafting';
      if (status === result.status) {
        await results.updateOne({ _id: result._id }, { $set: { draftStartedAt: startedAt, updatedAt: startedAt } });
        return;
      }
      const after = (await results.findOneAndUpdate(
        { _id: result._id },
        { $set: { draftStartedAt: startedAt, status, updatedAt: startedAt }, $inc: { rev: 1 } },
        { returnDocument: 'after' },
      )) as ResultDoc | null;
      if (after) await store.record(result.campaignId, result.regionCode, {}, rosterRowOf(after));
      await changed(result.campaignId, result.regionCode);
    },

    /** After imports, window or pass-line changes: every cached page of the campaign goes. */
    async campaignChanged(campaignId: Types.ObjectId): Promise<void> {
      await cache.invalidate(generations.campaign(String(campaignId)));
    },

    async get(enterpriseId: Types.ObjectId): Promise<ResultDoc | null> {
      return (await results.findOne({ _id: enterpriseId })) as ResultDoc | null;
    },

    /**
     * Recomputes every result's final and history of a campaign from its attempts with the shared
     * final-attempt rule, then the region summaries from the results. The repair for anything a
     * crash between two writes left behind; never run per request.
     */
    async rebuildCampaign(campaignId: Types.ObjectId): Promise<{ results: number; regions: number }> {
      return store.exclusive(() => rebuild(campaignId));
    },

    /**
     * Recounts the import-driven counters (enterprises per region and track; submit counters
     * untouched) and rewrites the rosters from the results (an import adds and moves enterprises).
     */
    async recountEnterprises(campaignId: Types.ObjectId): Promise<void> {
      await store.exclusive(() => recount(campaignId));
    },
  };

  async function rebuild(campaignId: Types.ObjectId): Promise<{ results: number; regions: number }> {
      const attempts = (await models.attempts.collection
        .find({ campaignId }, { projection: REBUILD_PROJECTION })
        .toArray()) as unknown as AttemptDoc[];
      const byEnterprise = new Map<string, AttemptDoc[]>();
      for (const attempt of attempts) {
        const list = byEnterprise.get(String(attempt.enterpriseId)) ?? [];
        list.push(attempt);
        byEnterprise.set(String(attempt.enterpriseId), list);
      }
      const docs = (await results.find({ campaignId }).toArray()) as ResultDoc[];
      const regions = new Map<string, RegionSummaryDoc>();
      const rows: RosterRow[] = [];
      for (const result of docs) {
        const own = (byEnterprise.get(String(result._id)) ?? []).sort((a, b) => a.number - b.number);
        const chosen = finalAttempt(own, result.deadline);
        const final = chosen ? finalFromAttempt(chosen) : null;
        const history = own.map(historyEntry);
        const status = own.length > 0 ? 'submitted' : result.status === 'submitted' ? 'logged_in' : result.status;
        const attemptSeq = Math.max(result.attemptSeq, ...own.map((a) => a.number));
        const rebuilt = { final, history, status, attemptSeq, integrity: flagsOf(history), flagged: flagsOf(history).length > 0, lastSubmittedAt: own.at(-1)?.submittedAt ?? null } as const;
        await results.updateOne({ _id: result._id }, { $set: rebuilt, $inc: { rev: 1 } });
        rows.push(rosterRowOf({ ...result, ...rebuilt, rev: (result.rev ?? 0) + 1 }));
        const summary = regions.get(result.regionCode) ?? emptySummary(campaignId, result.regionCode, clock.now());
        summary.enterprises += 1;
        summary.byTrack[result.track] = (summary.byTrack[result.track] ?? 0) + 1;
        if (result.status !== 'not_started' || own.length > 0) summary.loggedIn += 1;
        summary.attempts += own.length;
        if (final) {
          summary.submitted += 1;
          summary.scoreSum += final.total;
          for (const [id, score] of Object.entries(final.dimensions)) summary.dimSums[id] = (summary.dimSums[id] ?? 0) + score;
          const line = (summary.hist[histKey(result)] ??= {});
          const bucket = String(scoreBucket(final.total));
          line[bucket] = (line[bucket] ?? 0) + 1;
        }
        regions.set(result.regionCode, summary);
      }
      // The rebuilt counts include every pending delta's event: drop them with the old summaries.
      await models.summaryDeltas.collection.deleteMany({ campaignId });
      await summaries.deleteMany({ campaignId });
      for (const summary of regions.values()) await summaries.insertOne(summary as never);
      await rosters.replaceAll(campaignId, rows);
      return { results: docs.length, regions: regions.size };
  }

  async function recount(campaignId: Types.ObjectId): Promise<void> {
      const docs = (await results.find({ campaignId }, { projection: rosterProjection }).toArray()) as unknown as ResultDoc[];
      await rosters.replaceAll(campaignId, docs.map(rosterRowOf));
      const counts = new Map<string, { enterprises: number; byTrack: Record<string, number> }>();
      for (const doc of docs) {
        const entry = counts.get(doc.regionCode as string) ?? { enterprises: 0, byTrack: {} };
        entry.enterprises += 1;
        entry.byTrack[doc.track as string] = (entry.byTrack[doc.track as string] ?? 0) + 1;
        counts.set(doc.regionCode as string, entry);
      }
      for (const [regionCode, entry] of counts) {
        await summaries.updateOne(
          { _id: summaryId(campaignId, regionCode) as never },
          { $set: { campaignId, regionCode, enterprises: entry.enterprises, byTrack: entry.byTrack, updatedAt: clock.now() } },
          { upsert: true },
        );
      }
  }
}


export type ResultService = ReturnType<typeof resultService>;
