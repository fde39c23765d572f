import { applyOps, emptyState, packageFields } from './state';

describe('applying a change to a region’s review state', () => {
  it('sets nested values, removes with null, and drops maps left empty', () => {
    const decision = { outcome: 'pass' as const, reason: null, by: 's1', byRole: 'region' as const, cityCode: null, at: '2026-07-05T10:00:00+08:00' };
    const set = applyOps(emptyState(), [{ path: ['decisions', 'e1', 'assessment'], value: decision }]);
    expect(set.decisions).toEqual({ e1: { assessment: decision } });
    const removed = applyOps(set, [{ path: ['decisions', 'e1', 'assessment'], value: null }]);
    expect(removed.decisions).toEqual({});
  });

  it('never changes the state it was given, and the same ops give the same state (a roll-forward repeats them)', () => {
    const before = emptyState();
    const ops = [
      { path: ['summary'], value: '评审情况' },
      { path: ['lists', 'advantage'], value: [{ id: 'e1', priorityReason: null }] },
    ];
    const once = applyOps(before, ops);
    expect(before).toEqual(emptyState());
    expect(applyOps(before, ops)).toEqual(once);
    expect(once.lists.demonstration).toEqual([]);
  });

  it('refuses an op without a path', () => {
    expect(() => applyOps(emptyState(), [{ path: [], value: 1 }])).toThrow();
  });

  it('derives the national table’s fields from the package record', () => {
    const state = applyOps(emptyState(), [{ path: ['package', 'state'], value: 'submitted' }, { path: ['package', 'submittedAt'], value: '2026-07-05T10:00:00+08:00' }]);
    expect(packageFields(state)).toEqual(expect.objectContaining({ packageState: 'submitted', submittedAt: new Date('2026-07-05T02:00:00Z') }));
  });
});
