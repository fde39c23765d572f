import { titleLabels, trackLabels, type Title, type Track } from './tracks';

/**
 * The programme's rules across years, applied to one enterprise's lasting record. Each rule cites
 * its notice:
 * - 2022 = 国知办函运字〔2022〕497号 (and 粤知〔2022〕51号, which forwards it);
 * - 2023 = 国知办函运字〔2023〕572号 (and 晋知〔2023〕, which forwards it).
 *
 * A title runs in cycles: it is granted (认定), then held through a 3-year cultivation period
 * (培育期), then reviewed (复核); passing the review starts a new cycle. The year's scopes are data
 * (`YearRules`), carried by each campaign: the notices fix them year by year, not by formula.
 */

export type TitleEventSource = 'granted' | 'review_passed' | 'revoked';

export const titleEventLabels: Readonly<Record<TitleEventSource, string>> = { granted: '认定', review_passed: '复核通过', revoked: '撤销' };

export interface TitleEvent {
  title: Title;
  year: number;
  source: TitleEventSource;
  /** Why (a revocation's reason, an import's note). */
  note?: string;
}

/** What the enterprise did in one year's campaign, as the campaign's close recorded it. */
export interface Participation {
  year: number;
  track: Track;
  /** A final attempt exists (the enterprise took the assessment). */
  submitted: boolean;
  finalScore: number | null;
  /** Reached the line it was judged against (null before the lines were published). */
  reachedLine: boolean | null;
  /** The 考核/复核 outcome the national bureau confirmed (null: none, or not decided). */
  reviewOutcome: 'pass' | 'fail' | null;
  /** The application was certified (认定) — for 申报 tracks. */
  certified: boolean;
}

export interface EnterpriseRecord {
  titles: readonly TitleEvent[];
  participations: readonly Participation[];
}

export interface YearRules {
  year: number;
  /** 复核 scope: titles whose current cycle began in or before this year. */
  reviewCycleUpTo: number;
  /** 考核 scope: titles whose current cycle began in one of these years (none before 2023). */
  assessmentCycleYears: readonly number[];
  /** 申报示范: advantage titles granted in or before this year (培育期满3年, counted from 认定). */
  demonstrationGrantedUpTo: number;
}

export const CULTIVATION_YEARS = 3;
/** The first year run through this assessment (国知办函运字〔2022〕497号): nothing was due before it. */
export const FIRST_YEAR = 2022;
/** 连续2年不参加考核的企业，将取消复核资格 (2023 一(二)). */
export const MISSED_ASSESSMENTS_TO_LOSE_REVIEW = 2;

/**
 * The scopes the notices set, and for later years the same rule carried forward:
 * - 2022: 复核 for titles granted 2019 or before (2022 一(一)2 「2019年及以前认定的…均须参加复核」);
 *   申报示范 for advantage enterprises whose 3-year period ended, 2019 or before included (一(一)1);
 *   no 考核 yet.
 * - 2023: 复核 for 2019 or before and not passed in 2022 (2023 一(三); "not passed" follows from the
 *   record: a pass in 2022 began a new cycle); 考核 for titles granted or passed 复核 in 2022 (一(二)).
 * - later: 复核 at Y−3, 考核 for the cycles begun in the two years before, 申报示范 at Y−3.
 */
export function defaultYearRules(year: number): YearRules | null {
  if (year < FIRST_YEAR) return null;
  if (year === 2022) return { year, reviewCycleUpTo: 2019, assessmentCycleYears: [], demonstrationGrantedUpTo: 2019 };
  if (year === 2023) return { year, reviewCycleUpTo: 2019, assessmentCycleYears: [2022], demonstrationGrantedUpTo: year - CULTIVATION_YEARS };
  return { year, reviewCycleUpTo: year - CULTIVATION_YEARS, assessmentCycleYears: [year - 2, year - 1], demonstrationGrantedUpTo: year - CULTIVATION_YEARS };
}

/** The rules of a year's campaign; null for a year without one (nothing was due, nothing missed). */
export type RulesFor = (year: number) => YearRules | null;

export interface HeldTitle {
  title: Title;
  /** The year the current cycle began (认定 or the last 复核通过). */
  cycleStart: number;
  grantedYear: number;
}

/** The title held going into `year` (events of earlier years only), or null. */
export function titleBefore(record: EnterpriseRecord, year: number): HeldTitle | null {
  let held: HeldTitle | null = null;
  const events = record.titles.filter((event) => event.year < year).sort((a, b) => a.year - b.year || order[a.source] - order[b.source]);
  for (const event of events) {
    if (event.source === 'revoked') held = held && held.title === event.title ? null : held;
    else if (event.source === 'granted') held = { title: event.title, cycleStart: event.year, grantedYear: event.year };
    else if (held && held.title === event.title) held = { title: held.title, grantedYear: held.grantedYear, cycleStart: event.year };
  }
  return held;
}
const order: Record<TitleEventSource, number> = { granted: 0, review_passed: 1, revoked: 2 };

