import { campaignState, toBeijingIso } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { ResultDoc } from './model';

/**
 * What every enterprise write checks before it changes anything: the token's key version (a reset
 * key revokes older tokens) and the enterprise's own window. The result and the draft each carry
 * a copy of both, so a submit's reservation and a draft save are one conditional write with no
 * other read; the results repository alone keeps the copies in step (`applyWindow`, `revokeKey`,
 * `setExtension`, `applyImport`).
 */
export type Guarded = Pick<ResultDoc, 'keyVersion' | 'opensAt' | 'deadline'>;

/**
 * The shared window rule (`isWithinWindow`: opensAt ≤ t < deadline) as a filter on the copies,
 * for conditional writes: the database decides it in the same step as the write.
 */
export function withinWindowFilter(at: Date): { opensAt: { $lte: Date }; deadline: { $gt: Date } } {
  return { opensAt: { $lte: at }, deadline: { $gt: at } };
}

/**
 * Why a conditional write on the result or draft matched nothing, as the first failing guard says
 * it: no such enterprise, a revoked token, the window not open yet or closed (shared `campaignState`).
 */
export function refusal(doc: Guarded | null, keyVersion: number, at: Date): AppError {
  if (!doc) return new AppError('ENTERPRISE_NOT_FOUND');
  if (doc.keyVersion !== keyVersion) return new AppError('TOKEN_INVALID');
  switch (campaignState(at, doc.opensAt, doc.deadline)) {
    case 'not_open':
      return new AppError('WINDOW_NOT_OPEN', { opensAt: toBeijingIso(doc.opensAt) });
    case 'closed':
      return new AppError('WINDOW_CLOSED', { deadline: toBeijingIso(doc.deadline) });
    default:
      return new AppError('INTERNAL');
  }
}

/** Throws the refusal unless the key is current and `at` lies within the window. */
export function assertGuards<T extends Guarded>(doc: T | null, keyVersion: number, at: Date): asserts doc is T {
  if (!doc || doc.keyVersion !== keyVersion || campaignState(at, doc.opensAt, doc.deadline) !== 'open') throw refusal(doc, keyVersion, at);
}
