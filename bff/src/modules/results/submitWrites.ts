import { MongoServerError, type Collection } from 'mongodb';
import type { Types } from 'mongoose';
import type { AnswerPrint } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { submitChange, summaryDelta } from './fold';
import { withinWindowFilter } from './guards';
import type { AttemptDoc, HistoryEntry, ResultDoc } from './model';
import { changeResult, type Changed } from './resultWrites';
import { rosterRowOf } from './roster';
import type { SummaryStore } from './summaries';

/** Idempotency keys a result remembers: a retry within the last 20 submits is recognised without a read. */
export const RECENT_KEYS = 20;
/** How often an insert may meet an attempt number another instance took meanwhile before giving up. */
const NUMBER_TRIES = 5;

/** A stored attempt folded into its result: the result before and after, and whether the attempt now counts. */
export interface SubmitFold extends Changed {
  attempt: AttemptDoc;
  counts: boolean;
}

/**
 * The database writes of one submit, in the order they happen. They are correct only while the
 * enterprise's lock is held (FerretDB loses concurrent updates of one document), so the results
 * repository hands them out only inside `applySubmit`, never on its own face.
 */
export interface SubmitWrites {
  /** The result as it stands. */
  read(): Promise<ResultDoc | null>;
  /**
   * Step 1: reserves the next attempt number, if the token's key is current, `receivedAt` lies
   * in the enterprise's window and the idempotency key is not among the recent ones (one
   * conditional update; it also remembers the key). The result after it, or null when refused.
   */
  reserveNumber(request: { keyVersion: number; receivedAt: Date; idempotencyKey: string; attemptId: Types.ObjectId }): Promise<ResultDoc | null>;
  /** The next attempt number without the window check: for a submit accepted before whose attempt was never stored. */
  reserveRetryNumber(keyVersion: number): Promise<number>;
  /** An attempt of this enterprise as stored. */
  storedAttempt(attemptId: Types.ObjectId): Promise<AttemptDoc | null>;
  /**
   * Step 2: inserts the attempt, once. The same submit arriving twice finds the first one stored
   * (`inserted: false`); an attempt number another instance took meanwhile takes the next one.
   */
  insertAttempt(attempt: AttemptDoc, keyVersion: number, renumber: (number: number) => AttemptDoc): Promise<{ attempt: AttemptDoc; inserted: boolean }>;
  /** Step 3: folds a stored attempt into the result (safe to repeat: see `submitChange`). */
  foldIntoResult(attempt: AttemptDoc, knownHistory: readonly HistoryEntry[], print: AnswerPrint | null): Promise<SubmitFold>;
  /** Step 4: records the region summary's delta and the enterprise's roster row after the fold (one insert). */
  recordDelta(fold: SubmitFold): Promise<void>;
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

export interface SubmitWriteDeps {
  results: Collection<ResultDoc>;
  attempts: Collection<AttemptDoc>;
  summaries: SummaryStore;
  clock: Clock;
  /** Orphans the cached dashboard pages of the region (see cacheKeys.ts). */
  changed(campaignId: Types.ObjectId, regionCode: string): Promise<void>;
}

export function submitWrites(deps: SubmitWriteDeps, enterpriseId: Types.ObjectId): SubmitWrites {
  const { results, attempts, summaries, clock, changed } = deps;

  const writes: SubmitWrites = {
    read: () => results.findOne({ _id: enterpriseId }),

    reserveNumber: ({ keyVersion, receivedAt, idempotencyKey: key, attemptId }) =>
      results.findOneAndUpdate(
        { _id: enterpriseId, keyVersion, ...withinWindowFilter(receivedAt), recentKeys: { $ne: key } },
        {
          $inc: { attemptSeq: 1 },
          $push: {
            recentKeys: { $each: [key], $slice: -RECENT_KEYS },
            recentSubmits: { $each: [{ key, attemptId, at: receivedAt }], $slice: -RECENT_KEYS },
          },
        },
        { returnDocument: 'after' },
      ),

    async reserveRetryNumber(keyVersion) {
      const reserved = await results.findOneAndUpdate({ _id: enterpriseId, keyVersion }, { $inc: { attemptSeq: 1 } }, { returnDocument: 'after' });
      if (!reserved) throw new AppError('TOKEN_INVALID');
      return reserved.attemptSeq;
    },

    storedAttempt: (attemptId) => attempts.findOne({ _id: attemptId, enterpriseId }),

    async insertAttempt(attempt, keyVersion, renumber) {
      for (let tries = 0; ; tries++) {
        try {
          await attempts.insertOne(attempt);
          return { attempt, inserted: true };
        } catch (error) {
          if (!isDuplicateKey(error) || tries >= NUMBER_TRIES) throw error;
          // A duplicate-key error does not say which index: look for the same submit first.
          const stored = (await attempts.findOne({ _id: attempt._id })) ?? (await attempts.findOne({ enterpriseId, idempotencyKey: attempt.idempotencyKey }));
          if (stored) return { attempt: stored, inserted: false };
          attempt = renumber(await writes.reserveRetryNumber(keyVersion));
        }
      }
    },

    async foldIntoResult(attempt, knownHistory, print) {
      const folded = await changeResult(results, { _id: enterpriseId }, submitChange(attempt, knownHistory, print, clock.now()));
      if (!folded) throw new Error(`result document missing for enterprise ${String(enterpriseId)}`);
      return { ...folded, attempt, counts: String(folded.after.final?.attemptId) === String(attempt._id) };
    },

    async recordDelta({ attempt, before, after }) {
      await summaries.record(attempt.campaignId, attempt.regionCode, summaryDelta(before, attempt), rosterRowOf(after));
      await changed(attempt.campaignId, attempt.regionCode);
    },
  };
  return writes;
}
