import { Types } from 'mongoose';
import {
  answerPrint,
  canonicalJson,
  changedAnswers,
  isLaterAttempt,
  isWithinWindow,
  score,
  validateAnswers,
  type AnswerPrint,
  type Answers,
  type SubmitRequest,
  type SubmitResponse,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { EnterpriseActor } from '../../lib/route';
import type { QuestionnaireService } from '../questionnaires/service';
import { heldPrint } from '../results/fold';
import { refusal } from '../results/guards';
import type { AttemptDoc, ResultDoc } from '../results/model';
import type { ResultRepository } from '../results/repository';
import type { SubmitFold, SubmitWrites } from '../results/submitWrites';
import type { EnterpriseLimits } from './limits';
import { attemptChecksum, RECEIPT_CHECKSUM_VERSION, toReceipt } from './receipt';

export interface ClientContext {
  ip: string;
  userAgent: string;
}

/** A submit's receipt, and whether it was replayed (the same idempotency key and answers seen before). */
export type SubmitOutcome = SubmitResponse & { replayed: boolean };

/**
 * POST /api/attempts/current/submit, as it happens:
 *
 *   1. validate the answers against the questionnaire the token names;
 *   2. score them, in memory, with the shared engine (and take their print);
 *   3. count the submit against the enterprise's limits;
 *   4. under the enterprise's lock: reserve the attempt number (the key version, the window and
 *      the idempotency key are checked there, by the database, against the server's receipt
 *      time taken on arrival) → insert the attempt → fold it into the result → record the
 *      region's delta.
 *
 * At most four database commands (plus the lease's two on FerretDB). A submit whose idempotency
 * key was seen before is answered from what is stored, and repairs what a crash between the
 * writes left undone.
 */
export function submitUseCase(deps: { clock: Clock; questionnaires: QuestionnaireService; results: Pick<ResultRepository, 'applySubmit'>; limits: EnterpriseLimits }) {
  const { clock, questionnaires, results, limits } = deps;

  return async function submit(actor: EnterpriseActor, request: SubmitRequest, client: ClientContext): Promise<SubmitOutcome> {
    const receivedAt = clock.now();
    const questionnaire = await questionnaires.get(actor.questionnaire);
    const issues = validateAnswers(questionnaire, request.answers, 'submit');
    if (issues.length > 0) await limits.refuseEarly(actor, new AppError('ANSWERS_INVALID', { issues }));
    const scored = score(questionnaire, request.answers);
    // In memory, like the score (~35 µs for the default questionnaire's 94 answers, as long as scoring).
    const print = answerPrint(questionnaire, request.answers);
    await limits.countSubmit(actor, request.idempotencyKey);

    return results.applySubmit(actor.enterpriseId, async (writes) => {
      const attemptId = new Types.ObjectId();
      const reserved = await writes.reserveNumber({ keyVersion: actor.keyVersion, receivedAt, idempotencyKey: request.idempotencyKey, attemptId });
      if (!reserved) return answerSeenBefore(writes, { actor, request, client, receivedAt, scored, print });
      const build = (number: number) => buildAttempt({ actor, request, client, scored, print }, { id: attemptId, number, submittedAt: receivedAt, result: reserved });
      const { attempt, inserted } = await writes.insertAttempt(build(reserved.attemptSeq), actor.keyVersion, build);
      if (!inserted) assertSameAnswers(attempt, request.answers);
      const fold = await writes.foldIntoResult(attempt, reserved.history, print);
      await writes.recordDelta(fold);
      return receiptOf(fold, !inserted);
    });
  };

  /**
   * The reservation was refused. A key the result remembers is a retry: answer the stored attempt
   * (folding it again, which repairs a crash between the writes), or, when the first try was
   * accepted but its attempt never stored, store it now with that try's receipt time. Otherwise
   * the guard that failed says why.
   */
  async function answerSeenBefore(writes: SubmitWrites, submit: Submission & { receivedAt: Date }): Promise<SubmitOutcome> {
    const { actor, request, print } = submit;
    const result = await writes.read();
    const seen = result?.recentSubmits.find((entry) => entry.key === request.idempotencyKey);
    if (!result || !seen) throw refusal(result, actor.keyVersion, submit.receivedAt);

    const stored = await writes.storedAttempt(seen.attemptId);
    if (stored) {
      assertSameAnswers(stored, request.answers);
      const fold = await writes.foldIntoResult(stored, result.history, print);
      await writes.recordDelta(fold);
      return receiptOf(fold, true);
    }
    const firstReceivedAt = seen.at ?? clock.now();
    if (result.keyVersion !== actor.keyVersion || !isWithinWindow(firstReceivedAt, result.opensAt, result.deadline)) throw refusal(result, actor.keyVersion, firstReceivedAt);
    const build = (number: number) => buildAttempt(submit, { id: seen.attemptId, number, submittedAt: firstReceivedAt, result });
    const { attempt, inserted } = await writes.insertAttempt(build(await writes.reserveRetryNumber(actor.keyVersion)), actor.keyVersion, build);
    if (!inserted) assertSameAnswers(attempt, request.answers);
    const fold = await writes.foldIntoResult(attempt, result.history, print);
    await writes.recordDelta(fold);
    return receiptOf(fold, !inserted);
  }

  /**
   * The receipt, whether the attempt counts, the attempt submitted just before it (a replayed
   * older attempt must not name a later one), and whether this answer replays one given before.
   */
  async function receiptOf(fold: SubmitFold, replayed: boolean): Promise<SubmitOutcome> {
    const { attempt, before, counts } = fold;
    const earlier = before.history
      .filter((entry) => entry.number !== attempt.number && isLaterAttempt(attempt, entry))
      .sort((a, b) => +a.submittedAt - +b.submittedAt || a.number - b.number)
      .at(-1);
    const questionnaire = await questionnaires.get(attempt.questionnaire);
    return { receipt: toReceipt(attempt, questionnaire), counts, previous: earlier ? { number: earlier.number, total: earlier.total } : null, replayed };
  }
}

/** What a submit brought, checked and scored. */
interface Submission {
  actor: EnterpriseActor;
  request: SubmitRequest;
  client: ClientContext;
  scored: ReturnType<typeof score>;
  print: AnswerPrint;
}

/** The same idempotency key with other answers is a client bug, never a retry. */
function assertSameAnswers(stored: AttemptDoc, answers: Answers): void {
  if (canonicalJson(stored.answers) !== canonicalJson(answers)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
}

/**
 * The attempt as stored: inserted once, never updated. `result` is the enterprise's result as
 * the reservation left it, whose print of the previous attempt gives the answers changed since
 * (null for a first attempt, and for results from before prints were kept).
 */
function buildAttempt(submit: Submission, stored: { id: Types.ObjectId; number: number; submittedAt: Date; result: Pick<ResultDoc, 'regionCode' | 'draftStartedAt' | 'lastAnswers'> }): AttemptDoc {
  const { actor, request, client, scored, print } = submit;
  const { id, number, submittedAt, result } = stored;
  const previous = heldPrint(result);
  const attempt: AttemptDoc = {
    _id: id,
    enterpriseId: new Types.ObjectId(actor.enterpriseId),
    campaignId: new Types.ObjectId(actor.campaignId),
    regionCode: result.regionCode,
    number,
    idempotencyKey: request.idempotencyKey,
    questionnaire: actor.questionnaire,
    answers: request.answers,
    startedAt: result.draftStartedAt ?? null,
    submittedAt,
    changedAnswers: previous ? changedAnswers(previous, print) : null,
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
  attempt.checksum = attemptChecksum(attempt);
  return attempt;
}

