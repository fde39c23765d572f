import { z } from 'zod';
import { answersSchema } from './answers';
import { receiptSchema } from './enterprise';
import { beijingTimeSchema } from './time';
import { verifyReceipt, type ReceiptVerification } from '../receipt';

/**
 * The receipt as one file (GET /api/attempts/:id/receipt-file): the receipt and the answers it
 * covers, so anyone can recompute the checksum without the system — `npx verify-receipt <file>`,
 * the public page /pages/verify/index, or a script of their own following docs/receipt-checksum.md.
 */
export const RECEIPT_FILE_KIND = 'iso56005-assessment-receipt' as const;

export const RECEIPT_FILE_HOW_TO_VERIFY =
  'checksum = SHA-256（十六进制小写）of 规范 JSON：checksumVersion 2 为 {v:2, attemptId, enterpriseId, number, submittedAt, questionnaire, answers, total, base, bonus, dimensions:[{id,score}]}，1 为 {attemptId, enterpriseId, number, answers, total, dimensions:[{id,score}]}；键按 UTF-16 码元排序、无空白、数字按 JSON 最短形式。enterprise 与 campaign 仅供阅读，不在校验范围内。' as const;

export const receiptFileSchema = z
  .object({
    kind: z.literal(RECEIPT_FILE_KIND),
    fileVersion: z.literal(1),
    receipt: receiptSchema,
    answers: answersSchema,
    /** For the reader; not covered by the checksum (the enterprise id is). */
    enterprise: z.object({ name: z.string(), uscc: z.string() }),
    campaign: z.object({ id: z.string(), name: z.string(), year: z.number().int() }),
    howToVerify: z.string(),
    downloadedAt: beijingTimeSchema,
  })
  .meta({ id: 'ReceiptFile', description: '回执文件：回执与其覆盖的答案，可离线重新计算校验码（npx verify-receipt <文件>，或 H5 页面 /pages/verify/index）' });
export type ReceiptFile = z.infer<typeof receiptFileSchema>;

export type ReceiptFileCheck = ({ readable: true } & ReceiptVerification & { file: ReceiptFile }) | { readable: false; reason: string };

/**
 * Reads a receipt file (text or parsed JSON) and recomputes its checksum. Also takes anything with
 * `receipt` and `answers` of the same shapes (GET /api/attempts/:id answers one).
 */
export function checkReceiptFile(input: string | unknown): ReceiptFileCheck {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return { readable: false, reason: '文件不是有效的 JSON' };
    }
  }
  const parts = z.object({ receipt: receiptSchema, answers: answersSchema }).safeParse(value);
  if (!parts.success) return { readable: false, reason: '文件中没有可识别的回执（receipt）与答案（answers）' };
  const whole = receiptFileSchema.safeParse(value);
  const file: ReceiptFile = whole.success
    ? whole.data
    : { kind: RECEIPT_FILE_KIND, fileVersion: 1, receipt: parts.data.receipt, answers: parts.data.answers, enterprise: { name: '', uscc: '' }, campaign: { id: '', name: '', year: 0 }, howToVerify: RECEIPT_FILE_HOW_TO_VERIFY, downloadedAt: parts.data.receipt.submittedAt };
  // The answers as written in the file (zod's copy keeps every value, but the file is what is judged).
  const answers = (value as { answers: Record<string, never> }).answers;
  return { readable: true, file, ...verifyReceipt(parts.data.receipt, answers) };
}
