import { Types } from 'mongoose';
import type { AttemptDoc, ResultDoc } from '../model';
import { newResult } from '../newResult';

/** Test data for the results module: a result as an import leaves it, and an attempt of it. */

const OPENS = new Date('2026-11-01T00:00:00+08:00');
export const CLOSE = new Date('2026-12-01T00:00:00+08:00');

/** An enterprise's result, logged in, nothing submitted (override what a test needs). */
export function resultOf(overrides: Partial<ResultDoc> = {}): ResultDoc {
  const facts = { uscc: '91440000MA00000001', name: '企业一', regionCode: '440000', cityCode: null, track: 'assessment', titleHeld: 'none', line: 'advantage', flags: { specialized: false, littleGiant: false, centralSoe: false } } as const;
  return { ...newResult(new Types.ObjectId(), { _id: new Types.ObjectId(), opensAt: OPENS, closesAt: CLOSE }, facts, OPENS), status: 'logged_in', ...overrides };
}

/** A submitted attempt of `enterpriseId` with one dimension worth half its total. */
export function attemptOf(enterpriseId: Types.ObjectId, number: number, submittedAt: Date, total: number): AttemptDoc {
  return {
    _id: new Types.ObjectId(),
    enterpriseId,
    campaignId: new Types.ObjectId(),
    regionCode: '440000',
    number,
    idempotencyKey: `k${number}`,
    questionnaire: 'q@1',
    answers: { revenue: total * 100 },
    startedAt: null,
    submittedAt,
    changedAnswers: null,
    score: { total, base: total, bonus: 0, dimensions: [{ id: 'd1', score: total / 2, max: 50 }] },
    checksum: 'x',
    client: { platform: null, version: null, ip: '127.0.0.1', userAgent: 'test' },
  };
}
