import { Binary, ObjectId, type UpdateFilter } from 'mongodb';
import type { HistoryEntry, ResultDoc } from './model';

/**
 * One change to a result document, declared once and read two ways: as the update the database
 * applies (`toUpdate`), and applied in memory to the document as it was (`applyChange`), which
 * gives the state the update leaves — the roster row comes from it — without reading it back and
 * without a second description of the update to keep in step.
 *
 * Only what the results module writes: top-level fields, and the four operators below.
 */
export interface ResultChange {
  set?: Partial<Omit<ResultDoc, '_id'>>;
  inc?: Partial<Record<'rev' | 'attemptSeq', number>>;
  /** Kept when greater in the database's order (`compareStored`): the later final, receipt time, print. */
  max?: Partial<Pick<ResultDoc, 'final' | 'lastSubmittedAt' | 'lastAnswers'>>;
  addToSet?: { history: HistoryEntry };
}

/** The MongoDB update of a change (the same document on FerretDB). */
export function toUpdate(change: ResultChange): UpdateFilter<ResultDoc> {
  const update: UpdateFilter<ResultDoc> = {};
  if (change.max) update.$max = change.max;
  if (change.addToSet) update.$addToSet = change.addToSet;
  if (change.set) update.$set = change.set;
  if (change.inc) update.$inc = change.inc;
  return update;
}

/** The document as `toUpdate(change)` leaves it, computed from the document before it. */
export function applyChange(before: ResultDoc, change: ResultChange): ResultDoc {
  const after: ResultDoc = { ...before, ...change.set };
  for (const [field, by] of Object.entries(change.inc ?? {}) as Array<['rev' | 'attemptSeq', number]>) after[field] = (before[field] ?? 0) + by;
  const max = change.max ?? {};
  if (max.final !== undefined && compareStored(max.final, before.final) > 0) after.final = max.final;
  if (max.lastSubmittedAt !== undefined && compareStored(max.lastSubmittedAt, before.lastSubmittedAt) > 0) after.lastSubmittedAt = max.lastSubmittedAt;
  if (max.lastAnswers !== undefined && compareStored(max.lastAnswers, before.lastAnswers) > 0) after.lastAnswers = max.lastAnswers;
  const entry = change.addToSet?.history;
  if (entry && !before.history.some((held) => compareStored(held, entry) === 0)) after.history = [...before.history, entry];
  return after;
}

/**
 * BSON's order across types (the ones results hold): a missing value or null below everything,
 * so `$max` on an empty field always sets it.
 */
function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (value instanceof Binary || value instanceof Uint8Array) return 6;
  if (value instanceof ObjectId) return 7;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  if (Array.isArray(value)) return 5;
  return 4; // an embedded document
}

const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);
const bytesOf = (value: Binary | Uint8Array) => (value instanceof Binary ? value.buffer : value);

/**
 * How the database orders two stored values (MongoDB's BSON comparison, which FerretDB follows for
 * these types): by type, then by value; embedded documents field by field in their order, names
 * first; binary data by length, then bytes. -1, 0 or 1. What `$max` keeps, and what `$addToSet`
 * counts as the same entry (0).
 */
export function compareStored(a: unknown, b: unknown): number {
  const ranks = typeRank(a) - typeRank(b);
  if (ranks !== 0) return sign(ranks);
  if (a === null || a === undefined || b === null || b === undefined) return 0;
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return sign(Number(a) - Number(b));
  if (a instanceof Date && b instanceof Date) return sign(a.getTime() - b.getTime());
  if (a instanceof ObjectId && b instanceof ObjectId) return compareStored(a.toHexString(), b.toHexString());
  if ((a instanceof Binary || a instanceof Uint8Array) && (b instanceof Binary || b instanceof Uint8Array)) {
    const [x, y] = [bytesOf(a), bytesOf(b)];
    if (x.length !== y.length) return sign(x.length - y.length);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return sign(x[i]! - y[i]!);
    return 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = compareStored(a[i], b[i]);
      if (order !== 0) return order;
    }
    return sign(a.length - b.length);
  }
  const [x, y] = [Object.entries(a as object), Object.entries(b as object)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [[xKey, xValue], [yKey, yValue]] = [x[i]!, y[i]!];
    const order = compareStored(xKey, yKey) || compareStored(xValue, yValue);
    if (order !== 0) return order;
  }
  return sign(x.length - y.length);
}
