import fc from 'fast-check';
import {
  checkTrack,
  defaultYearRules,
  eventsOfYear,
  riskOf,
  standingIn,
  titleBefore,
  type EnterpriseRecord,
  type Participation,
  type TitleEvent,
} from './eligibility';
import type { Track } from './tracks';

const took = (year: number, track: Track, extra: Partial<Participation> = {}): Participation => ({
  year,
  track,
  submitted: true,
  finalScore: 80,
  reachedLine: true,
  reviewOutcome: null,
  certified: false,
  ...extra,
});
const granted = (year: number, title: 'advantage' | 'demonstration' = 'advantage'): TitleEvent => ({ title, year, source: 'granted' });
const record = (titles: TitleEvent[], participations: Participation[] = []): EnterpriseRecord => ({ titles, participations });

describe('the notices’ own cases', () => {
  it('2023: an advantage enterprise granted in 2019 is in the 复核 scope and may apply for demonstration (2023 一(一)(三))', () => {
    const r = record([granted(2019)]);
    const standing = standingIn(r, 2023);
    expect(standing.due).toBe('review');
    expect(standing.mayApplyDemonstration).toBe(true);
    expect(checkTrack(r, 'review', 2023)).toBeNull();
    expect(checkTrack(r, 'apply_demonstration', 2023)).toBeNull();
    expect(checkTrack(r, 'assessment', 2023)).toMatchObject({ severity: 'error', code: 'REVIEW_DUE' });
    expect(checkTrack(r, 'apply_advantage', 2023)).toMatchObject({ code: 'TITLE_HELD' });
  });

  it('2023: one that passed 复核 in 2022 takes 考核, not 复核 (2023 一(二): 2022年…通过复核的)', () => {
    const r = record([granted(2019), { title: 'advantage', year: 2022, source: 'review_passed' }], [took(2022, 'review', { reviewOutcome: 'pass' })]);
    expect(standingIn(r, 2023).due).toBe('assessment');
    expect(checkTrack(r, 'assessment', 2023)).toBeNull();
    expect(checkTrack(r, 'review', 2023)).toMatchObject({ code: 'NOT_DUE' });
  });

  it('a 复核 failed in 2022 keeps the title one year and is reviewed again in 2023; a second fail revokes it (2022 三)', () => {
    const failed2022 = record([granted(2018)], [took(2022, 'review', { reviewOutcome: 'fail', reachedLine: false })]);
    const standing = standingIn(failed2022, 2023);
    expect(standing.held?.title).toBe('advantage');
    expect(standing.due).toBe('review');
    expect(standing.flags).toContain('in_review_grace');
    expect(riskOf(failed2022, 2023)).toEqual(['in_review_grace']);
    expect(eventsOfYear(failed2022, 2022)).toEqual([]); // the fail itself revokes nothing
    const failedAgain = record(failed2022.titles.slice(), [...failed2022.participations, took(2023, 'review', { reviewOutcome: 'fail' })]);
    expect(eventsOfYear(failedAgain, 2023)).toEqual([expect.objectContaining({ title: 'advantage', year: 2023, source: 'revoked', note: '保留期内再次复核未通过' })]);
    const passedNow = record(failed2022.titles.slice(), [...failed2022.participations, took(2023, 'review', { reviewOutcome: 'pass' })]);
    expect(eventsOfYear(passedNow, 2023)).toEqual([{ title: 'advantage', year: 2023, source: 'review_passed' }]);
  });

  it('missing the 2022 复核 is like failing it: reviewed in 2023, revoked if missed again (2023 一(三))', () => {
    const r = record([granted(2019)]);
    expect(standingIn(r, 2023).flags).toContain('in_review_grace');
    expect(eventsOfYear(r, 2023)).toEqual([expect.objectContaining({ source: 'revoked', note: '保留期内未参加复核' })]);
  });

  it('missing 考核 two years running loses 复核 eligibility (2023 一(二)), then the title at its 复核', () => {
    const r = record([granted(2022)]);
    expect(standingIn(r, 2023).due).toBe('assessment');
    expect(standingIn(r, 2024).flags).toEqual(['assessment_due']); // one year missed: not yet
    const standing = standingIn(r, 2025);
    expect(standing.missedAssessments).toEqual([2024, 2023]);
    expect(standing.flags).toEqual(['review_eligibility_lost', 'review_due']);
    expect(checkTrack(r, 'review', 2025)).toMatchObject({ code: 'REVIEW_ELIGIBILITY_LOST', message: '连续 2 年未参加考核，取消复核资格（2023、2024 年）' });
    expect(eventsOfYear(r, 2025)).toEqual([expect.objectContaining({ source: 'revoked' })]);
  });

  it('missing 2022 and 2023 考核, where a year’s rules put 考核 in 2022 too, loses it by 2024', () => {
    const rules = (year: number) => {
      const base = defaultYearRules(year);
      if (base && year === 2022) return { ...base, assessmentCycleYears: [2021] };
      if (base && year === 2023) return { ...base, assessmentCycleYears: [2021, 2022] };
      return base;
    };
    const r = record([granted(2021)]);
    expect(standingIn(r, 2024, rules).flags).toEqual(['review_eligibility_lost', 'review_due']);
    const tookOne = record([granted(2021)], [took(2023, 'assessment')]);
    expect(standingIn(tookOne, 2024, rules).flags).toEqual(['review_due']);
  });

  it('an advantage enterprise still in cultivation cannot apply for demonstration', () => {
    const r = record([granted(2022)]);
    expect(checkTrack(r, 'apply_demonstration', 2023)).toMatchObject({ code: 'CULTIVATION_NOT_ENDED', message: '优势企业培育期未满 3 年（2022 年认定），不能申报示范企业' });
    expect(checkTrack(r, 'apply_demonstration', 2025)).toMatchObject({ code: 'REVIEW_ELIGIBILITY_LOST' });
    const assessed = record([granted(2022)], [took(2023, 'assessment'), took(2024, 'assessment')]);
    expect(checkTrack(assessed, 'apply_demonstration', 2025)).toBeNull();
  });

  it('an enterprise with no title may only apply for advantage', () => {
    const r = record([]);
    expect(checkTrack(r, 'apply_advantage', 2023)).toBeNull();
    for (const track of ['apply_demonstration', 'assessment', 'review'] as const) expect(checkTrack(r, track, 2023)).toMatchObject({ code: 'TITLE_REQUIRED' });
  });
});