function participationIn(record: EnterpriseRecord, year: number): Participation | undefined {
  return record.participations.find((p) => p.year === year);
}

/** A 复核 taken (复核, or 申报示范 by an advantage holder: 2022 四(三)) in a year where it was due. */
function reviewTaken(p: Participation | undefined): boolean {
  return p !== undefined && p.submitted && (p.track === 'review' || p.track === 'apply_demonstration');
}

export type StandingFlag = 'review_eligibility_lost' | 'in_review_grace' | 'review_due' | 'assessment_due';

export const standingFlagLabels: Readonly<Record<StandingFlag, string>> = {
  review_eligibility_lost: '连续 2 年未参加考核，取消复核资格',
  in_review_grace: '上年未通过或未参加复核，保留资格 1 年，须再次复核',
  review_due: '培育期满，须参加复核',
  assessment_due: '培育期内，须参加年度考核',
};

export interface Standing {
  year: number;
  held: HeldTitle | null;
  /** What the enterprise must take this year, if anything. */
  due: 'review' | 'assessment' | null;
  mayApplyDemonstration: boolean;
  flags: StandingFlag[];
  /** Years of 考核 the enterprise was due and missed, most recent first. */
  missedAssessments: number[];
}

/** Was 考核 due in `year` for the title held then? */
function assessmentDue(record: EnterpriseRecord, year: number, rulesFor: RulesFor): boolean {
  const held = titleBefore(record, year);
  const rules = rulesFor(year);
  if (!held || !rules) return false;
  return rules.assessmentCycleYears.includes(held.cycleStart) && !reviewDue(record, year, rulesFor, held);
}

/**
 * 复核 is due for a title whose cycle began within the year's scope, and in the year after a failed
 * or missed 复核 (2022 三: 未通过复核的企业，在1年期内保留资格并再次组织复核; 2023 一(三): 未参加或未通过
 * 2022年复核的企业 are in 2023's scope).
 */
function reviewDue(record: EnterpriseRecord, year: number, rulesFor: RulesFor, held: HeldTitle): boolean {
  return inReviewScope(rulesFor(year), held) || inGrace(record, year, rulesFor, held);
}

const inReviewScope = (rules: YearRules | null, held: HeldTitle): boolean => rules !== null && held.cycleStart <= rules.reviewCycleUpTo;

function inGrace(record: EnterpriseRecord, year: number, rulesFor: RulesFor, held: HeldTitle): boolean {
  const previous = year - 1;
  const before = titleBefore(record, previous);
  if (!before || before.title !== held.title || before.cycleStart !== held.cycleStart) return false;
  if (!inReviewScope(rulesFor(previous), before)) return false;
  const p = participationIn(record, previous);
  return !reviewTaken(p) || p?.reviewOutcome === 'fail';
}

/** Where an enterprise stands going into `year`: what it must take, what it may apply for, its flags. */
export function standingIn(record: EnterpriseRecord, year: number, rulesFor: RulesFor = defaultYearRules): Standing {
  const held = titleBefore(record, year);
  const rules = rulesFor(year);
  const flags: StandingFlag[] = [];
  const missed: number[] = [];
  if (!held || !rules) return { year, held, due: null, mayApplyDemonstration: false, flags, missedAssessments: missed };
  const review = reviewDue(record, year, rulesFor, held);
  const assessment = !review && rules.assessmentCycleYears.includes(held.cycleStart);
  // 考核 missed in consecutive years, going back from last year, within the current cycle.
  for (let y = year - 1; y >= held.cycleStart; y--) {
    if (!assessmentDue(record, y, rulesFor)) continue;
    const p = participationIn(record, y);
    if (p && p.submitted && p.track === 'assessment') break;
    missed.push(y);
  }
  const consecutive = missed.length >= MISSED_ASSESSMENTS_TO_LOSE_REVIEW && missed[0] === missed[1]! + 1;
  if (consecutive) flags.push('review_eligibility_lost');
  if (review && inGrace(record, year, rulesFor, held)) flags.push('in_review_grace');
  if (review) flags.push('review_due');
  if (assessment) flags.push('assessment_due');
  const mayApplyDemonstration = held.title === 'advantage' && held.grantedYear <= rules.demonstrationGrantedUpTo && !consecutive;
  return { year, held, due: review ? 'review' : assessment ? 'assessment' : null, mayApplyDemonstration, flags, missedAssessments: missed };
}

export interface TrackCheck {
  /** 'error': the row contradicts the record; 'warning': allowed but worth a look. */
  severity: 'error' | 'warning';
  code: 'TITLE_REQUIRED' | 'TITLE_HELD' | 'NOT_DUE' | 'REVIEW_DUE' | 'REVIEW_ELIGIBILITY_LOST' | 'CULTIVATION_NOT_ENDED';
  message: string;
}

