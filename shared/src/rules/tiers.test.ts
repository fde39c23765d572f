import fc from 'fast-check';
import { assignTiers, excellentCount, excellentThreshold, resultTier, resultTierLabels } from './tiers';

describe('excellentCount: 15% of those passing, rounded half up', () => {
  it.each([
    [0, 0],
    [3, 0], // 0.45
    [4, 1], // 0.6
    [10, 2], // 1.5 → 2
    [20, 3],
    [30, 5], // 4.5 → 5
    [100, 15],
    [1000, 150],
  ])('%s passing → %s', (passing, count) => {
    expect(excellentCount(passing)).toBe(count);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => excellentCount(-1)).toThrow(RangeError);
    expect(() => excellentCount(2.5)).toThrow(RangeError);
  });
});

describe('excellentThreshold', () => {
  it('is null when nobody is excellent', () => {
    expect(excellentThreshold([])).toBeNull();
    expect(excellentThreshold([90, 80, 70])).toBeNull();
  });

  it('is the lowest score among the top 15%, in any order', () => {
    // 10 passing → 2 excellent: 99 and 95
    expect(excellentThreshold([60, 95, 70, 80, 99, 65, 75, 85, 62, 90])).toBe(95);
  });

  it('lets everyone tied with the last excellent score be excellent', () => {
    const scores = [99, 95, 95, 95, 80, 70, 60, 60, 60, 60];
    const threshold = excellentThreshold(scores);
    expect(threshold).toBe(95);
    expect(scores.filter((s) => resultTier(s, 60, threshold) === 'excellent')).toHaveLength(4);
  });

  it('refuses scores that are not finite numbers', () => {
    expect(() => excellentThreshold([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('resultTier', () => {
  it.each([
    [59.99, 60, 90, 'fail'],
    [60, 60, 90, 'pass'],
    [89.99, 60, 90, 'pass'],
    [90, 60, 90, 'excellent'],
    [95, 60, null, 'pass'],
  ] as const)('%s against line %s, excellent from %s → %s', (total, line, from, tier) => {
    expect(resultTier(total, line, from)).toBe(tier);
  });

  it('has Chinese labels', () => {
    expect(resultTierLabels).toEqual({ fail: '不合格', pass: '合格', excellent: '优秀' });
  });
});

describe('assignTiers', () => {
  it('judges each against its own line and pools those who pass for the 15%', () => {
    const { excellentFrom, tiers } = assignTiers([
      { total: 70, passLine: 60 },
      { total: 80, passLine: 85 }, // fails the demonstration line despite the score
      { total: 90, passLine: 85 },
      { total: 61, passLine: 60 },
      { total: 65, passLine: 60 },
    ]);
    // 4 passing → 1 excellent: 90
    expect(excellentFrom).toBe(90);
    expect(tiers).toEqual(['pass', 'fail', 'excellent', 'pass', 'pass']);
  });

  it('never makes more than 15% excellent except through ties, nor fails anyone at their line', () => {
    const entries = fc.array(fc.record({ total: fc.integer({ min: 0, max: 100 }), passLine: fc.constantFrom(60, 70) }), { maxLength: 60 });
    fc.assert(
      fc.property(entries, (list) => {
        const { excellentFrom, tiers } = assignTiers(list);
        const passing = list.filter((e) => e.total >= e.passLine);
        const excellent = list.filter((_, i) => tiers[i] === 'excellent');
        const strictlyAbove = excellent.filter((e) => e.total > (excellentFrom ?? Infinity));
        expect(strictlyAbove.length).toBeLessThan(Math.max(1, excellentCount(passing.length)));
        list.forEach((e, i) => expect(tiers[i] === 'fail').toBe(e.total < e.passLine));
      }),
    );
  });
});
