import { Types } from 'mongoose';
import { finalAttempt } from '@assess/shared';
import { collectionOf } from '../../bff/src/lib/mongo';
import type { Services } from '../../bff/src/services';
import type { AttemptDoc, ResultDoc } from '../../bff/src/modules/results/model';
import { rosterRowOf, type RosterRow } from '../../bff/src/modules/results/roster';
import type { SubmitRecord } from './load';

/**
 * Checks a scenario's submits against the database itself:
 *  - every acknowledged submit is stored exactly once, with the receipt's id, number, time and checksum;
 *  - nothing refused is stored; a submit given up on is stored at most once;
 *  - every client that got a 5xx or no answer and retried ends with one attempt for its key;
 *  - every result document agrees with its enterprise's attempts: the history is the attempts,
 *    the final is the shared rule (`finalAttempt`) applied to their receipt times;
 *  - the region summaries (stored + pending deltas) agree with the results.
 * It reads the collections itself (not through the results module it checks).
 */
export interface Verdict {
  inputsTried: number;
  refused: number;
  acknowledged: number;
  stored: number;
  duplicates: number;
  lost: number;
  refusedButStored: number;
  retried: number;
  retriedThenAcked: number;
  retriedWithOneAttempt: number;
  /**
   * Retried submits the server had already taken in before the failure (the receipt carries the
   * first try's time): a crash mid-submit that the client's retry finished. `repairedByRetry`: of
   * those, the ones whose enterprise's result agrees with its attempts afterwards.
   */
  finishedByRetry: number;
  repairedByRetry: number;
  unresolved: number;
  unresolvedStored: number;
  /** Attempts in the database that no client sent (should be none). */
  strangers: number;
  enterprises: number;
  resultsAgree: number;
  resultsDisagree: number;
  disagreements: string[];
  summariesAgree: boolean;
  summaryDrift: string[];
}

const sameInstant = (iso: string, date: Date) => new Date(iso).getTime() === date.getTime();

export async function verify(services: Services, campaignId: Types.ObjectId, records: SubmitRecord[], enterpriseIds: string[]): Promise<Verdict> {
  const { models } = services;
  const ids = enterpriseIds.map((id) => new Types.ObjectId(id));
  const attempts = await collectionOf(models.attempts).find({ enterpriseId: { $in: ids } }).toArray();
  const byKey = new Map<string, AttemptDoc[]>();
  for (const attempt of attempts) {
    const key = `${String(attempt.enterpriseId)}|${attempt.idempotencyKey}`;
    byKey.set(key, [...(byKey.get(key) ?? []), attempt]);
  }
  const verdict: Verdict = {
    inputsTried: records.length,
    refused: 0,
    acknowledged: 0,
    stored: 0,
    duplicates: 0,
    lost: 0,
    refusedButStored: 0,
    retried: 0,
    retriedThenAcked: 0,
    retriedWithOneAttempt: 0,
    finishedByRetry: 0,
    repairedByRetry: 0,
    unresolved: 0,
    unresolvedStored: 0,
    strangers: 0,
    enterprises: ids.length,
    resultsAgree: 0,
    resultsDisagree: 0,
    disagreements: [],
    summariesAgree: true,
    summaryDrift: [],
  };
  const known = new Set<string>();
  for (const record of records) {
    const key = `${record.enterpriseId}|${record.key}`;
    known.add(key);
    const stored = byKey.get(key) ?? [];
    if (stored.length > 1) verdict.duplicates += stored.length - 1;
    if (record.failures > 0) {
      verdict.retried += 1;
      if (record.outcome === 'acked') verdict.retriedThenAcked += 1;
      if (stored.length === 1) verdict.retriedWithOneAttempt += 1;
    }
    if (record.outcome === 'acked') {
      verdict.acknowledged += 1;
      const match = stored.find((a) => String(a._id) === record.receipt!.attemptId && a.number === record.receipt!.number && sameInstant(record.receipt!.submittedAt, a.submittedAt) && a.checksum === record.receipt!.checksum);
      if (stored.length >= 1 && match) verdict.stored += 1;
      else verdict.lost += 1;
    } else if (record.outcome === 'refused') {
      verdict.refused += 1;
      if (stored.length > 0) verdict.refusedButStored += 1;
    } else {
      verdict.unresolved += 1;
      if (stored.length > 0) verdict.unresolvedStored += 1;
    }
  }
  verdict.strangers = [...byKey.keys()].filter((key) => !known.has(key)).length;

  const results = await collectionOf(models.results).find({ _id: { $in: ids } }).toArray();
  for (const result of results) {
    const own = attempts.filter((a) => String(a.enterpriseId) === String(result._id));
    const problems: string[] = [];
    const expected = finalAttempt(own, result.deadline);
    if (String(result.final?.attemptId ?? null) !== String(expected?._id ?? null)) problems.push(`final #${result.final?.number ?? '-'} but the rule gives #${expected?.number ?? '-'}`);
    const history = new Set(result.history.map((h) => `${h.number}:${String(h.attemptId)}`));
    const stored = new Set(own.map((a) => `${a.number}:${String(a._id)}`));
    const missing = [...stored].filter((entry) => !history.has(entry));
    const extra = [...history].filter((entry) => !stored.has(entry));
    if (missing.length > 0) problems.push(`history lacks ${missing.join(',')}`);
    if (extra.length > 0) problems.push(`history has unknown ${extra.join(',')}`);
    if (own.length > 0 && result.status !== 'submitted') problems.push(`status ${result.status}`);
    if (own.some((a) => a.number > result.attemptSeq)) problems.push('attemptSeq behind');
    if (problems.length === 0) verdict.resultsAgree += 1;
    else {
      verdict.resultsDisagree += 1;
      verdict.disagreements.push(`${String(result._id)}: ${problems.join('; ')}`);
    }
  }

  const agreeing = new Set(results.filter((r) => !verdict.disagreements.some((line) => line.startsWith(String(r._id)))).map((r) => String(r._id)));
  for (const record of records) {
    if (record.outcome !== 'acked' || record.failures === 0) continue;
    if (new Date(record.receipt!.submittedAt).getTime() < record.lastTrySentAt - 20) {
      verdict.finishedByRetry += 1;
      if (agreeing.has(record.enterpriseId)) verdict.repairedByRetry += 1;
    }
  }

  verdict.summaryDrift = await summaryDrift(services, campaignId);
  verdict.summariesAgree = verdict.summaryDrift.length === 0;
  return verdict;
}

