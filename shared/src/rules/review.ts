import { linesAssessed, type PassLine, type TitleHeld, type Track } from './tracks';

/**
 * 初核: the local bureau's review of current title holders after the lines are published
 * (国知办函运字〔2023〕572号 二(二)「考核、复核上报」: 对测评合格的考核、复核企业进行审查，初步确定通过考核、
 * 复核的…名单; 2022 annex step 8). An advantage enterprise applying for demonstration is also taking
 * the advantage review (粤知〔2022〕51号 四(三)): it has two judgements, and both are shown.
 */

export type ReviewPurpose = 'assessment' | 'review';
export type ReviewOutcome = 'pass' | 'fail';

export const reviewPurposeLabels: Readonly<Record<ReviewPurpose, string>> = { assessment: '考核', review: '复核' };
export const reviewOutcomeLabels: Readonly<Record<ReviewOutcome, string>> = { pass: '初核通过', fail: '初核不通过' };

export interface ReviewJudgement {
  purpose: ReviewPurpose;
  line: PassLine;
}

/** The 考核/复核 judgements a bureau must make for an enterprise (none for a plain applicant). */
export function reviewJudgements(track: Track, titleHeld: TitleHeld): ReviewJudgement[] {
  const judgements: ReviewJudgement[] = [];
  for (const judged of linesAssessed(track, titleHeld)) {
    if (judged.purpose === 'assessment' || judged.purpose === 'review') judgements.push({ purpose: judged.purpose, line: judged.line });
  }
  return judgements;
}

export type ReviewDecisionIssue = 'BELOW_LINE' | 'NO_SCORE' | 'REASON_REQUIRED';

/**
 * Why a decision cannot be recorded, or null: passing needs a final score at or above the line
 * (测评合格), and a fail needs its reason written down (every decision is a record of why).
 */
export function reviewDecisionIssue(input: { outcome: ReviewOutcome; total: number | null; passLine: number; reason?: string | null }): ReviewDecisionIssue | null {
  if (input.outcome === 'fail') return (input.reason ?? '').trim() === '' ? 'REASON_REQUIRED' : null;
  if (input.total === null) return 'NO_SCORE';
  return input.total >= input.passLine ? null : 'BELOW_LINE';
}

export const reviewDecisionMessages: Readonly<Record<ReviewDecisionIssue, string>> = {
  BELOW_LINE: '最终成绩未达到合格线，不能初核通过',
  NO_SCORE: '没有最终测评成绩，不能初核通过',
  REASON_REQUIRED: '初核不通过须填写理由',
};

// ---- the package a bureau reports (上报) and what the national bureau does with it ----------

export type PackageState = 'not_started' | 'draft' | 'submitted' | 'returned' | 'confirmed';

export const packageStateLabels: Readonly<Record<PackageState, string>> = {
  not_started: '未开始',
  draft: '草稿',
  submitted: '已上报',
  returned: '已退回',
  confirmed: '已确认',
};

export type PackageAction = 'edit' | 'submit' | 'return' | 'confirm';

/**
 * The package's life: the bureau edits freely until it submits (which locks it); the national
 * bureau returns it with a reason (which unlocks it, keeping the submitted version) or confirms it
 * (final). Returns the next state, or null when the action is not allowed in this state.
 */
export function nextPackageState(state: PackageState, action: PackageAction): PackageState | null {
  switch (action) {
    case 'edit':
      return state === 'not_started' || state === 'draft' ? 'draft' : state === 'returned' ? 'returned' : null;
    case 'submit':
      return state === 'not_started' || state === 'draft' || state === 'returned' ? 'submitted' : null;
    case 'return':
    case 'confirm':
      return state === 'submitted' ? (action === 'return' ? 'returned' : 'confirmed') : null;
  }
}

// ---- 公示 and 认定 (国知办函运字〔2023〕572号 二(三): 审核确认，经公示无异议后，发文予以认定) ---------

export type PublicityPhase = 'none' | 'scheduled' | 'open' | 'ended' | 'certified';

export const publicityPhaseLabels: Readonly<Record<PublicityPhase, string>> = {
  none: '未公示',
  scheduled: '待公示',
  open: '公示中',
  ended: '公示期满',
  certified: '已认定',
};

/** Where the 公示 stands at `now`, from its period and whether the certified list is fixed. */
export function publicityPhase(now: Date, period: { startsAt: Date; endsAt: Date } | null, certifiedAt: Date | null): PublicityPhase {
  if (certifiedAt) return 'certified';
  if (!period) return 'none';
  if (now < period.startsAt) return 'scheduled';
  return now < period.endsAt ? 'open' : 'ended';
}

// ---- what an enterprise is told, and when ----------------------------------------------------

export type ApplicationOutcome = 'below_line' | 'not_recommended' | 'under_publicity' | 'certified' | 'not_certified';

export const applicationOutcomeLabels: Readonly<Record<ApplicationOutcome, string>> = {
  below_line: '未达到合格线',
  not_recommended: '未获推荐',
  under_publicity: '公示中',
  certified: '已认定',
  not_certified: '未获认定',
};

/**
 * An applicant's outcome as far as the national bureau has made it visible: nothing before the
 * lines are published; then whether it reached the line; from the 公示 on, whether it is among
 * those proposed; after certification, the decision. A bureau's own draft or submitted list is
 * never shown to the enterprise.
 */
export function applicationOutcome(input: {
  linesPublished: boolean;
  reachedLine: boolean;
  phase: PublicityPhase;
  proposed: boolean;
  certified: boolean;
}): ApplicationOutcome | null {
  if (!input.linesPublished) return null;
  if (!input.reachedLine) return 'below_line';
  if (input.phase === 'certified') return input.certified ? 'certified' : input.proposed ? 'not_certified' : 'not_recommended';
  if (input.phase === 'open' || input.phase === 'ended') return input.proposed ? 'under_publicity' : 'not_recommended';
  return null;
}
