import { topologicalOrder, type Edge } from './graph';
import { add, containsZero, divide, point, scale, UNBOUNDED } from './interval';

describe('topologicalOrder', () => {
  const edges = (map: Record<number, number[]>) => (node: number): Edge[] =>
    (map[node] ?? []).map((to) => ({ to, path: `n${node}->n${to}` }));

  it('puts dependencies first, keeping the given order otherwise', () => {
    expect(topologicalOrder(4, edges({ 0: [3], 2: [1] }))).toEqual({ ok: true, order: [3, 0, 1, 2] });
  });

  it('reports the cycle and the edge that closes it', () => {
    expect(topologicalOrder(3, edges({ 0: [1], 1: [2], 2: [0] }))).toEqual({ ok: false, cycle: [0, 1, 2, 0], path: 'n2->n0' });
  });
});

describe('interval arithmetic for possibly-zero denominators', () => {
  it.each([
    [{ lo: 0, hi: 5 }, true],
    [{ lo: -3, hi: -1 }, false],
    [{ lo: 0.01, hi: Infinity }, false],
    [UNBOUNDED, true],
  ])('containsZero(%o) is %s', (range, expected) => {
    expect(containsZero(range)).toBe(expected);
  });

  it('adds, scales and divides bounds', () => {
    expect(add({ lo: 1, hi: 2 }, point(3))).toEqual({ lo: 4, hi: 5 });
    expect(scale({ lo: 1, hi: 2 }, 100)).toEqual({ lo: 100, hi: 200 });
    expect(divide({ lo: 1, hi: 4 }, { lo: 2, hi: 4 })).toEqual({ lo: 0.25, hi: 2 });
    expect(divide({ lo: 0, hi: Infinity }, { lo: 1, hi: Infinity })).toEqual({ lo: 0, hi: Infinity });
    expect(divide(point(1), { lo: -1, hi: 1 })).toBe(UNBOUNDED);
  });

  it('keeps the sign of ∞ / ∞ but not its size', () => {
    expect(divide({ lo: 1, hi: Infinity }, { lo: 1, hi: Infinity })).toEqual({ lo: 0, hi: Infinity });
    expect(divide({ lo: -Infinity, hi: -1 }, { lo: 1, hi: Infinity })).toEqual({ lo: -Infinity, hi: 0 });
  });
});
