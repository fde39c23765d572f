import { excellentCount, regions, type PassLineInput, type PassLinePreview } from '@assess/shared';
import { emptySummary } from '../results/summaries';
import type { RegionSummaryDoc } from '../results/summaryModel';
import type { Types } from 'mongoose';

type Line = 'advantage' | 'demonstration';
const LINES: readonly Line[] = ['advantage', 'demonstration'];

/** Finals of one line (optionally one track) at or above a pass line, from 0.1-point buckets. */
export function passesFromHist(summary: RegionSummaryDoc, line: Line, passLine: number, track?: string): number {
  const threshold = Math.round(passLine * 10);
  let count = 0;
  for (const [key, buckets] of Object.entries(summary.hist ?? {})) {
    const [keyLine, keyTrack] = key.split('__');
    if (keyLine !== line || (track && keyTrack !== track)) continue;
    for (const [bucket, n] of Object.entries(buckets)) if (Number(bucket) >= threshold) count += n;
  }
  return count;
}

/**
 * 优秀 threshold for one line, nationally, from the buckets: the score of the k-th best of those
 * at or above the line, k = 15% of them (shared `excellentCount`), to 0.1-point precision.
 * Publication computes it exactly from the results instead.
 */
export function excellentFromHist(summaries: readonly RegionSummaryDoc[], line: Line, passLine: number): { threshold: number | null; count: number } {
  const counts = new Map<number, number>();
  const threshold = Math.round(passLine * 10);
  for (const summary of summaries) {
    for (const [key, buckets] of Object.entries(summary.hist ?? {})) {
      if (!key.startsWith(`${line}__`)) continue;
      for (const [bucket, n] of Object.entries(buckets)) {
        const b = Number(bucket);
        if (b >= threshold && n > 0) counts.set(b, (counts.get(b) ?? 0) + n);
      }
    }
  }
  const passing = [...counts.values()].reduce((a, b) => a + b, 0);
  const k = excellentCount(passing);
  if (k === 0) return { threshold: null, count: 0 };
  let seen = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => b - a)) {
    seen += counts.get(bucket)!;
    if (seen >= k) return { threshold: bucket / 10, count: seen };
  }
  return { threshold: null, count: 0 };
}

/** The 37 regions in 附件1 order, each with its summary (an empty one where nothing happened yet). */
export function summariesByRegion(campaignId: Types.ObjectId, summaries: readonly RegionSummaryDoc[], now: Date) {
  const byCode = new Map(summaries.map((summary) => [summary.regionCode, summary]));
  return regions.map((region) => ({ region, summary: byCode.get(region.code) ?? emptySummary(campaignId, region.code, now) }));
}

/** A region's two quotas (the campaign's quota table: campaigns/service regionQuota). */
export type QuotaOf = (regionCode: string) => { advantage: number; demonstration: number };

/** What a pair of pass lines would do to every region, before publishing. */
export function previewLines(campaignId: Types.ObjectId, summaries: readonly RegionSummaryDoc[], lines: PassLineInput, now: Date, quotaOf: QuotaOf): PassLinePreview {
  const excellent = { advantage: excellentFromHist(summaries, 'advantage', lines.advantage), demonstration: excellentFromHist(summaries, 'demonstration', lines.demonstration) };
  const rows = summariesByRegion(campaignId, summaries, now).map(({ region, summary }) => {
    const quota = quotaOf(region.code);
    const applicantPasses = {
      advantage: passesFromHist(summary, 'advantage', lines.advantage, 'apply_advantage'),
      demonstration: passesFromHist(summary, 'demonstration', lines.demonstration, 'apply_demonstration'),
    };
    return {
      regionCode: region.code,
      regionName: region.name,
      passes: { advantage: passesFromHist(summary, 'advantage', lines.advantage), demonstration: passesFromHist(summary, 'demonstration', lines.demonstration) },
      applicantPasses,
      quota,
      quotaFit: {
        advantage: quota.advantage > 0 ? Math.round((applicantPasses.advantage / quota.advantage) * 100) / 100 : null,
        demonstration: quota.demonstration > 0 ? Math.round((applicantPasses.demonstration / quota.demonstration) * 100) / 100 : null,
      },
    };
  });
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((acc, row) => acc + pick(row), 0);
  return {
    lines,
    excellentFrom: { advantage: excellent.advantage.threshold, demonstration: excellent.demonstration.threshold },
    national: {
      advantagePasses: sum((row) => row.passes.advantage),
      demonstrationPasses: sum((row) => row.passes.demonstration),
      advantageExcellent: excellent.advantage.count,
      demonstrationExcellent: excellent.demonstration.count,
    },
    regions: rows,
  };
}

export { LINES };
