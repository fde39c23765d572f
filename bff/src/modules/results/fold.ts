import { Binary } from 'mongodb';
import { factIds, integrityFlags, isLaterAttempt, numericFacts, type AnswerPrint } from '@assess/shared';
import type { ResultChange } from './change';
import type { AttemptDoc, FinalAttempt, HistoryEntry, LastAnswers, ResultDoc } from './model';
import { histKey, scoreBucket } from './summaryModel';

/**
 * What a submitted attempt changes in its enterprise's result, and in its region's summary: pure
 * functions of the attempt and the result as it was.
 */

/** The numeric answers the integrity rules read (what a history entry keeps of an attempt's answers). */
export const FACT_IDS = factIds();

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
  const print: Binary | Uint8Array | undefined = result.lastAnswers?.print;
  if (!print) return null;
  return print instanceof Binary ? print.buffer : print;
}

/** The integrity flags of a history (stored on the result so bureaus can filter on them). */
export function flagsOf(history: readonly HistoryEntry[]) {
  return integrityFlags(
    history.map((entry) => ({ number: entry.number, submittedAt: entry.submittedAt, seconds: entry.seconds ?? null, changed: entry.changed ?? null, total: entry.total, facts: entry.facts ?? {} })),
  );
}

/**
 * The change one stored attempt makes to its result: the later final and receipt time (`$max`,
 * so a replayed older attempt changes neither), its history entry (`$addToSet`, so a replay adds
 * nothing), the flags of the history it joins. Safe to apply twice.
 */
export function submitChange(attempt: AttemptDoc, knownHistory: readonly HistoryEntry[], print: AnswerPrint | null, now: Date): ResultChange {
  const entry = historyEntry(attempt);
  const integrity = flagsOf([...knownHistory.filter((held) => held.number !== entry.number), entry]);
  const max: NonNullable<ResultChange['max']> = { final: finalFromAttempt(attempt), lastSubmittedAt: attempt.submittedAt };
  if (print) max.lastAnswers = lastAnswersOf(attempt, print);
  return {
    max,
    addToSet: { history: entry },
    set: { status: 'submitted', draftStartedAt: null, integrity, flagged: integrity.length > 0, updatedAt: now },
    inc: { rev: 1 },
  };
}

/** The summary changes one submit causes, given the result as it was before the submit applied. */
export function summaryDelta(before: Pick<ResultDoc, 'final' | 'history' | 'line' | 'track'>, attempt: Pick<AttemptDoc, '_id' | 'number' | 'submittedAt' | 'score'>): Record<string, number> {
  const inc: Record<string, number> = {};
  const alreadyApplied = before.history.some((entry) => entry.number === attempt.number && String(entry.attemptId) === String(attempt._id));
  if (alreadyApplied) return inc;
  inc.attempts = 1;
  const next = finalFromAttempt(attempt);
  if (!isLaterAttempt(next, before.final)) return inc;
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
