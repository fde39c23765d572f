import { MongoServerError } from 'mongodb';
import { Types } from 'mongoose';
import {
  answerPrint,
  canonicalJson,
  changedAnswers,
  score,
  toBeijingIso,
  validateAnswers,
  type Answers,
  type Draft,
  type SaveDraftRequest,
  type SubmitRequest,
  type SubmitResponse,
  type AnswerPrint,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { rawUpdate, type Models } from '../../lib/models';
import type { EnterpriseActor } from '../../lib/route';
import type { RateLimiter } from '../../lib/rateLimit';
import type { KeyedMutex } from '../../lib/keyedMutex';
import type { QuestionnaireService } from '../questionnaires/service';
import { heldPrint, isLaterFinal, type ResultService } from '../results/service';
import type { ResultDoc } from '../results/model';
import type { AttemptDoc, DraftDoc } from './model';
import { attemptChecksum, RECEIPT_CHECKSUM_VERSION, toReceipt } from './receipt';

/**
 * What a person can do, and no more, so a script cannot fill the database: a submit takes
 * minutes of answering, and a draft save follows typing (the client batches changes every ≤3 s).
 * Submits are counted by idempotency key: a client retrying the same submit through an outage
 * must not be locked out of the last minutes before the close by its own retries. Tries (retries
 * included) have their own, looser cap.
 */
/** A submit's receipt, and whether it was replayed (the same idempotency key and answers seen before). */
export type SubmitOutcome = SubmitResponse & { replayed: boolean };

export const SUBMIT_LIMITS = { perMinute: 6, perDay: 200, triesPerMinute: 60 } as const;
export const DRAFT_SAVE_LIMIT_PER_MINUTE = 120;
const RECENT_KEYS = 20;

export interface ClientContext {
  ip: string;
  userAgent: string;
}

type SubmitEntry = { key: string; attemptId: Types.ObjectId; at?: Date };

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

function sameAnswers(a: Answers, b: Answers): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function toDraftView(draft: DraftDoc, lastSubmittedAt: Date | null): Draft {
  return {
    revision: draft.revision,
    answers: draft.answers ?? {},
    startedAt: draft.startedAt ? toBeijingIso(draft.startedAt) : null,
    updatedAt: draft.updatedAt ? toBeijingIso(draft.updatedAt) : null,
    dirty: draft.updatedAt !== null && (lastSubmittedAt === null || draft.updatedAt > lastSubmittedAt),
  };
}

export function attemptService(deps: {
  models: Models;
  clock: Clock;
  questionnaires: QuestionnaireService;
  results: ResultService;
  limiter: RateLimiter;
  locks: KeyedMutex;
}) {
  const { models, clock, questionnaires, results, limiter, locks } = deps;
  const resultsCollection = models.results.collection;
  const attemptsCollection = models.attempts.collection;
  const draftsCollection = models.drafts.collection;

  /** Why a conditional write on the result/draft matched nothing: the first failing condition. */
  function refusal(doc: Pick<ResultDoc, 'keyVersion' | 'opensAt' | 'deadline'> | null, actor: EnterpriseActor, at: Date): AppError {
    if (!doc) return new AppError('ENTERPRISE_NOT_FOUND');
    if (doc.keyVersion !== actor.keyVersion) return new AppError('TOKEN_INVALID');
    if (at < doc.opensAt) return new AppError('WINDOW_NOT_OPEN', { opensAt: toBeijingIso(doc.opensAt) });
    if (at >= doc.deadline) return new AppError('WINDOW_CLOSED', { deadline: toBeijingIso(doc.deadline) });
    return new AppError('INTERNAL');
  }

  /**
   * Refuses a token issued before a key reset. Submits and draft saves check the key version in
   * their conditional writes; this covers what is decided before any write.
   */
  async function assertKeyCurrent(actor: EnterpriseActor): Promise<void> {
    const result = (await resultsCollection.findOne({ _id: new Types.ObjectId(actor.enterpriseId) }, { projection: { keyVersion: 1 } })) as Pick<ResultDoc, 'keyVersion'> | null;
    if (!result || result.keyVersion !== actor.keyVersion) throw new AppError('TOKEN_INVALID');
  }

  /**
   * A refusal decided before the database is touched (invalid answers, too many calls). A revoked
   * token is told that first, so it learns nothing else; the extra read happens only on refusals.
   */
  async function refuseEarly(actor: EnterpriseActor, error: AppError): Promise<never> {
    await assertKeyCurrent(actor);
    throw error;
  }

  const rateLimited = (retryAfterSeconds: number) => new AppError('RATE_LIMITED', { retryAfterSeconds }, { headers: { 'Retry-After': String(retryAfterSeconds) } });

  async function enforceSubmitLimits(actor: EnterpriseActor, idempotencyKey: string): Promise<void> {
    const id = actor.enterpriseId;
    const hit = await limiter.chainOrAllow([
      { key: `submit:t:${id}`, limit: SUBMIT_LIMITS.triesPerMinute, windowSeconds: 60 },
      { key: `submits:m:${id}`, limit: SUBMIT_LIMITS.perMinute, windowSeconds: 60, member: idempotencyKey },
      { key: `submits:d:${id}`, limit: SUBMIT_LIMITS.perDay, windowSeconds: 86_400, member: idempotencyKey },
    ]);
    if (!hit.allowed) await refuseEarly(actor, rateLimited(hit.retryAfterSeconds));
  }

  async function receiptResponse(attempt: AttemptDoc, before: ResultDoc, counts: boolean, replayed: boolean): Promise<SubmitOutcome> {
    const questionnaire = await questionnaires.get(attempt.questionnaire);
    // The attempt submitted just before this one (a replay of an older attempt must not name a later one).
    const earlier = before.history
      .filter((entry) => entry.number !== attempt.number && isLaterFinal(attempt, entry))
      .sort((a, b) => +a.submittedAt - +b.submittedAt || a.number - b.number)
      .at(-1);
    return { receipt: toReceipt(attempt, questionnaire), counts, previous: earlier ? { number: earlier.number, total: earlier.total } : null, replayed };
  }

  /** Reserves the next attempt number on the result (no window check: for retries of accepted submits). */
  async function reserveNumber(enterpriseId: Types.ObjectId, keyVersion: number): Promise<number> {
    const reserved = (await resultsCollection.findOneAndUpdate({ _id: enterpriseId, keyVersion }, { $inc: { attemptSeq: 1 } }, { returnDocument: 'after' })) as ResultDoc | null;
    if (!reserved) throw new AppError('TOKEN_INVALID');
    return reserved.attemptSeq;
  }

  /**
   * Stores the attempt (step 2) and folds it into the result and summary (steps 3-4). A
   * duplicate key is either the same submit arriving twice (return the stored one) or, across
   * instances on FerretDB, an attempt number taken meanwhile (take the next one).
   */
  async function store(attempt: AttemptDoc, keyVersion: number, renumber: (number: number) => AttemptDoc, history: ResultDoc['history'], print: AnswerPrint): Promise<SubmitOutcome> {
    let replayed = false;
    for (let tries = 0; ; tries++) {
      try {
        await attemptsCollection.insertOne(attempt);
        break;
      } catch (error) {
        if (!isDuplicateKey(error) || tries >= 5) throw error;
        const stored = ((await attemptsCollection.findOne({ _id: attempt._id })) ??
          (await attemptsCollection.findOne({ enterpriseId: attempt.enterpriseId, idempotencyKey: attempt.idempotencyKey }))) as AttemptDoc | null;
        if (stored) {
          if (!sameAnswers(stored.answers, attempt.answers)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
          attempt = stored;
          replayed = true;
          break;
        }
        attempt = renumber(await reserveNumber(attempt.enterpriseId, keyVersion));
      }
    }
    const { before, counts } = await results.applySubmittedAttempt(attempt, history, print);
    return receiptResponse(attempt, before, counts, replayed);
  }

  /**
   * A submit whose key was seen before: return the stored attempt's receipt (re-applying it to
   * the result, which repairs a crash between the writes), or, when the original never reached
   * the attempts collection, store it now with the original receipt time.
   */
  async function replay(entry: SubmitEntry, doc: ResultDoc, actor: EnterpriseActor, request: SubmitRequest, build: (number: number, at: Date) => AttemptDoc, print: AnswerPrint): Promise<SubmitOutcome> {
    const stored = (await attemptsCollection.findOne({ _id: entry.attemptId })) as AttemptDoc | null;
    if (stored) {
      if (!sameAnswers(stored.answers, request.answers)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      // The same answers: the print of the request's is the stored attempt's.
      const { before, counts } = await results.applySubmittedAttempt(stored, doc.history, print);
      return receiptResponse(stored, before, counts, true);
    }
    const receivedAt = entry.at ?? clock.now();
    if (doc.keyVersion !== actor.keyVersion) throw new AppError('TOKEN_INVALID');
    if (receivedAt >= doc.deadline) throw refusal(doc, actor, receivedAt);
    const renumber = (number: number) => build(number, receivedAt);
    return store(renumber(await reserveNumber(doc._id, actor.keyVersion)), actor.keyVersion, renumber, doc.history, print);
  }

  return {
    assertKeyCurrent,

    /**
     * Submit: validate and score in memory, then at most four database commands — reserve the
     * attempt number on the result (which also checks key version, window and the idempotency
     * key), insert the attempt, fold it into the result, update the region summary. The
     * server's receipt time, taken on arrival, decides whether it is in time.
     */
    async submit(actor: EnterpriseActor, request: SubmitRequest, client: ClientContext): Promise<SubmitOutcome> {
      const receivedAt = clock.now();
      const questionnaire = await questionnaires.get(actor.questionnaire);
      const issues = validateAnswers(questionnaire, request.answers, 'submit');
      if (issues.length > 0) await refuseEarly(actor, new AppError('ANSWERS_INVALID', { issues }));
      const scored = score(questionnaire, request.answers);
      // In memory, like the score (~35 µs for the default questionnaire's 94 answers, as long as scoring).
      const print = answerPrint(questionnaire, request.answers);
      await enforceSubmitLimits(actor, request.idempotencyKey);

      return locks.run(actor.enterpriseId, () => this.persistSubmit(actor, request, client, receivedAt, scored, print));
    },

    /** The database part of a submit, one at a time per enterprise in this instance (KeyedMutex). */
    async persistSubmit(actor: EnterpriseActor, request: SubmitRequest, client: ClientContext, receivedAt: Date, scored: ReturnType<typeof score>, print: AnswerPrint): Promise<SubmitOutcome> {
      const enterpriseId = new Types.ObjectId(actor.enterpriseId);
      const attemptId = new Types.ObjectId();
      const key = request.idempotencyKey;
      const reserved = (await resultsCollection.findOneAndUpdate(
        { _id: enterpriseId, keyVersion: actor.keyVersion, opensAt: { $lte: receivedAt }, deadline: { $gt: receivedAt }, recentKeys: { $ne: key } },
        rawUpdate({
          $inc: { attemptSeq: 1 },
          $push: {
            recentKeys: { $each: [key], $slice: -RECENT_KEYS },
            recentSubmits: { $each: [{ key, attemptId, at: receivedAt }], $slice: -RECENT_KEYS },
          },
        }),
        { returnDocument: 'after' },
      )) as ResultDoc | null;

      /**
       * Answers changed since the previous attempt, from the print its submit left on the result
       * (the document step 1 returns anyway: no extra read). Null for a first attempt, and for
       * results from before prints were kept.
       */
      const changedSince = (result: ResultDoc | null): number | null => {
        const previous = result ? heldPrint(result) : null;
        return previous ? changedAnswers(previous, print) : null;
      };
      const build = (number: number, submittedAt: Date, id = attemptId): AttemptDoc => {
        const draft: AttemptDoc = {
          _id: id,
          enterpriseId,
          campaignId: new Types.ObjectId(actor.campaignId),
          regionCode: reserved?.regionCode ?? '',
          number,
          idempotencyKey: key,
          questionnaire: actor.questionnaire,
          answers: request.answers,
          startedAt: reserved?.draftStartedAt ?? null,
          submittedAt,
          changedAnswers: changedSince(reserved),
          score: {
            total: scored.total,
            base: scored.base,
            bonus: scored.bonus,
            dimensions: scored.dimensions.map((d) => ({ id: d.id, score: d.score, max: d.max })),
          },
          checksum: '',
          checksumVersion: RECEIPT_CHECKSUM_VERSION,
          client: { platform: request.client?.platform ?? null, version: request.client?.version ?? null, ip: client.ip, userAgent: client.userAgent.slice(0, 300) },
        };
        draft.checksum = attemptChecksum(draft);
        return draft;
      };

      if (reserved) return store(build(reserved.attemptSeq, receivedAt), actor.keyVersion, (number) => build(number, receivedAt), reserved.history, print);

      const doc = (await resultsCollection.findOne({ _id: enterpriseId })) as ResultDoc | null;
      const seen = doc?.recentSubmits.find((entry) => entry.key === key);
      if (doc && seen) {
        return replay(seen, doc, actor, request, (number, at) => {
          const attempt = build(number, at, seen.attemptId);
          attempt.regionCode = doc.regionCode;
          attempt.startedAt = doc.draftStartedAt ?? null;
          attempt.changedAnswers = changedSince(doc);
          attempt.checksum = attemptChecksum(attempt);
          return attempt;
        }, print);
      }
      throw refusal(doc, actor, receivedAt);
    },

    /** Starts (or resumes) an attempt: the working draft, idempotent on the client's key. */
    async start(actor: EnterpriseActor, clientKey: string): Promise<Draft> {
      return locks.run(actor.enterpriseId, () => this.startLocked(actor, clientKey));
    },

    async startLocked(actor: EnterpriseActor, clientKey: string): Promise<Draft> {
      const now = clock.now();
      const enterpriseId = new Types.ObjectId(actor.enterpriseId);
      const result = (await resultsCollection.findOne({ _id: enterpriseId })) as ResultDoc | null;
      if (!result || result.keyVersion !== actor.keyVersion || now < result.opensAt || now >= result.deadline) throw refusal(result, actor, now);
      const existing = (await draftsCollection.findOne({ _id: enterpriseId })) as DraftDoc | null;
      if (existing?.clientKey === clientKey) return toDraftView(existing, result.lastSubmittedAt);
      // A retake keeps the answers of the draft (what was last typed or submitted) as its start.
      const updated = (await draftsCollection.findOneAndUpdate(
        { _id: enterpriseId },
        {
          $set: { clientKey, startedAt: now, keyVersion: result.keyVersion, opensAt: result.opensAt, deadline: result.deadline },
          $setOnInsert: { campaignId: result.campaignId, revision: 0, answers: {}, updatedAt: null },
        },
        { upsert: true, returnDocument: 'after' },
      )) as DraftDoc;
      await results.markDrafting(result, now);
      return toDraftView(updated, result.lastSubmittedAt);
    },

    async getDraft(actor: EnterpriseActor): Promise<Draft> {
      const enterpriseId = new Types.ObjectId(actor.enterpriseId);
      const [draft, result] = await Promise.all([
        draftsCollection.findOne({ _id: enterpriseId }) as Promise<DraftDoc | null>,
        resultsCollection.findOne({ _id: enterpriseId }) as Promise<ResultDoc | null>,
      ]);
      if (!result || result.keyVersion !== actor.keyVersion) throw new AppError('TOKEN_INVALID');
      if (!draft) throw new AppError('NO_DRAFT');
      return toDraftView(draft, result.lastSubmittedAt);
    },

    /**
     * Saves what changed since `baseRevision` with one conditional update; a stale revision is a
     * 409 carrying the current draft so the client can merge. Answers are type-checked (draft
     * mode); nothing already saved is ever dropped by a refused save.
     */
    async saveDraft(actor: EnterpriseActor, request: SaveDraftRequest & { set: Answers; unset: string[] }): Promise<{ revision: number; updatedAt: string }> {
      const now = clock.now();
      const questionnaire = await questionnaires.get(actor.questionnaire);
      const issues = validateAnswers(questionnaire, request.set, 'draft');
      if (issues.length > 0) await refuseEarly(actor, new AppError('ANSWERS_INVALID', { issues }));
      const unknown = request.unset.filter((id) => !questionnaire.questionIndex.has(id));
      if (unknown.length > 0) {
        await refuseEarly(actor, new AppError('ANSWERS_INVALID', { issues: unknown.map((questionId) => ({ questionId, code: 'UNKNOWN_QUESTION', message: '题目不存在' })) }));
      }
      await this.countDraftSave(actor);

      return locks.run(actor.enterpriseId, () => this.writeDraft(actor, request, now));
    },

    /**
     * Counts one draft save against the per-enterprise limit (429 RATE_LIMITED past it). A workbook
     * upload is counted here before its file is parsed, whatever the file turns out to hold.
     */
    async countDraftSave(actor: EnterpriseActor): Promise<void> {
      const limit = await limiter.hitOrAllow(`draft:${actor.enterpriseId}`, DRAFT_SAVE_LIMIT_PER_MINUTE, 60);
      if (!limit.allowed) await refuseEarly(actor, rateLimited(limit.retryAfterSeconds));
    },

    async writeDraft(actor: EnterpriseActor, request: SaveDraftRequest & { set: Answers; unset: string[] }, now: Date): Promise<{ revision: number; updatedAt: string }> {
      const set: Record<string, unknown> = { updatedAt: now };
      for (const [questionId, value] of Object.entries(request.set)) set[`answers.${questionId}`] = value;
      const unset: Record<string, ''> = {};
      for (const questionId of request.unset) if (!(questionId in request.set)) unset[`answers.${questionId}`] = '';
      const enterpriseId = new Types.ObjectId(actor.enterpriseId);
      const update: Record<string, unknown> = { $set: set, $inc: { revision: 1 } };
      if (Object.keys(unset).length > 0) update.$unset = unset;
      const outcome = await draftsCollection.updateOne(
        { _id: enterpriseId, revision: request.baseRevision, keyVersion: actor.keyVersion, opensAt: { $lte: now }, deadline: { $gt: now } },
        update,
      );
      if (outcome.matchedCount === 1) return { revision: request.baseRevision + 1, updatedAt: toBeijingIso(now) };

      const draft = (await draftsCollection.findOne({ _id: enterpriseId })) as DraftDoc | null;
      if (!draft) {
        const result = (await resultsCollection.findOne({ _id: enterpriseId })) as ResultDoc | null;
        if (!result || result.keyVersion !== actor.keyVersion || now < result.opensAt || now >= result.deadline) throw refusal(result, actor, now);
        throw new AppError('NO_DRAFT');
      }
      if (draft.keyVersion !== actor.keyVersion || now < draft.opensAt || now >= draft.deadline) throw refusal(draft, actor, now);
      const result = (await resultsCollection.findOne({ _id: enterpriseId })) as ResultDoc | null;
      throw new AppError('DRAFT_CONFLICT', { draft: toDraftView(draft, result?.lastSubmittedAt ?? null) });
    },

    /**
     * Merges answers read from an uploaded workbook into the draft (never submits). The upload was
     * counted by `countDraftSave` before its file was parsed, so this write is not counted again.
     */
    async mergeIntoDraft(actor: EnterpriseActor, answers: Answers): Promise<{ revision: number }> {
      const enterpriseId = new Types.ObjectId(actor.enterpriseId);
      const questionnaire = await questionnaires.get(actor.questionnaire);
      const issues = validateAnswers(questionnaire, answers, 'draft');
      if (issues.length > 0) await refuseEarly(actor, new AppError('ANSWERS_INVALID', { issues }));
      for (let tries = 0; tries < 3; tries++) {
        const draft = (await draftsCollection.findOne({ _id: enterpriseId })) as DraftDoc | null;
        if (!draft) throw new AppError('NO_DRAFT');
        try {
          return await locks.run(actor.enterpriseId, () => this.writeDraft(actor, { baseRevision: draft.revision, set: answers, unset: [] }, clock.now()));
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'DRAFT_CONFLICT')) throw error;
        }
      }
      throw new AppError('DRAFT_CONFLICT');
    },

    async listOwn(actor: EnterpriseActor) {
      const result = (await resultsCollection.findOne({ _id: new Types.ObjectId(actor.enterpriseId) })) as ResultDoc | null;
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
      const attempt = (await attemptsCollection.findOne({ _id: attemptId, enterpriseId: new Types.ObjectId(actor.enterpriseId) })) as AttemptDoc | null;
      if (!attempt) throw new AppError('ATTEMPT_NOT_FOUND');
      const result = (await resultsCollection.findOne({ _id: attempt.enterpriseId })) as ResultDoc | null;
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
