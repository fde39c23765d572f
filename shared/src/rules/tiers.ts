/**
 * Result tiers: 不合格 fail (below the pass line), 合格 pass, 优秀 excellent (the top 15% of those
 * at or above their pass line).
 *
 * The notices publish pass lines but no tier rule; ours:
 * - count = 15% of the n passing scores, rounded half up (n × 15 / 100, computed in integers);
 *   0 means nobody is excellent (fewer than 4 passing);
 * - the threshold is the count-th highest score, and everyone tied with it is excellent too, so
 *   equal scores always get equal tiers (ties may take the share above 15%).
 */
export type ResultTier = 'fail' | 'pass' | 'excellent';

export const resultTierLabels: Readonly<Record<ResultTier, string>> = {
  fail: '不合格',
  pass: '合格',
  excellent: '优秀',
};

export const EXCELLENT_SHARE_PERCENT = 15;

/** How many of n passing enterprises are excellent before ties: round(n × 15%) half up. */
export function excellentCount(passing: number): number {
  if (!Number.isInteger(passing) || passing < 0) throw new RangeError(`not a count: ${passing}`);
  return Math.floor((passing * EXCELLENT_SHARE_PERCENT + 50) / 100);
}

/** The lowest excellent score among the passing scores, or null when nobody is excellent. */
export function excellentThreshold(scoresAtOrAboveLine: readonly number[]): number | null {
  if (scoresAtOrAboveLine.some((s) => !Number.isFinite(s))) throw new RangeError('scores must be finite numbers');
  const count = excellentCount(scoresAtOrAboveLine.length);
  if (count === 0) return null;
  const descending = [...scoresAtOrAboveLine].sort((a, b) => b - a);
  return descending[count - 1] ?? null;
}

export function resultTier(total: number, passLine: number, excellentFrom: number | null): ResultTier {
  if (total < passLine) return 'fail';
  return excellentFrom !== null && total >= excellentFrom ? 'excellent' : 'pass';
}

/**
 * Tiers for a whole cohort, each judged against its own pass line (advantage or demonstration);
 * the 15% is taken over everyone who passed their line, as one pool.
 */
export function assignTiers(
  entries: ReadonlyArray<{ total: number; passLine: number }>,
): { excellentFrom: number | null; tiers: ResultTier[] } {
  const passing = entries.filter((e) => e.total >= e.passLine).map((e) => e.total);
  const excellentFrom = excellentThreshold(passing);
  return { excellentFrom, tiers: entries.map((e) => resultTier(e.total, e.passLine, excellentFrom)) };
}
