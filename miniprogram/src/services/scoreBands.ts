/**
 * The colour bands of a dimension's score bar (result page), in one place with the words the
 * legend uses, so what a colour means is said next to it.
 */
export type ScoreBand = 'high' | 'middle' | 'low';

export const HIGH_SHARE = 0.8;
export const LOW_SHARE = 0.5;

/** A score as a share of its maximum, in its band. */
export function scoreBand(score: number, max: number): ScoreBand {
  const share = max > 0 ? score / max : 0;
  return share >= HIGH_SHARE ? 'high' : share < LOW_SHARE ? 'low' : 'middle';
}

export const scoreBandLegend: ReadonlyArray<{ band: ScoreBand; colour: string; text: string }> = [
  { band: 'high', colour: '绿色', text: `得分率 ${HIGH_SHARE * 100}% 及以上` },
  { band: 'middle', colour: '蓝色', text: `得分率 ${LOW_SHARE * 100}%–${HIGH_SHARE * 100}%` },
  { band: 'low', colour: '橙色', text: `得分率低于 ${LOW_SHARE * 100}%` },
];

export const scoreBandText: Readonly<Record<ScoreBand, string>> = Object.fromEntries(scoreBandLegend.map((entry) => [entry.band, entry.text])) as Record<ScoreBand, string>;
