import {
  compareForRecommendation,
  packageDocumentNumber,
  regionByCode,
  toBeijingIso,
  type PackageListEntry,
  type PackageReviewResult,
  type PackageSnapshot,
  type Title,
} from '@assess/shared';
import { judgementsOf, TITLES, type Candidate, type Lines } from './work';
import type { ReviewState } from './state';

/**
 * The package as submitted (上报材料): both recommendation lists in recommendation order (places
 * numbered against the quota, central SOEs unnumbered), every 考核/复核 judgement with its 初核
 * result, and the 评审情况 summary. Everything the PDF prints comes from here, and its canonical
 * JSON's SHA-256 is the digest printed on every page.
 */
export function buildSnapshot(input: {
  campaign: { id: string; name: string; year: number };
  regionCode: string;
  version: number;
  lines: Lines;
  quota: { advantage: number; demonstration: number };
  candidates: readonly Candidate[];
  state: ReviewState;
  submittedAt: Date;
  submittedBy: string;
}): PackageSnapshot {
  const byId = new Map(input.candidates.map((candidate) => [candidate.id, candidate]));
  const lists = {} as Record<Title, PackageListEntry[]>;
  for (const title of TITLES) {
    const chosen = input.state.lists[title]
      .map((entry) => ({ entry, candidate: byId.get(entry.id) }))
      .filter((item): item is { entry: (typeof item)['entry']; candidate: Candidate } => item.candidate !== undefined)
      .sort((a, b) => compareForRecommendation(a.candidate, b.candidate));
    let place = 0;
    lists[title] = chosen.map(({ entry, candidate }) => {
      const review = input.state.reviews[candidate.id];
      return {
        place: candidate.centralSoe ? null : ++place,
        enterpriseId: candidate.id,
        name: candidate.name,
        uscc: candidate.uscc,
        cityName: candidate.cityName,
        track: candidate.track,
        total: candidate.total ?? 0,
        specialized: candidate.specialized,
        centralSoe: candidate.centralSoe,
        reviewScore: review?.score ?? null,
        reviewOpinion: review?.opinion ?? null,
        priorityReason: entry.priorityReason?.trim() ? entry.priorityReason.trim() : null,
      };
    });
  }

  const reviewResults: PackageReviewResult[] = [];
  for (const candidate of [...input.candidates].sort((a, b) => a.name.localeCompare(b.name, 'zh'))) {
    for (const judgement of judgementsOf(candidate, input.lines)) {
      const decision = input.state.decisions[candidate.id]?.[judgement.purpose];
      reviewResults.push({
        enterpriseId: candidate.id,
        name: candidate.name,
        uscc: candidate.uscc,
        cityName: candidate.cityName,
        track: candidate.track,
        titleHeld: candidate.titleHeld,
        purpose: judgement.purpose,
        line: judgement.line,
        passLine: judgement.passLine,
        total: candidate.total,
        outcome: !judgement.reachedLine ? 'below_line' : (decision?.outcome ?? 'fail'),
        reason: judgement.reachedLine ? (decision?.reason ?? null) : null,
      });
    }
  }

  return {
    format: 'iso56005-recommendation-package@1',
    campaign: input.campaign,
    region: { code: input.regionCode, name: regionByCode(input.regionCode)?.name ?? input.regionCode },
    version: input.version,
    documentNumber: packageDocumentNumber({ regionCode: input.regionCode, year: input.campaign.year, version: input.version }),
    passLines: input.lines,
    quota: input.quota,
    lists,
    reviewResults,
    summary: input.state.summary.trim(),
    submittedAt: toBeijingIso(input.submittedAt),
    submittedBy: input.submittedBy,
  };
}

/** The counts the national table shows per region. */
export function snapshotCounts(snapshot: PackageSnapshot) {
  const all = [...snapshot.lists.advantage, ...snapshot.lists.demonstration];
  return {
    advantage: snapshot.lists.advantage.filter((entry) => !entry.centralSoe).length,
    demonstration: snapshot.lists.demonstration.filter((entry) => !entry.centralSoe).length,
    outsideQuota: all.filter((entry) => entry.centralSoe).length,
    reviewPassed: snapshot.reviewResults.filter((result) => result.outcome === 'pass').length,
  };
}
