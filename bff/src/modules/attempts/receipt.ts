import { receiptChecksum, toBeijingIso, type Questionnaire, type Receipt, type ReceiptInput } from '@assess/shared';
import type { AttemptDoc } from '../results/model';

type ChecksummedAttempt = Pick<AttemptDoc, 'enterpriseId' | '_id' | 'number' | 'answers' | 'score'>;

/** The checksum input: who, which attempt, what was answered, what it scored. */
export function attemptChecksumInput(attempt: ChecksummedAttempt): ReceiptInput {
  return {
    enterpriseId: String(attempt.enterpriseId),
    attemptId: String(attempt._id),
    number: attempt.number,
    answers: attempt.answers,
    total: attempt.score.total,
    dimensions: attempt.score.dimensions.map((d) => ({ id: d.id, score: d.score })),
  };
}

export function attemptChecksum(attempt: ChecksummedAttempt): string {
  return receiptChecksum(attemptChecksumInput(attempt));
}

export function toReceipt(attempt: AttemptDoc, questionnaire: Questionnaire): Receipt {
  const titles = new Map(questionnaire.definition.dimensions.map((d) => [d.id, d.title]));
  return {
    attemptId: String(attempt._id),
    enterpriseId: String(attempt.enterpriseId),
    number: attempt.number,
    submittedAt: toBeijingIso(attempt.submittedAt),
    total: attempt.score.total,
    base: attempt.score.base,
    bonus: attempt.score.bonus,
    dimensions: attempt.score.dimensions.map((d) => ({ id: d.id, title: titles.get(d.id) ?? d.id, score: d.score, max: d.max })),
    questionnaire: attempt.questionnaire,
    checksum: attempt.checksum,
  };
}
