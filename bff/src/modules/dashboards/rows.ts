import { cityByCode, participationStatusLabels, resultTier, toBeijingIso, trackLabels, type TableRow } from '@assess/shared';
import type { ResultDoc } from '../results/model';

export interface Lines {
  advantage: number | null;
  demonstration: number | null;
  excellentFrom: { advantage: number | null; demonstration: number | null };
}

/** One result as a dashboard row; scores and outcomes only when the caller may see them. */
export function toRow(result: ResultDoc, scoresVisible: boolean, lines: Lines | null): TableRow {
  const total = scoresVisible && result.final ? result.final.total : null;
  const line = lines?.[result.line] ?? null;
  const tier = total !== null && line !== null ? resultTier(total, line, lines?.excellentFrom[result.line] ?? null) : null;
  return {
    id: String(result._id),
    uscc: result.uscc,
    name: result.name,
    regionCode: result.regionCode,
    cityName: result.cityCode ? (cityByCode(result.cityCode)?.name ?? '') : '',
    track: result.track,
    trackLabel: trackLabels[result.track] ?? result.track,
    titleHeld: result.titleHeld,
    line: result.line,
    status: result.status,
    statusLabel: participationStatusLabels[result.status],
    attempts: result.history?.length ?? 0,
    lastSubmittedAt: result.lastSubmittedAt ? toBeijingIso(result.lastSubmittedAt) : null,
    total,
    passed: line !== null && scoresVisible ? (total !== null && total >= line) : null,
    tier: line !== null && scoresVisible ? (tier ?? 'fail') : null,
    specialized: Boolean(result.flags?.specialized),
    littleGiant: Boolean(result.flags?.littleGiant),
    centralSoe: Boolean(result.flags?.centralSoe),
    flags: (result.integrity ?? []).map((flag) => flag.code),
  };
}

/** What a table row needs from a result: the projection for list queries (no history details). */
export const rowProjection = {
  uscc: 1,
  name: 1,
  regionCode: 1,
  cityCode: 1,
  track: 1,
  titleHeld: 1,
  line: 1,
  status: 1,
  history: 1,
  lastSubmittedAt: 1,
  final: 1,
  flags: 1,
  integrity: 1,
} as const;
