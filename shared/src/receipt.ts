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
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: only plain objects');
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

export interface ReceiptInput {
  enterpriseId: string;
  attemptId: string;
  number: number;
  answers: Answers;
  total: number;
  dimensions: Array<{ id: string; score: number }>;
}

/** Hex SHA-256 of canonicalJson of exactly these fields (extra properties are ignored). */
export function receiptChecksum(input: ReceiptInput): string {
  const { enterpriseId, attemptId, number, answers, total, dimensions } = input;
  const body = {
    enterpriseId,
    attemptId,
    number,
    answers,
    total,
    dimensions: dimensions.map(({ id, score }) => ({ id, score })),
  };
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(body))));
}
