import type { Types } from 'mongoose';
import { toBeijingIso, validateAnswers, type Answers, type Draft, type SaveDraftRequest } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { EnterpriseActor } from '../../lib/route';
import type { RateLimiter } from '../../lib/rateLimit';
import type { QuestionnaireService } from '../questionnaires/service';
import { toDraftView } from '../results/draftView';
import type { ResultRepository } from '../results/repository';
import { enterpriseLimits } from './limits';
import { toReceipt } from './receipt';
import { submitUseCase } from './submit';

export { DRAFT_SAVE_LIMIT_PER_MINUTE, SUBMIT_LIMITS } from './limits';
export type { ClientContext, SubmitOutcome } from './submit';

/** How often a workbook's answers are merged again after meeting a concurrent save. */
const MERGE_TRIES = 3;

/**
 * What an enterprise does with its assessment: start it, save its draft as it types, submit
 * (submit.ts), and read back its attempts. The state itself is the results module's.
 */
export function attemptService(deps: { clock: Clock; questionnaires: QuestionnaireService; results: ResultRepository; limiter: RateLimiter }) {
  const { clock, questionnaires, results } = deps;
  const limits = enterpriseLimits({ limiter: deps.limiter, results });

  /** Type-checks draft answers (draft mode: incomplete is fine, a wrong type or unknown id is not). */
  async function checkDraftAnswers(actor: EnterpriseActor, set: Answers, unset: readonly string[] = []): Promise<void> {
    const questionnaire = await questionnaires.get(actor.questionnaire);
    const issues = validateAnswers(questionnaire, set, 'draft');
    if (issues.length > 0) await limits.refuseEarly(actor, new AppError('ANSWERS_INVALID', { issues }));
    const unknown = unset.filter((id) => !questionnaire.questionIndex.has(id));
    if (unknown.length > 0) {
      await limits.refuseEarly(actor, new AppError('ANSWERS_INVALID', { issues: unknown.map((questionId) => ({ questionId, code: 'UNKNOWN_QUESTION', message: '题目不存在' })) }));
    }
  }

  return {
    assertKeyCurrent: limits.assertKeyCurrent,
    countDraftSave: limits.countDraftSave,
    submit: submitUseCase({ clock, questionnaires, results, limits }),

    /** Starts (or resumes) an attempt: the working draft, idempotent on the client's key. */
    start: (actor: EnterpriseActor, clientKey: string): Promise<Draft> => results.startDraft(actor.enterpriseId, actor.keyVersion, clientKey),

    async getDraft(actor: EnterpriseActor): Promise<Draft> {
      const [draft, result] = await Promise.all([results.draft(actor.enterpriseId), results.get(actor.enterpriseId)]);
      if (!result || result.keyVersion !== actor.keyVersion) throw new AppError('TOKEN_INVALID');
      if (!draft) throw new AppError('NO_DRAFT');
      return toDraftView(draft, result.lastSubmittedAt);
    },

    /**
     * Saves what changed since `baseRevision`; a stale revision is a 409 carrying the current
     * draft so the client can merge. Answers are type-checked (draft mode); nothing already saved
     * is ever dropped by a refused save.
     */
    async saveDraft(actor: EnterpriseActor, request: SaveDraftRequest & { set: Answers; unset: string[] }): Promise<{ revision: number; updatedAt: string }> {
      const receivedAt = clock.now();
      await checkDraftAnswers(actor, request.set, request.unset);
      await limits.countDraftSave(actor);
      return results.saveDraft(actor.enterpriseId, actor.keyVersion, request, receivedAt);
    },

    /**
     * Merges answers read from an uploaded workbook into the draft (never submits). The upload was
     * counted by `countDraftSave` before its file was parsed, so this write is not counted again.
     */
    async mergeIntoDraft(actor: EnterpriseActor, answers: Answers): Promise<{ revision: number }> {
      await checkDraftAnswers(actor, answers);
      for (let tries = 0; tries < MERGE_TRIES; tries++) {
        const draft = await results.draft(actor.enterpriseId);
        if (!draft) throw new AppError('NO_DRAFT');
        try {
          return await results.saveDraft(actor.enterpriseId, actor.keyVersion, { baseRevision: draft.revision, set: answers, unset: [] }, clock.now());
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'DRAFT_CONFLICT')) throw error;
        }
      }
      throw new AppError('DRAFT_CONFLICT');
    },

    /** The enterprise's submitted attempts, oldest first, and the one that counts. */
    async listOwn(actor: EnterpriseActor) {
      const result = await results.get(actor.enterpriseId);
      if (!result || result.keyVersion !== actor.keyVersion) throw new AppError('TOKEN_INVALID');
      const finalId = result.final ? String(result.final.attemptId) : null;
      const attempts = [...result.history]
        .sort((a, b) => +a.submittedAt - +b.submittedAt || a.number - b.number)
        .map((entry) => ({
          id: String(entry.attemptId),
          number: entry.number,
          submittedAt: toBeijingIso(entry.submittedAt),
          total: entry.total,
          counts: String(entry.attemptId) === finalId,
        }));
      return { attempts, finalAttemptId: finalId, result };
    },

    async detail(actor: EnterpriseActor, attemptId: Types.ObjectId) {
      const attempt = await results.attempt(attemptId, actor.enterpriseId);
      if (!attempt) throw new AppError('ATTEMPT_NOT_FOUND');
      const result = await results.get(attempt.enterpriseId);
      if (!result || result.keyVersion !== actor.keyVersion) throw new AppError('TOKEN_INVALID');
      const questionnaire = await questionnaires.get(attempt.questionnaire);
      return {
        receipt: toReceipt(attempt, questionnaire),
        answers: attempt.answers,
        counts: result.final !== null && String(result.final.attemptId) === String(attempt._id),
        startedAt: attempt.startedAt ? toBeijingIso(attempt.startedAt) : null,
      };
    },
  };
}

export type AttemptService = ReturnType<typeof attemptService>;
