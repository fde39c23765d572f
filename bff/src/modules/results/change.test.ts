import fc from 'fast-check';
import { Binary } from 'mongodb';
import { Types } from 'mongoose';
import { finalAttempt, isLaterAttempt } from '@assess/shared';
import { applyChange, compareStored, toUpdate } from './change';
import { finalFromAttempt, submitChange } from './fold';
import type { AttemptDoc, ResultDoc } from './model';
import { attemptOf, CLOSE, resultOf } from './testing/fixtures';

const at = (iso: string) => new Date(iso);
const enterpriseId = new Types.ObjectId();
const attempt = (number: number, submittedAt: Date, total: number) => attemptOf(enterpriseId, number, submittedAt, total);
const emptyResult = () => resultOf({ _id: enterpriseId, rev: 3 });

const fold = (before: ResultDoc, a: AttemptDoc) => applyChange(before, submitChange(a, before.history, null, a.submittedAt));

describe('a submit folded into its result (submitChange, applyChange)', () => {
  it('When a later attempt is folded in, then it counts; an attempt received earlier only joins the history', () => {
    const first = attempt(1, at('2026-11-20T10:00:00+08:00'), 80);
    const later = attempt(2, at('2026-11-21T10:00:00+08:00'), 60);
    const afterBoth = fold(fold(emptyResult(), first), later);
    expect(afterBoth).toMatchObject({ rev: 5, status: 'submitted', lastSubmittedAt: later.submittedAt, final: { number: 2, total: 60 } });
    expect(afterBoth.history.map((entry) => entry.number)).toEqual([1, 2]);

    const reordered = fold(fold(emptyResult(), later), first);
    expect(reordered.final).toEqual(afterBoth.final);
    expect(reordered.lastSubmittedAt).toEqual(later.submittedAt);
  });

  it('When the same attempt is folded in again (a replayed submit), then the history and the final stay as they were', () => {
    const first = attempt(1, at('2026-11-20T10:00:00+08:00'), 80);
    const once = fold(emptyResult(), first);
    const twice = fold(once, first);
    expect(twice.history).toEqual(once.history);
    expect(twice.final).toEqual(once.final);
  });

  it('reads as the database update it declares', () => {
    const change = submitChange(attempt(1, at('2026-11-20T10:00:00+08:00'), 80), [], new Uint8Array([1, 2]), at('2026-11-20T10:00:00+08:00'));
    expect(Object.keys(toUpdate(change)).sort()).toEqual(['$addToSet', '$inc', '$max', '$set']);
    expect(toUpdate(change).$max).toEqual(change.max);
    expect(toUpdate({ set: { status: 'drafting' }, inc: { rev: 1 } })).toEqual({ $set: { status: 'drafting' }, $inc: { rev: 1 } });
  });
});

describe('the final-attempt order: `$max` on `final` is the shared isLaterAttempt', () => {
  const instant = fc.integer({ min: -3, max: 3 }).map((seconds) => new Date(CLOSE.getTime() - 60_000 + seconds * 1000));
  const candidate = fc.record({ submittedAt: instant, number: fc.integer({ min: 1, max: 6 }) });

  it('orders two finals as the shared comparison does', () => {
    fc.assert(
      fc.property(candidate, candidate, (a, b) => {
        const [x, y] = [finalFromAttempt(attempt(a.number, a.submittedAt, 50)), finalFromAttempt(attempt(b.number, b.submittedAt, 70))];
        const sameAttempt = a.number === b.number && +a.submittedAt === +b.submittedAt;
        if (sameAttempt) return true; // one attempt: its number and receipt time are unique together
        return (compareStored(x, y) > 0) === isLaterAttempt(a, b) && (compareStored(y, x) > 0) === isLaterAttempt(b, a);
      }),
    );
  });

  it('keeps, over attempts folded in any order, the final the shared finalAttempt chooses', () => {
    const attempts = fc.uniqueArray(candidate, { maxLength: 8, selector: (c) => c.number }).map((list) => list.map((c) => attempt(c.number, c.submittedAt, c.number * 10)));
    fc.assert(
      fc.property(attempts, (list) => {
        const folded = list.reduce(fold, emptyResult());
        return String(folded.final?.attemptId ?? null) === String(finalAttempt(list, CLOSE)?._id ?? null);
      }),
    );
  });
});

describe('compareStored (the database order of stored values)', () => {
  it('ranks missing values lowest, then numbers, strings, documents, binary data, ids, booleans and dates', () => {
    const ascending = [null, 1, 'a', { a: 1 }, new Binary(new Uint8Array([1])), new Types.ObjectId(), true, at('2026-01-01T00:00:00Z')];
    for (let i = 1; i < ascending.length; i++) expect(compareStored(ascending[i], ascending[i - 1])).toBe(1);
    expect(compareStored(undefined, null)).toBe(0);
  });

  it('compares documents field by field in order, binary data by length first', () => {
    expect(compareStored({ t: 2, n: 1 }, { t: 1, n: 9 })).toBe(1);
    expect(compareStored({ t: 1, n: 2 }, { t: 1, n: 1 })).toBe(1);
    expect(compareStored({ t: 1 }, { t: 1, n: 1 })).toBe(-1);
    expect(compareStored(new Binary(new Uint8Array([9])), new Binary(new Uint8Array([1, 1])))).toBe(-1);
    expect(compareStored(new Uint8Array([1, 2]), new Binary(new Uint8Array([1, 2])))).toBe(0);
  });
});
