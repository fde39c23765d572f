import {
  RECEIPT_CHECKSUM_VERSION,
  RECEIPT_FILE_HOW_TO_VERIFY,
  RECEIPT_FILE_KIND,
  receiptChecksum,
  receiptChecksumV2,
  toBeijingIso,
  type Answers,
  type Questionnaire,
  type Receipt,
  type ReceiptFile,
  type ReceiptInputV2,
} from '@assess/shared';
import type { AttemptDoc } from '../results/model';

type ChecksummedAttempt = Pick<AttemptDoc, 'enterpriseId' | '_id' | 'number' | 'answers' | 'score' | 'submittedAt' | 'questionnaire' | 'checksumVersion'>;

/** The checksum input: who, which attempt, when it was received, against which questionnaire, what was answered, what it scored. */
export function attemptChecksumInput(attempt: ChecksummedAttempt): ReceiptInputV2 {
  return {
    enterpriseId: String(attempt.enterpriseId),
    attemptId: String(attempt._id),
    number: attempt.number,
    submittedAt: toBeijingIso(attempt.submittedAt),
    questionnaire: attempt.questionnaire,
    answers: attempt.answers,
    total: attempt.score.total,
    base: attempt.score.base,
    bonus: attempt.score.bonus,
    dimensions: attempt.score.dimensions.map((d) => ({ id: d.id, score: d.score })),
  };
}

/** The checksum by the attempt's own version: 2 for every new attempt, 1 for those stored before it. */
export function attemptChecksum(attempt: ChecksummedAttempt): string {
  const input = attemptChecksumInput(attempt);
  return (attempt.checksumVersion ?? 1) === 1 ? receiptChecksum(input) : receiptChecksumV2(input);
}

export { RECEIPT_CHECKSUM_VERSION };

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
    checksumVersion: attempt.checksumVersion ?? 1,
    checksum: attempt.checksum,
  };
}

/**
 * The receipt file (GET /api/attempts/:id/receipt-file): the receipt with the answers it covers,
 * and for the reader the enterprise and campaign they belong to (not covered by the checksum).
 */
export function toReceiptFile(
  detail: { receipt: Receipt; answers: Answers },
  me: { enterprise: { name: string; uscc: string }; campaign: { id: string; name: string; year: number } },
  now: Date,
): ReceiptFile {
  return {
    kind: RECEIPT_FILE_KIND,
    fileVersion: 1,
    receipt: detail.receipt,
    answers: detail.answers,
    enterprise: { name: me.enterprise.name, uscc: me.enterprise.uscc },
    campaign: { id: me.campaign.id, name: me.campaign.name, year: me.campaign.year },
    howToVerify: RECEIPT_FILE_HOW_TO_VERIFY,
    downloadedAt: toBeijingIso(now),
  };
}