describe('closing a year', () => {
  it('grants certified applications; a demonstration title supersedes the advantage one', () => {
    const r = record([granted(2019)], [took(2023, 'apply_demonstration', { certified: true, reviewOutcome: 'pass' })]);
    expect(eventsOfYear(r, 2023)).toEqual([{ title: 'demonstration', year: 2023, source: 'granted' }]);
    const after = record([...r.titles, ...eventsOfYear(r, 2023)], r.participations.slice());
    expect(titleBefore(after, 2024)).toEqual({ title: 'demonstration', cycleStart: 2023, grantedYear: 2023 });
  });

  it('an advantage holder applying for demonstration also takes the advantage review (2022 四(三))', () => {
    const r = record([granted(2019)], [took(2022, 'apply_demonstration', { certified: false, reviewOutcome: 'pass' })]);
    expect(eventsOfYear(r, 2022)).toEqual([{ title: 'advantage', year: 2022, source: 'review_passed' }]);
  });

  it('is idempotent, and the record it builds gives the same standing as before the year’s events were added', () => {
    const trackArb = fc.constantFrom<Track>('apply_advantage', 'apply_demonstration', 'assessment', 'review');
    fc.assert(
      fc.property(
        fc.integer({ min: 2015, max: 2023 }),
        fc.array(fc.record({ track: trackArb, submitted: fc.boolean(), pass: fc.boolean(), certified: fc.boolean() }), { minLength: 4, maxLength: 4 }),
        (grantYear, years) => {
          let r = record([granted(grantYear)]);
          years.forEach((y, index) => {
            const year = 2022 + index;
            const check = checkTrack(r, y.track, year);
            if (check?.severity === 'error') return; // the import would refuse this row
            const p = took(year, y.track, { submitted: y.submitted, reviewOutcome: y.submitted ? (y.pass ? 'pass' : 'fail') : null, certified: y.submitted && y.certified });
            r = record(r.titles.slice(), [...r.participations, p]);
            const events = eventsOfYear(r, year);
            expect(eventsOfYear(r, year)).toEqual(events);
            const before = standingIn(r, year);
            r = record([...r.titles, ...events], r.participations.slice());
            expect(standingIn(r, year)).toEqual(before); // a year's events only change later years
          });
        },
      ),
    );
  });
});

describe('the year rules', () => {
  it('are the notices’ scopes for 2022 and 2023 and carry the 3-year rule forward', () => {
    expect(defaultYearRules(2021)).toBeNull();
    expect(defaultYearRules(2022)).toEqual({ year: 2022, reviewCycleUpTo: 2019, assessmentCycleYears: [], demonstrationGrantedUpTo: 2019 });
    expect(defaultYearRules(2023)).toEqual({ year: 2023, reviewCycleUpTo: 2019, assessmentCycleYears: [2022], demonstrationGrantedUpTo: 2020 });
    expect(defaultYearRules(2026)).toEqual({ year: 2026, reviewCycleUpTo: 2023, assessmentCycleYears: [2024, 2025], demonstrationGrantedUpTo: 2023 });
  });

  it('count nothing as missed in a year without a campaign', () => {
    expect(standingIn(record([granted(2015)]), 2022).flags).toEqual(['review_due']);
  });
});
