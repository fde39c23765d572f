import fc from 'fast-check';
import { roundHalfUp } from './round';

describe('roundHalfUp', () => {
  it.each([
    [0, 0],
    [1.005, 1.01], // stored as 1.00499999999999989…: rounds as written
    [0.285, 0.29],
    [2.675, 2.68],
    [4.2857142857, 4.29],
    [46.666666, 46.67],
    [99.995, 100],
    [0.004999, 0],
    [-1.005, -1.01],
    [105, 105],
  ])('%s → %s', (value, expected) => {
    expect(roundHalfUp(value)).toBe(expected);
  });

  it('rounds to other decimal places when asked', () => {
    expect(roundHalfUp(2.5, 0)).toBe(3);
    expect(roundHalfUp(1.23456, 4)).toBe(1.2346);
  });

  it('is monotone and never moves a value by more than half a hundredth', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(roundHalfUp(lo)).toBeLessThanOrEqual(roundHalfUp(hi));
        expect(Math.abs(roundHalfUp(a) - a)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});
