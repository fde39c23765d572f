import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Answers } from './api/answers';

/**
 * The receipt checksum settles disputes: anyone holding the attempt's answers and scores can
 * recompute it (server, mini-program, an auditor with a script) and compare.
 */

function canonical(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value); // -0 → "0", shortest round-trip form otherwise
    case 'object': {
      if (seen.has(value)) throw new TypeError('canonicalJson: circular structure');
      seen.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out = `[${value.map((item) => canonical(item, seen)).join(',')}]`;
      } else {
        // A plain object of any realm (JSON parsed in another frame or VM context has that realm's Object.prototype).
        const proto = Object.getPrototypeOf(value) as object | null;
        if (proto !== null && (Object.getPrototypeOf(proto) !== null || Object.prototype.toString.call(value) !== '[object Object]')) throw new TypeError('canonicalJson: only plain objects');
        const entries = Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined) // as JSON.stringify does
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        out = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, seen)}`).join(',')}}`;
      }
      seen.delete(value);
      return out;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

/**
 * JSON with object keys sorted (by UTF-16 code units), no whitespace, numbers as JSON.stringify
 * writes them. Undefined object members are dropped (as JSON does); anything JSON cannot carry
 * faithfully — NaN, Infinity, undefined in arrays, functions, bigint, Dates, class instances,
 * cycles — throws rather than being silently changed.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value, new Set());
}

/** What checksum version 1 covers: who, which attempt, what was answered, what it scored. */
export interface ReceiptInput {
  enterpriseId: string;
  attemptId: string;
  number: number;
  answers: Answers;
  total: number;
  dimensions: Array<{ id: string; score: number }>;
}

/**
 * Version 2 also covers *when* and *against what*: the server's receipt time (a dispute is often
 * about whether an attempt arrived before the close), the questionnaire version, and base and bonus.
 */
export interface ReceiptInputV2 extends ReceiptInput {
  /** The receipt's `submittedAt` exactly as written (Beijing ISO 8601, +08:00). */
  submittedAt: string;
  questionnaire: string;
  base: number;
  bonus: number;
}

export type ReceiptChecksumVersion = 1 | 2;
/** The version every new attempt is checksummed with. */
export const RECEIPT_CHECKSUM_VERSION = 2 as const;

/** The canonical text a version hashes: exactly its fields, nothing else (extra properties are ignored). */
export function receiptChecksumText(version: 1, input: ReceiptInput): string;
export function receiptChecksumText(version: ReceiptChecksumVersion, input: ReceiptInputV2): string;
export function receiptChecksumText(version: ReceiptChecksumVersion, input: ReceiptInput | ReceiptInputV2): string {
  const { enterpriseId, attemptId, number, answers, total } = input;
  const dimensions = input.dimensions.map(({ id, score }) => ({ id, score }));
  if (version === 1) return canonicalJson({ enterpriseId, attemptId, number, answers, total, dimensions });
  const { submittedAt, questionnaire, base, bonus } = input as ReceiptInputV2;
  // `v` keeps a version's text from ever being read as another's.
  return canonicalJson({ v: 2, enterpriseId, attemptId, number, submittedAt, questionnaire, answers, total, base, bonus, dimensions });
}

function hexSha256(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** Version 1: hex SHA-256 of canonicalJson of exactly the ReceiptInput fields. */
export function receiptChecksum(input: ReceiptInput): string {
  return hexSha256(receiptChecksumText(1, input));
}

/** Version 2 (every attempt since issue 15): the v1 fields plus receipt time, questionnaire, base and bonus. */
export function receiptChecksumV2(input: ReceiptInputV2): string {
  return hexSha256(receiptChecksumText(2, input));
}

/** A receipt as verification reads it: the fields of any version, and which version it claims. */
export type VerifiableReceipt = Omit<ReceiptInputV2, 'answers'> & { checksumVersion: ReceiptChecksumVersion; checksum: string };

export interface ReceiptVerification {
  ok: boolean;
  version: ReceiptChecksumVersion;
  /** The checksum recomputed from the receipt's fields and the answers. */
  computed: string;
  claimed: string;
}

/** Recomputes a receipt's checksum from its fields and the answers it covers, by the version it names. */
export function verifyReceipt(receipt: VerifiableReceipt, answers: Answers): ReceiptVerification {
  const input = { ...receipt, answers };
  const computed = receipt.checksumVersion === 1 ? receiptChecksum(input) : receiptChecksumV2(input);
  return { ok: computed === receipt.checksum, version: receipt.checksumVersion, computed, claimed: receipt.checksum };
}
