import { compareChinese } from '../text/chinese';
import { titleLabels, type Title, type TitleHeld, type Track } from './tracks';

/**
 * The recommendation list (推荐名单) a local bureau reports for one title, and the rules it must
 * keep (国知办函运字〔2023〕572号 二(二)「申报推荐」; 2022 annex steps 10–11):
 * - only applicants for that title whose final score reached its pass line may be on it
 *   (对测评合格的申报企业开展评审);
 * - at most the region's quota (附件1), not counting first-level companies of central SOEs, which
 *   are recommended but take no place (附件1 注3; 2022: 国务院国资委出资管理的企业…不占推荐名额);
 * - 专精特新 SMEs are recommended first (专精特新中小企业予以优先推荐): a non-专精特新 enterprise on the
 *   list while an eligible 专精特新 one is left out needs a recorded reason.
 */

export interface ListCandidate {
  id: string;
  name: string;
  track: Track;
  titleHeld: TitleHeld;
  /** The final score, or null when the enterprise never submitted (or scores are hidden). */
  total: number | null;
  specialized: boolean;
  centralSoe: boolean;
}

export interface ListEntry {
  id: string;
  /** Why this one is recommended ahead of a left-out 专精特新 enterprise (the priority rule). */
  priorityReason?: string | null;
}

export type ListIssueCode = 'UNKNOWN_ENTERPRISE' | 'DUPLICATE' | 'NOT_APPLICANT' | 'NO_SCORE' | 'BELOW_LINE' | 'OVER_QUOTA' | 'PRIORITY_REASON_REQUIRED';

export interface ListIssue {
  code: ListIssueCode;
  enterpriseId: string | null;
  message: string;
}

/** The track whose applicants a title's list is drawn from. */
export const applicantTrack: Readonly<Record<Title, Track>> = { advantage: 'apply_advantage', demonstration: 'apply_demonstration' };

/** Why a candidate cannot be on the title's list, or null when it can. */
export function listEligibility(candidate: ListCandidate, title: Title, passLine: number): Exclude<ListIssueCode, 'UNKNOWN_ENTERPRISE' | 'DUPLICATE' | 'OVER_QUOTA' | 'PRIORITY_REASON_REQUIRED'> | null {
  if (candidate.track !== applicantTrack[title]) return 'NOT_APPLICANT';
  if (candidate.total === null) return 'NO_SCORE';
  return candidate.total >= passLine ? null : 'BELOW_LINE';
}

/**
 * The order a bureau is shown its eligible applicants in (the quota panel): 专精特新 first (the
 * priority rule), then by score, highest first, then by name in pinyin order. The BFF and the
 * pages both sort with this, so "within quota" means the same everywhere.
 */
export function compareForRecommendation(a: Pick<ListCandidate, 'specialized' | 'total' | 'name'>, b: Pick<ListCandidate, 'specialized' | 'total' | 'name'>): number {
  return Number(b.specialized) - Number(a.specialized) || (b.total ?? -Infinity) - (a.total ?? -Infinity) || compareChinese(a.name, b.name);
}

export interface RankedCandidate<C extends ListCandidate> {
  candidate: C;
  /** 1-based place among those taking quota; null for central SOEs (no place). */
  place: number | null;
  withinQuota: boolean;
}

/** Eligible applicants in recommendation order, each with its place against the quota. */
export function rankForQuota<C extends ListCandidate>(candidates: readonly C[], title: Title, passLine: number, quota: number): Array<RankedCandidate<C>> {
  let place = 0;
  return candidates
    .filter((candidate) => listEligibility(candidate, title, passLine) === null)
    .sort(compareForRecommendation)
    .map((candidate) => {
      if (candidate.centralSoe) return { candidate, place: null, withinQuota: true };
      place += 1;
      return { candidate, place, withinQuota: place <= quota };
    });
}

const eligibilityMessages: Record<ReturnType<typeof listEligibility> & string, (title: Title) => string> = {
  NOT_APPLICANT: (title) => `不是申报${titleLabels[title]}的企业`,
  NO_SCORE: () => '没有最终测评成绩',
  BELOW_LINE: (title) => `最终成绩未达到${titleLabels[title]}合格线`,
};

export interface ListCheck {
  /** Places taken against the quota (central SOEs excluded). */
  placesUsed: number;
  quota: number;
  /** Central-SOE first-level companies on the list (no place taken). */
  outsideQuota: number;
  /** Eligible 专精特新 enterprises left off the list. */
  specializedLeftOut: string[];
  issues: ListIssue[];
}

/**
 * Checks a list against every rule above. A draft may be saved with issues (the page shows them);
 * a package can only be submitted when every list has none.
 */
export function checkRecommendationList(input: {
  title: Title;
  quota: number;
  passLine: number;
  candidates: readonly ListCandidate[];
  entries: readonly ListEntry[];
}): ListCheck {
  const { title, quota, passLine } = input;
  const byId = new Map(input.candidates.map((candidate) => [candidate.id, candidate]));
  const issues: ListIssue[] = [];
  const seen = new Set<string>();
  const chosen: Array<{ entry: ListEntry; candidate: ListCandidate }> = [];
  for (const entry of input.entries) {
    const candidate = byId.get(entry.id);
    if (!candidate) {
      issues.push({ code: 'UNKNOWN_ENTERPRISE', enterpriseId: entry.id, message: '不是本地区本次测评的企业' });
      continue;
    }
    if (seen.has(entry.id)) {
      issues.push({ code: 'DUPLICATE', enterpriseId: entry.id, message: `${candidate.name} 重复列入` });
      continue;
    }
    seen.add(entry.id);
    const why = listEligibility(candidate, title, passLine);
    if (why) issues.push({ code: why, enterpriseId: entry.id, message: `${candidate.name}：${eligibilityMessages[why](title)}` });
    else chosen.push({ entry, candidate });
  }

  const placesUsed = chosen.filter(({ candidate }) => !candidate.centralSoe).length;
  if (placesUsed > quota) {
    issues.push({ code: 'OVER_QUOTA', enterpriseId: null, message: `推荐${titleLabels[title]} ${placesUsed} 家，超过名额 ${quota} 家（中央企业一级公司不占名额）` });
  }

  const specializedLeftOut = input.candidates
    .filter((candidate) => candidate.specialized && !candidate.centralSoe && !seen.has(candidate.id) && listEligibility(candidate, title, passLine) === null)
    .map((candidate) => candidate.id);
  if (specializedLeftOut.length > 0) {
    for (const { entry, candidate } of chosen) {
      if (candidate.specialized || candidate.centralSoe || (entry.priorityReason ?? '').trim() !== '') continue;
      issues.push({
        code: 'PRIORITY_REASON_REQUIRED',
        enterpriseId: entry.id,
        message: `${candidate.name} 不是专精特新中小企业，而有合格的专精特新中小企业未列入：请填写推荐理由`,
      });
    }
  }
  return { placesUsed, quota, outsideQuota: chosen.length - placesUsed, specializedLeftOut, issues };
}
