import type { Collection } from 'mongodb';
import type { Types } from 'mongoose';
import { finalAttempt } from '@assess/shared';
import type { Clock } from '../../lib/clock';
import { FACT_IDS, finalFromAttempt, flagsOf, historyEntry } from './fold';
import type { AttemptDoc, ResultDoc } from './model';
import { changeResult } from './resultWrites';
import { rosterProjection, rosterRowOf, type RosterRow, type RosterSource } from './roster';
import type { RosterStore } from './rosters';
import { emptySummary, type SummaryStore } from './summaries';
import { histKey, scoreBucket, type RegionSummaryDoc } from './summaryModel';

/** What a rebuild reads of each attempt: what results keep of it, not the whole answer sets. */
type KeptOfAttempt = Pick<AttemptDoc, '_id' | 'enterpriseId' | 'campaignId' | 'regionCode' | 'number' | 'submittedAt' | 'startedAt' | 'changedAnswers' | 'score' | 'answers'>;
const REBUILD_PROJECTION = Object.fromEntries([
  ...['enterpriseId', 'campaignId', 'regionCode', 'number', 'submittedAt', 'startedAt', 'changedAnswers', 'score'].map((field) => [field, 1]),
  ...FACT_IDS.map((id) => [`answers.${id}`, 1]),
]);

export interface RebuildDeps {
  results: Collection<ResultDoc>;
  attempts: Collection<AttemptDoc>;
  summaries: SummaryStore;
  rosters: RosterStore;
  clock: Clock;
  locked<T>(enterpriseId: Types.ObjectId, work: () => Promise<T>): Promise<T>;
}

/**
 * Maintenance that recomputes derived state from what is stored: the results from the attempts
 * (`rebuild`), the summaries' enterprise counts and the rosters from the results (`recount`).
 * Run by the repository under the compactor's lease (`SummaryStore.exclusive`).
 */
export function rebuildWrites(deps: RebuildDeps) {
  const { results, attempts, summaries, rosters, clock, locked } = deps;

  async function rebuild(campaignId: Types.ObjectId): Promise<{ results: number; regions: number }> {
    const kept = await attempts.find<KeptOfAttempt>({ campaignId }, { projection: REBUILD_PROJECTION }).toArray();
    const byEnterprise = new Map<string, KeptOfAttempt[]>();
    for (const attempt of kept) {
      const list = byEnterprise.get(String(attempt.enterpriseId)) ?? [];
      list.push(attempt);
      byEnterprise.set(String(attempt.enterpriseId), list);
    }
    const docs = await results.find({ campaignId }).toArray();
    const regions = new Map<string, RegionSummaryDoc>();
    const rows: RosterRow[] = [];
    for (const result of docs) {
      const own = (byEnterprise.get(String(result._id)) ?? []).sort((a, b) => a.number - b.number);
      const chosen = finalAttempt(own, result.deadline);
      const final = chosen ? finalFromAttempt(chosen) : null;
      const history = own.map(historyEntry);
      const status = own.length > 0 ? 'submitted' : result.status === 'submitted' ? 'logged_in' : result.status;
      const attemptSeq = Math.max(result.attemptSeq, ...own.map((a) => a.number));
      const integrity = flagsOf(history);
      const rebuilt = { final, history, status, attemptSeq, integrity, flagged: integrity.length > 0, lastSubmittedAt: own.at(-1)?.submittedAt ?? null } as const;
      const written = await locked(result._id, () => changeResult(results, { _id: result._id }, { set: rebuilt, inc: { rev: 1 } }));
      if (written) rows.push(rosterRowOf(written.after));
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
    // The rebuilt counts include every pending delta's event: they go with the old summaries.
    await summaries.replaceAll(campaignId, [...regions.values()]);
    await rosters.replaceAll(campaignId, rows);
    return { results: docs.length, regions: regions.size };
  }

  async function recount(campaignId: Types.ObjectId): Promise<void> {
    const docs = await results.find<RosterSource>({ campaignId }, { projection: rosterProjection }).toArray();
    await rosters.replaceAll(campaignId, docs.map(rosterRowOf));
    const counts = new Map<string, { enterprises: number; byTrack: Record<string, number> }>();
    for (const doc of docs) {
      const entry = counts.get(doc.regionCode) ?? { enterprises: 0, byTrack: {} };
      entry.enterprises += 1;
      entry.byTrack[doc.track] = (entry.byTrack[doc.track] ?? 0) + 1;
      counts.set(doc.regionCode, entry);
    }
    await summaries.setEnterpriseCounts(campaignId, counts);
  }

  return { rebuild, recount };
}
