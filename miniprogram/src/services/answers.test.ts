import { applyDiff, diffAnswers, mergeDrafts, resolveConflicts, sameValue } from './answers';

describe('answers', () => {
  it('When choices differ only in order, then they are the same answer', () => {
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(undefined, undefined)).toBe(true);
  });

  it('When diffing, then changed values are set and removed ids unset, and applying the diff reproduces the target', () => {
    const from = { a: 1, b: 'x', c: true };
    const to = { a: 2, b: 'x', d: ['o1'] };
    const diff = diffAnswers(from, to);
    expect(diff).toEqual({ set: { a: 2, d: ['o1'] }, unset: ['c'] });
    expect(applyDiff(from, diff)).toEqual(to);
  });

  it('When only one side changed a question, then the merge takes that change', () => {
    const base = { a: 1, b: 1, c: 1 };
    const { merged, conflicts } = mergeDrafts(base, { a: 2, b: 1, c: 1 }, { a: 1, b: 3 });
    expect(merged).toEqual({ a: 2, b: 3 });
    expect(conflicts).toEqual([]);
  });

  it('When both sides made the same change, then there is no conflict', () => {
    expect(mergeDrafts({ a: 1 }, { a: 2 }, { a: 2 })).toEqual({ merged: { a: 2 }, conflicts: [] });
  });

  it('When both sides changed a question differently, then it is a conflict with both values, mine kept until chosen', () => {
    const { merged, conflicts } = mergeDrafts({ a: 1 }, { a: 2 }, {});
    expect(conflicts).toEqual([{ questionId: 'a', mine: 2, theirs: undefined }]);
    expect(merged).toEqual({ a: 2 });
    expect(resolveConflicts(merged, conflicts, { a: 'theirs' })).toEqual({});
    expect(resolveConflicts(merged, conflicts, {})).toEqual({ a: 2 });
  });
});