/** Region summaries (what the national table shows: stored counts + pending deltas) against the results. */
export async function summaryDrift(services: Services, campaignId: Types.ObjectId): Promise<string[]> {
  const summaries = await services.summaries.read(campaignId);
  const all = await collectionOf(services.models.results).find({ campaignId }).toArray();
  const expectedByRegion = new Map<string, { submitted: number; attempts: number; scoreSum: number }>();
  for (const result of all) {
    const entry = expectedByRegion.get(result.regionCode) ?? { submitted: 0, attempts: 0, scoreSum: 0 };
    entry.attempts += result.history.length;
    if (result.final) {
      entry.submitted += 1;
      entry.scoreSum += result.final.total;
    }
    expectedByRegion.set(result.regionCode, entry);
  }
  const drift: string[] = [];
  for (const [region, expected] of expectedByRegion) {
    const summary = summaries.find((s) => s.regionCode === region);
    const actual = { submitted: summary?.submitted ?? 0, attempts: summary?.attempts ?? 0, scoreSum: Math.round((summary?.scoreSum ?? 0) * 100) / 100 };
    const want = { ...expected, scoreSum: Math.round(expected.scoreSum * 100) / 100 };
    if (actual.submitted !== want.submitted || actual.attempts !== want.attempts || Math.abs(actual.scoreSum - want.scoreSum) > 0.011) {
      drift.push(`${region}: summary ${JSON.stringify(actual)} vs results ${JSON.stringify(want)}`);
    }
  }
  return [...drift, ...(await rosterDrift(services, campaignId, all))];
}

/** Region rosters (what the region dashboards show: stored rows + pending deltas) against the results. */
async function rosterDrift(services: Services, campaignId: Types.ObjectId, all: ResultDoc[]): Promise<string[]> {
  const drift: string[] = [];
  const view = (row: RosterRow) => JSON.stringify({ status: row.status, attempts: row.attempts, total: row.total, lastSubmittedAt: row.lastSubmittedAt, integrity: row.integrity });
  for (const region of new Set(all.map((result) => result.regionCode))) {
    const rows = new Map((await services.summaries.rosterRows(campaignId, region)).map((row) => [row.id, row]));
    for (const result of all.filter((r) => r.regionCode === region)) {
      const held = rows.get(String(result._id));
      const want = view(rosterRowOf(result));
      if (!held || view(held) !== want) drift.push(`${region} roster ${String(result._id)}: ${held ? view(held) : 'missing'} vs results ${want}`);
    }
  }
  return drift;
}
