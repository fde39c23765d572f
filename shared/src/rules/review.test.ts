import {
  applicationOutcome,
  nextPackageState,
  publicityPhase,
  reviewDecisionIssue,
  reviewJudgements,
  type PackageAction,
  type PackageState,
} from './review';

describe('the 考核/复核 judgements a bureau makes', () => {
  it('are one per title holder, two for an advantage enterprise applying for demonstration (2022 四(三))', () => {
    expect(reviewJudgements('assessment', 'demonstration')).toEqual([{ purpose: 'assessment', line: 'demonstration' }]);
    expect(reviewJudgements('review', 'advantage')).toEqual([{ purpose: 'review', line: 'advantage' }]);
    expect(reviewJudgements('apply_demonstration', 'advantage')).toEqual([{ purpose: 'review', line: 'advantage' }]);
    expect(reviewJudgements('apply_advantage', 'none')).toEqual([]);
  });

  it('cannot pass an enterprise below its line, and a fail needs a reason', () => {
    expect(reviewDecisionIssue({ outcome: 'pass', total: 70, passLine: 70 })).toBeNull();
    expect(reviewDecisionIssue({ outcome: 'pass', total: 69.99, passLine: 70 })).toBe('BELOW_LINE');
    expect(reviewDecisionIssue({ outcome: 'pass', total: null, passLine: 70 })).toBe('NO_SCORE');
    expect(reviewDecisionIssue({ outcome: 'fail', total: 90, passLine: 70, reason: ' ' })).toBe('REASON_REQUIRED');
    expect(reviewDecisionIssue({ outcome: 'fail', total: 40, passLine: 70, reason: '材料不实' })).toBeNull();
  });
});

describe('the package a bureau reports', () => {
  const states: PackageState[] = ['not_started', 'draft', 'submitted', 'returned', 'confirmed'];
  const actions: PackageAction[] = ['edit', 'submit', 'return', 'confirm'];

  it.each([
    ['not_started', 'edit', 'draft'],
    ['draft', 'submit', 'submitted'],
    ['submitted', 'edit', null],
    ['submitted', 'return', 'returned'],
    ['returned', 'edit', 'returned'],
    ['returned', 'submit', 'submitted'],
    ['submitted', 'confirm', 'confirmed'],
    ['draft', 'confirm', null],
    ['confirmed', 'return', null],
  ] as Array<[PackageState, PackageAction, PackageState | null]>)('%s --%s--> %s', (state, action, next) => {
    expect(nextPackageState(state, action)).toBe(next);
  });

  it('is locked once submitted and final once confirmed', () => {
    for (const action of actions) {
      if (action !== 'return' && action !== 'confirm') expect(nextPackageState('submitted', action)).toBeNull();
      expect(nextPackageState('confirmed', action)).toBeNull();
    }
    for (const state of states) if (state !== 'submitted') expect(nextPackageState(state, 'confirm')).toBeNull();
  });
});

describe('公示 and what an applicant is told', () => {
  const period = { startsAt: new Date('2023-09-01T00:00:00+08:00'), endsAt: new Date('2023-09-08T00:00:00+08:00') };

  it('follows the period, then the certification', () => {
    expect(publicityPhase(new Date('2023-08-31T23:59:59+08:00'), period, null)).toBe('scheduled');
    expect(publicityPhase(period.startsAt, period, null)).toBe('open');
    expect(publicityPhase(period.endsAt, period, null)).toBe('ended');
    expect(publicityPhase(period.endsAt, null, null)).toBe('none');
    expect(publicityPhase(period.startsAt, period, new Date())).toBe('certified');
  });

  it('tells nothing before the lines, never a bureau draft, and the decision after certification', () => {
    const base = { linesPublished: true, reachedLine: true, proposed: true, certified: false };
    expect(applicationOutcome({ ...base, linesPublished: false, phase: 'open' })).toBeNull();
    expect(applicationOutcome({ ...base, reachedLine: false, phase: 'none' })).toBe('below_line');
    expect(applicationOutcome({ ...base, phase: 'none' })).toBeNull();
    expect(applicationOutcome({ ...base, phase: 'scheduled' })).toBeNull();
    expect(applicationOutcome({ ...base, phase: 'open' })).toBe('under_publicity');
    expect(applicationOutcome({ ...base, proposed: false, phase: 'ended' })).toBe('not_recommended');
    expect(applicationOutcome({ ...base, phase: 'certified', certified: true })).toBe('certified');
    expect(applicationOutcome({ ...base, phase: 'certified' })).toBe('not_certified');
    expect(applicationOutcome({ ...base, proposed: false, phase: 'certified' })).toBe('not_recommended');
  });
});