/**
 * Why an enterprise may not take `track` in `year` given its record, or null when it may. The
 * import shows each as a per-row error or warning; the national bureau may override with a reason.
 */
export function checkTrack(record: EnterpriseRecord, track: Track, year: number, rulesFor: RulesFor = defaultYearRules): TrackCheck | null {
  const standing = standingIn(record, year, rulesFor);
  const held = standing.held;
  const label = trackLabels[track];
  if (!held) {
    return track === 'apply_advantage' ? null : { severity: 'error', code: 'TITLE_REQUIRED', message: `记录中没有有效的优势或示范企业称号，不能参加${label}` };
  }
  const since = `${held.cycleStart} 年${held.cycleStart === held.grantedYear ? '认定' : '复核通过'}`;
  switch (track) {
    case 'apply_advantage':
      return { severity: 'error', code: 'TITLE_HELD', message: `已是${titleLabels[held.title]}（${since}），不能申报优势企业` };
    case 'apply_demonstration':
      if (held.title !== 'advantage') return { severity: 'error', code: 'TITLE_HELD', message: `已是示范企业（${since}），不能申报示范企业` };
      if (standing.flags.includes('review_eligibility_lost')) return lost();
      return standing.mayApplyDemonstration ? null : { severity: 'error', code: 'CULTIVATION_NOT_ENDED', message: `优势企业培育期未满 3 年（${held.grantedYear} 年认定），不能申报示范企业` };
    case 'review':
      if (standing.due !== 'review') return { severity: 'error', code: 'NOT_DUE', message: `不在 ${year} 年度复核范围内（${since}）` };
      return standing.flags.includes('review_eligibility_lost') ? lost() : null;
    case 'assessment':
      if (standing.due === 'review') return { severity: 'error', code: 'REVIEW_DUE', message: `培育期已满，${year} 年度应参加复核而非考核（${since}）` };
      return standing.due === 'assessment' ? null : { severity: 'warning', code: 'NOT_DUE', message: `不在 ${year} 年度考核范围内（${since}）` };
  }
  function lost(): TrackCheck {
    return { severity: 'error', code: 'REVIEW_ELIGIBILITY_LOST', message: `${standingFlagLabels.review_eligibility_lost}（${standing.missedAssessments.slice(0, 2).sort().join('、')} 年）` };
  }
}


/**
 * The title events one year's closed campaign adds to the record, from the enterprise's
 * participation and standing that year (idempotent: the same inputs give the same events):
 * - a certified application grants its title (认定);
 * - a passed 复核 starts a new cycle (复核通过), also for an advantage holder applying for
 *   demonstration (2022 四(三));
 * - a 复核 failed or missed while in grace, or due after losing 复核 eligibility, revokes the title
 *   (2022 三: 仍未通过或未参加复核的企业，从名单中予以撤销; 2023 一(三)).
 */
export function eventsOfYear(record: EnterpriseRecord, year: number, rulesFor: RulesFor = defaultYearRules): TitleEvent[] {
  const standing = standingIn(record, year, rulesFor);
  const p = participationIn(record, year);
  const events: TitleEvent[] = [];
  if (p?.certified && p.track === 'apply_advantage') events.push({ title: 'advantage', year, source: 'granted' });
  if (p?.certified && p.track === 'apply_demonstration') events.push({ title: 'demonstration', year, source: 'granted' });
  const held = standing.held;
  if (!held || standing.due !== 'review') return events;
  if (events.some((event) => event.title === 'demonstration')) return events; // the new title supersedes
  const passed = reviewTaken(p) && p?.reviewOutcome === 'pass';
  if (passed && !standing.flags.includes('review_eligibility_lost')) {
    events.push({ title: held.title, year, source: 'review_passed' });
  } else if (standing.flags.includes('review_eligibility_lost')) {
    events.push({ title: held.title, year, source: 'revoked', note: standingFlagLabels.review_eligibility_lost });
  } else if (standing.flags.includes('in_review_grace') && (!reviewTaken(p) || p?.reviewOutcome === 'fail')) {
    events.push({ title: held.title, year, source: 'revoked', note: reviewTaken(p) ? '保留期内再次复核未通过' : '保留期内未参加复核' });
  }
  return events;
}

/** Titles whose holder is at risk or lapses in `year` (the national bureau's list). */
export function riskOf(record: EnterpriseRecord, year: number, rulesFor: RulesFor = defaultYearRules): StandingFlag[] {
  const flags = standingIn(record, year, rulesFor).flags;
  return flags.filter((flag) => flag === 'review_eligibility_lost' || flag === 'in_review_grace');
}
