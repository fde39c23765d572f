import { trackLabels, tracks, type Overview, type QuestionnaireDefinition } from '@assess/shared';
import type { RosterRow } from '../results/roster';

const BIN = 5;

/** Finals in 5-point bins from 0 to the scale's maximum (105 with the bonus). */
export function distribution(rows: readonly RosterRow[], max: number): NonNullable<Overview['distribution']> {
  return (['advantage', 'demonstration'] as const).map((line) => {
    const bins = Array.from({ length: Math.ceil(max / BIN) }, (_, i) => ({ from: i * BIN, to: (i + 1) * BIN, count: 0 }));
    for (const row of rows) {
      if (row.line !== line || row.total === null) continue;
      const index = Math.min(Math.floor(row.total / BIN), bins.length - 1);
      bins[index]!.count += 1;
    }
    return { line, bins };
  });
}

/** Counts by participation status and track, and submissions per Beijing day. */
export function participation(rows: readonly RosterRow[]) {
  const totals = { enterprises: rows.length, not_started: 0, logged_in: 0, drafting: 0, submitted: 0 };
  const byTrack = new Map(tracks.map((track) => [track, { track, label: trackLabels[track], enterprises: 0, started: 0, submitted: 0 }]));
  const days = new Map<string, { attempts: number; enterprises: number }>();
  for (const row of rows) {
    totals[row.status] += 1;
    const track = byTrack.get(row.track);
    if (track) {
      track.enterprises += 1;
      if (row.status !== 'not_started') track.started += 1;
      if (row.status === 'submitted') track.submitted += 1;
    }
    for (const [date, attempts] of Object.entries(row.days)) {
      const day = days.get(date) ?? { attempts: 0, enterprises: 0 };
      day.attempts += attempts;
      day.enterprises += 1;
      days.set(date, day);
    }
  }
  const submissionsByDay = [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, day]) => ({ date, ...day }));
  return {
    totals,
    byTrack: [...byTrack.values()],
    completionRate: totals.enterprises === 0 ? 0 : Math.round((totals.submitted / totals.enterprises) * 1000) / 1000,
    submissionsByDay,
  };
}

/** Average final score per dimension among the scope's submitted enterprises. */
export function dimensionAverages(rows: readonly RosterRow[], definition: QuestionnaireDefinition, national: Record<string, number | null>) {
  const finals = rows.filter((row) => row.dimensions !== null);
  return definition.dimensions.map((dimension) => {
    const sum = finals.reduce((acc, row) => acc + (row.dimensions![dimension.id] ?? 0), 0);
    return {
      id: dimension.id,
      title: dimension.title,
      max: dimension.weight,
      average: finals.length === 0 ? null : Math.round((sum / finals.length) * 100) / 100,
      nationalAverage: national[dimension.id] ?? null,
    };
  });
}

export function meanTotal(rows: readonly RosterRow[]): number | null {
  const totals = rows.flatMap((row) => (row.total === null ? [] : [row.total]));
  if (totals.length === 0) return null;
  return Math.round((totals.reduce((acc, total) => acc + total, 0) / totals.length) * 100) / 100;
}
