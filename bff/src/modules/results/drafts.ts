import type { Collection } from 'mongodb';
import type { Types } from 'mongoose';
import { toBeijingIso, type Answers, type Draft } from '@assess/shared';
import { AppError } from '../../lib/errors';
import { toDraftView } from './draftView';
import { assertGuards, withinWindowFilter } from './guards';
import type { DraftDoc, ResultDoc } from './model';
import { changeResult } from './resultWrites';
import { rosterRowOf } from './roster';
import type { SummaryStore } from './summaries';

/** What a draft save changes: answers set and cleared since `baseRevision`. */
export interface DraftEdit {
  baseRevision: number;
  set: Answers;
  unset: readonly string[];
}

export interface DraftWriteDeps {
  drafts: Collection<DraftDoc>;
  results: Collection<ResultDoc>;
  summaries: SummaryStore;
  changed(campaignId: Types.ObjectId, regionCode: string): Promise<void>;
}

/**
 * The writes of an enterprise's working draft. Like a submit's, they are correct only under the
 * enterprise's lock: the results repository runs them inside it and does not show them otherwise.
 */
export function draftWrites(deps: DraftWriteDeps) {
  const { drafts, results, summaries, changed } = deps;

  /** The result shows a draft being answered (a status change moves the roster row: recorded with it). */
  async function markDrafting(result: ResultDoc, startedAt: Date): Promise<void> {
    const status = result.status === 'submitted' ? 'submitted' : 'drafting';
    if (status === result.status) {
      await results.updateOne({ _id: result._id }, { $set: { draftStartedAt: startedAt, updatedAt: startedAt } });
      return;
    }
    const moved = await changeResult(results, { _id: result._id }, { set: { draftStartedAt: startedAt, status, updatedAt: startedAt }, inc: { rev: 1 } });
    if (moved) await summaries.record(result.campaignId, result.regionCode, {}, rosterRowOf(moved.after));
    await changed(result.campaignId, result.regionCode);
  }

  return {
    /** Starts (or resumes) the draft: idempotent on the client's key; a retake keeps the last answers as its start. */
    async start(enterpriseId: Types.ObjectId, keyVersion: number, clientKey: string, now: Date): Promise<Draft> {
      const result = await results.findOne({ _id: enterpriseId });
      assertGuards(result, keyVersion, now);
      const existing = await drafts.findOne({ _id: enterpriseId });
      if (existing?.clientKey === clientKey) return toDraftView(existing, result.lastSubmittedAt);
      const updated = await drafts.findOneAndUpdate(
        { _id: enterpriseId },
        {
          $set: { clientKey, startedAt: now, keyVersion: result.keyVersion, opensAt: result.opensAt, deadline: result.deadline },
          $setOnInsert: { campaignId: result.campaignId, revision: 0, answers: {}, updatedAt: null },
        },
        { upsert: true, returnDocument: 'after' },
      );
      if (!updated) throw new Error(`draft upsert returned nothing for enterprise ${String(enterpriseId)}`);
      await markDrafting(result, now);
      return toDraftView(updated, result.lastSubmittedAt);
    },

    /**
     * One conditional update at `baseRevision` (and the guards' copies on the draft); a stale
     * revision is a 409 carrying the current draft, so the client can merge. Nothing already
     * saved is dropped by a refused save.
     */
    async save(enterpriseId: Types.ObjectId, keyVersion: number, edit: DraftEdit, now: Date): Promise<{ revision: number; updatedAt: string }> {
      const set: Record<string, unknown> = { updatedAt: now };
      for (const [questionId, value] of Object.entries(edit.set)) set[`answers.${questionId}`] = value;
      const unset: Record<string, ''> = {};
      for (const questionId of edit.unset) if (!(questionId in edit.set)) unset[`answers.${questionId}`] = '';
      const outcome = await drafts.updateOne(
        { _id: enterpriseId, revision: edit.baseRevision, keyVersion, ...withinWindowFilter(now) },
        Object.keys(unset).length > 0 ? { $set: set, $inc: { revision: 1 }, $unset: unset } : { $set: set, $inc: { revision: 1 } },
      );
      if (outcome.matchedCount === 1) return { revision: edit.baseRevision + 1, updatedAt: toBeijingIso(now) };

      const draft = await drafts.findOne({ _id: enterpriseId });
      if (!draft) {
        assertGuards(await results.findOne({ _id: enterpriseId }), keyVersion, now);
        throw new AppError('NO_DRAFT');
      }
      assertGuards(draft, keyVersion, now);
      const result = await results.findOne({ _id: enterpriseId }, { projection: { lastSubmittedAt: 1 } });
      throw new AppError('DRAFT_CONFLICT', { draft: toDraftView(draft, result?.lastSubmittedAt ?? null) });
    },
  };
}

