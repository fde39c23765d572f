import { beijingDate, trackLabels, tracks, type Overview, type QuestionnaireDefinition } from '@assess/shared';
import type { ResultDoc } from '../results/model';

const BIN = 5;

/** Finals in 5-point bins from 0 to the scale's maximum (105 with the bonus). */
export function distribution(results: readonly ResultDoc[], max: number): NonNullable<Overview['distribution']> {
  return (['advantage', 'demonstration'] as const).map((line) => {
    const bins = Array.from({ length: Math.ceil(max / BIN) }, (_, i) => ({ from: i * BIN, to: (i + 1) * BIN, count: 0 }));
    for (const result of results) {
      if (result.line !== line || !result.final) continue;
      const index = Math.min(Math.floor(result.final.total / BIN), bins.length - 1);
      bins[index]!.count += 1;
    }
    return { line, bins };
  });
}

/** Counts by participation status and track, and submissions per Beijing day. */
export function participation(results: readonly ResultDoc[]) {
  const totals = { enterprises: results.length, not_started: 0, logged_in: 0, drafting: 0, submitted: 0 };
  const byTrack = new Map(tracks.map((track) => [track, { track, label: trackLabels[track], enterprises: 0, started: 0, submitted: 0 }]));
  const days = new Map<string, { attempts: number; enterprises: Set<string> }>();
  for (const result of results) {
    totals[result.status] += 1;
    const row = byTrack.get(result.track);
    if (row) {
      row.enterprises += 1;
      if (result.status !== 'not_started') row.started += 1;
      if (result.status === 'submitted') row.submitted += 1;
    }
    for (const entry of result.history ?? []) {
      const date = beijingDate(entry.submittedAt);
      const day = days.get(date) ?? { attempts: 0, enterprises: new Set<string>() };
      day.attempts += 1;
      day.enterprises.add(String(result._id));
      days.set(date, day);
    }
  }
  const submissionsByDay = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, day]) => ({ date, attempts: day.attempts, enterprises: day.enterprises.size }));
  return {
    totals,
    byTrack: [...byTrack.values()],
    completionRate: totals.enterprises === 0 ? 0 : Math.round((totals.submitted / totals.enterprises) * 1000) / 1000,
    submissionsByDay,
  };
}

/** Average final score per dimension among the scope's submitted enterprises. */
export function dimensionAverages(results: readonly ResultDoc[], definition: QuestionnaireDefinition, national: Record<string, number | null>) {
  const finals = results.filter((result) => result.final);
  return definition.dimensions.map((dimension) => {
    const sum = finals.reduce((acc, result) => acc + (result.final!.dimensions[dimension.id] ?? 0), 0);
    return {
      id: dimension.id,
      title: dimension.title,
      max: dimension.weight,
      average: finals.length === 0 ? null : Math.round((sum / finals.length) * 100) / 100,
      nationalAverage: national[dimension.id] ?? null,
    };
  });
}

export function meanTotal(results: readonly ResultDoc[]): number | null {
  const finals = results.filter((result) => result.final);
  if (finals.length === 0) return null;
  return Math.round((finals.reduce((acc, result) => acc + result.final!.total, 0) / finals.length) * 100) / 100;
}
