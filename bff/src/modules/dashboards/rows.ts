import { cityByCode, participationStatusLabels, resultTier, toBeijingIso, trackLabels, type TableRow } from '@assess/shared';
import type { RosterRow } from '../results/roster';

export interface Lines {
  advantage: number | null;
  demonstration: number | null;
  excellentFrom: { advantage: number | null; demonstration: number | null };
}

/** One roster row as a dashboard row; scores and outcomes only when the caller may see them. */
export function toRow(row: RosterRow, scoresVisible: boolean, lines: Lines | null): TableRow {
  const total = scoresVisible ? row.total : null;
  const line = lines?.[row.line] ?? null;
  const tier = total !== null && line !== null ? resultTier(total, line, lines?.excellentFrom[row.line] ?? null) : null;
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    regionCode: row.regionCode,
    cityName: row.cityCode ? (cityByCode(row.cityCode)?.name ?? '') : '',
    track: row.track,
    trackLabel: trackLabels[row.track] ?? row.track,
    titleHeld: row.titleHeld,
    line: row.line,
    status: row.status,
    statusLabel: participationStatusLabels[row.status],
    attempts: row.attempts,
    lastSubmittedAt: row.lastSubmittedAt === null ? null : toBeijingIso(new Date(row.lastSubmittedAt)),
    total,
    passed: line !== null && scoresVisible ? (total !== null && total >= line) : null,
    tier: line !== null && scoresVisible ? (tier ?? 'fail') : null,
    specialized: row.flags.specialized,
    littleGiant: row.flags.littleGiant,
    centralSoe: row.flags.centralSoe,
    flags: row.integrity,
  };
}
