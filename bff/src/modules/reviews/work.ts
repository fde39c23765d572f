import {
  checkRecommendationList,
  cityByCode,
  nextPackageState,
  packageIssues,
  packageStateLabels,
  rankForQuota,
  reviewJudgements,
  reviewPurposeLabels,
  trackLabels,
  type ListCandidate,
  type ListCheck,
  type ListIssue,
  type ReviewPurpose,
  type StaffRole,
  type Title,
  type WorkPage,
} from '@assess/shared';
import type { RosterRow } from '../results/roster';
import type { ApplicantReviewRecord, DecisionRecord, ReviewState } from './state';

/**
 * The working page of one region (or one city of it) computed from its roster rows and its
 * review state: pure, so the submit's checks and the page's are the same code.
 */

export const TITLES: readonly Title[] = ['advantage', 'demonstration'];

/** An enterprise as the review sees it: a roster row's identity, track and final score. */
export interface Candidate extends ListCandidate {
  uscc: string;
  cityCode: string | null;
  cityName: string;
}

export function candidatesOf(rows: readonly RosterRow[]): Candidate[] {
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    cityCode: row.cityCode ?? null,
    cityName: row.cityCode ? (cityByCode(row.cityCode)?.name ?? '') : '',
    track: row.track,
    titleHeld: row.titleHeld,
    total: row.total,
    specialized: Boolean(row.flags.specialized),
    centralSoe: Boolean(row.flags.centralSoe),
  }));
}

export interface Lines {
  advantage: number;
  demonstration: number;
}

export interface WorkContext {
  campaign: { id: string; name: string; year: number };
  regionCode: string;
  cityCode: string | null;
  role: StaffRole;
  /** The published lines once the review is open; null before. */
  lines: Lines | null;
  open: boolean;
  closedReason: string | null;
  quota: { advantage: number; demonstration: number };
  quotaBasis: string;
  scope: WorkPage['scope'];
}

export interface Judgement {
  purpose: ReviewPurpose;
  line: Title;
  passLine: number;
  reachedLine: boolean;
}

/** The 考核/复核 judgements of one enterprise under the lines (none for a plain applicant). */
export function judgementsOf(candidate: Candidate, lines: Lines): Judgement[] {
  let judged: ReturnType<typeof reviewJudgements>;
  try {
    judged = reviewJudgements(candidate.track, candidate.titleHeld);
  } catch {
    return []; // 考核/复核 without a title: refused at import, never judged here
  }
  return judged.map(({ purpose, line }) => ({ purpose, line, passLine: lines[line], reachedLine: candidate.total !== null && candidate.total >= lines[line] }));
}

export function listChecks(candidates: readonly Candidate[], state: ReviewState, lines: Lines, quota: WorkContext['quota']): Record<Title, ListCheck> {
  const check = (title: Title) =>
    checkRecommendationList({ title, quota: quota[title], passLine: lines[title], candidates, entries: state.lists[title].map((entry) => ({ id: entry.id, priorityReason: entry.priorityReason ?? null })) });
  return { advantage: check('advantage'), demonstration: check('demonstration') };
}

/** Holders above their line without the region's decision (what the submit still needs). */
export function undecidedOf(candidates: readonly Candidate[], state: ReviewState, lines: Lines) {
  const out: Array<{ enterpriseId: string; name: string; purposeLabel: string }> = [];
  for (const candidate of candidates) {
    for (const judgement of judgementsOf(candidate, lines)) {
      if (judgement.reachedLine && !state.decisions[candidate.id]?.[judgement.purpose]) out.push({ enterpriseId: candidate.id, name: candidate.name, purposeLabel: reviewPurposeLabels[judgement.purpose] });
    }
  }
  return out;
}

export function pendingProposalsOf(state: ReviewState, within?: ReadonlySet<string>): number {
  const counted = (id: string) => !within || within.has(id);
  let n = 0;
  for (const [id, byPurpose] of Object.entries(state.proposals)) if (counted(id)) n += Object.keys(byPurpose).length;
  for (const id of Object.keys(state.reviewProposals)) if (counted(id)) n += 1;
  return n;
}

/** Every issue that blocks the submit, over the whole region. */
export function submitIssues(candidates: readonly Candidate[], state: ReviewState, lines: Lines, quota: WorkContext['quota']) {
  const checks = listChecks(candidates, state, lines, quota);
  return packageIssues({
    listIssues: [...checks.advantage.issues, ...checks.demonstration.issues],
    undecided: undecidedOf(candidates, state, lines),
    pendingProposals: pendingProposalsOf(state),
    summary: state.summary,
  });
}

const decisionView = (record: DecisionRecord | undefined) =>
  record ? { outcome: record.outcome, reason: record.reason, by: record.by, byRole: record.byRole, at: record.at, cityCode: record.cityCode } : null;
const reviewView = (record: ApplicantReviewRecord | undefined) =>
  record ? { score: record.score, opinion: record.opinion, by: record.by, byRole: record.byRole, at: record.at, cityCode: record.cityCode } : null;

/**
 * The page: for a city bureau only its city's enterprises (and only issues about them), for the
 * region and the national bureau the whole region. Before the review opens it carries no score.
 */
export function workPage(ctx: WorkContext, all: readonly Candidate[], state: ReviewState, rev: number): WorkPage {
  const pkg = state.package;
  const editable = nextPackageState(pkg.state, 'edit') !== null;
  const base: WorkPage = {
    scope: ctx.scope,
    campaign: ctx.campaign,
    open: ctx.open,
    closedReason: ctx.closedReason,
    passLines: { advantage: ctx.lines?.advantage ?? null, demonstration: ctx.lines?.demonstration ?? null },
    quota: ctx.quota,
    quotaBasis: ctx.quotaBasis,
    can: {
      decide: ctx.open && editable && ctx.role === 'region',
      propose: ctx.open && editable && ctx.role === 'city',
      editLists: ctx.open && editable && ctx.role === 'region',
      submit: ctx.open && ctx.role === 'region' && nextPackageState(pkg.state, 'submit') !== null,
      uploadScan: ctx.open && ctx.role === 'region' && pkg.state === 'submitted',
      readPackage: ctx.role !== 'city',
    },
    rev,
    package: {
      state: pkg.state,
      stateLabel: packageStateLabels[pkg.state],
      version: pkg.version,
      submittedAt: pkg.submittedAt,
      documentNumber: pkg.documentNumber,
      digest: pkg.digest,
      returnedReason: pkg.returnedReason,
    },
    holders: [],
    applicants: { advantage: [], demonstration: [] },
    belowLine: { advantage: 0, demonstration: 0 },
    lists: [],
    summary: state.summary,
    pendingProposals: 0,
    issues: [],
  };
  if (!ctx.open || !ctx.lines) return base;
  const lines = ctx.lines;

  const visible = ctx.cityCode ? all.filter((candidate) => candidate.cityCode === ctx.cityCode) : [...all];
  const visibleIds = new Set(visible.map((candidate) => candidate.id));
  const inView = (issue: Pick<ListIssue, 'enterpriseId'>) => issue.enterpriseId === null || visibleIds.has(issue.enterpriseId);

  const holders = visible
    .map((candidate) => ({ candidate, judgements: judgementsOf(candidate, lines) }))
    .filter(({ judgements }) => judgements.length > 0)
    .sort((a, b) => (b.candidate.total ?? -1) - (a.candidate.total ?? -1) || a.candidate.name.localeCompare(b.candidate.name, 'zh'))
    .map(({ candidate, judgements }) => ({
      id: candidate.id,
      name: candidate.name,
      uscc: candidate.uscc,
      cityCode: candidate.cityCode,
      cityName: candidate.cityName,
      track: candidate.track,
      trackLabel: trackLabels[candidate.track],
      titleHeld: candidate.titleHeld,
      total: candidate.total,
      judgements: judgements.map((judgement) => ({
        ...judgement,
        purposeLabel: reviewPurposeLabels[judgement.purpose],
        decision: decisionView(state.decisions[candidate.id]?.[judgement.purpose]),
        proposal: decisionView(state.proposals[candidate.id]?.[judgement.purpose]),
      })),
    }));

  const checks = listChecks(all, state, lines, ctx.quota);
  const applicants = {} as WorkPage['applicants'];
  const belowLine = { advantage: 0, demonstration: 0 };
  for (const title of TITLES) {
    const entries = new Map(state.lists[title].map((entry) => [entry.id, entry]));
    applicants[title] = rankForQuota(all, title, lines[title], ctx.quota[title])
      .filter(({ candidate }) => visibleIds.has(candidate.id))
      .map(({ candidate, place, withinQuota }) => ({
        id: candidate.id,
        name: candidate.name,
        uscc: candidate.uscc,
        cityCode: candidate.cityCode,
        cityName: candidate.cityName,
        total: candidate.total!,
        specialized: candidate.specialized,
        centralSoe: candidate.centralSoe,
        place,
        withinQuota,
        review: reviewView(state.reviews[candidate.id]),
        reviewProposal: reviewView(state.reviewProposals[candidate.id]),
        onList: entries.has(candidate.id),
        priorityReason: entries.get(candidate.id)?.priorityReason ?? null,
      }));
    const track = title === 'advantage' ? 'apply_advantage' : 'apply_demonstration';
    belowLine[title] = visible.filter((candidate) => candidate.track === track && (candidate.total === null || candidate.total < lines[title])).length;
  }

  const issues = submitIssues(all, state, lines, ctx.quota).filter(inView);
  return {
    ...base,
    holders,
    applicants,
    belowLine,
    lists: TITLES.map((title) => ({
      title,
      passLine: lines[title],
      quota: ctx.quota[title],
      entries: state.lists[title].filter((entry) => visibleIds.has(entry.id)).map((entry) => ({ enterpriseId: entry.id, priorityReason: entry.priorityReason ?? null })),
      placesUsed: checks[title].placesUsed,
      outsideQuota: checks[title].outsideQuota,
      specializedLeftOut: checks[title].specializedLeftOut.filter((id) => visibleIds.has(id)),
      issues: checks[title].issues.filter(inView),
    })),
    pendingProposals: pendingProposalsOf(state, ctx.cityCode ? visibleIds : undefined),
    issues,
  };
}
