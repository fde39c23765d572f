import fc from 'fast-check';
import { checkRecommendationList, compareForRecommendation, listEligibility, rankForQuota, type ListCandidate } from './recommendation';

const applicant = (id: string, total: number | null, extra: Partial<ListCandidate> = {}): ListCandidate => ({
  id,
  name: `企业${id}`,
  track: 'apply_advantage',
  titleHeld: 'none',
  total,
  specialized: false,
  centralSoe: false,
  ...extra,
});

describe('who may be on a recommendation list', () => {
  it('takes only applicants for that title whose final reached its line', () => {
    expect(listEligibility(applicant('a', 70), 'advantage', 70)).toBeNull();
    expect(listEligibility(applicant('a', 69.99), 'advantage', 70)).toBe('BELOW_LINE');
    expect(listEligibility(applicant('a', null), 'advantage', 70)).toBe('NO_SCORE');
    expect(listEligibility(applicant('a', 90), 'demonstration', 70)).toBe('NOT_APPLICANT');
    expect(listEligibility(applicant('a', 90, { track: 'review', titleHeld: 'advantage' }), 'advantage', 70)).toBe('NOT_APPLICANT');
  });
});

describe('checkRecommendationList', () => {
  const candidates = [
    applicant('s1', 80, { specialized: true }),
    applicant('p1', 90),
    applicant('p2', 85),
    applicant('soe', 75, { centralSoe: true }),
    applicant('low', 60),
  ];
  const check = (entries: Array<{ id: string; priorityReason?: string }>, quota = 2) =>
    checkRecommendationList({ title: 'advantage', quota, passLine: 70, candidates, entries });

  it('accepts a list within quota, with central SOEs taking no place', () => {
    const result = check([{ id: 's1' }, { id: 'p1' }, { id: 'soe' }]);
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({ placesUsed: 2, outsideQuota: 1, quota: 2, specializedLeftOut: [] });
  });

  it('refuses a list over quota', () => {
    expect(check([{ id: 's1' }, { id: 'p1' }, { id: 'p2' }]).issues.map((i) => i.code)).toEqual(['OVER_QUOTA']);
  });

  it('refuses an enterprise below the line, a duplicate and a stranger', () => {
    expect(check([{ id: 'low' }, { id: 's1' }, { id: 's1' }, { id: 'zzz' }]).issues.map((i) => [i.code, i.enterpriseId])).toEqual([
      ['BELOW_LINE', 'low'],
      ['DUPLICATE', 's1'],
      ['UNKNOWN_ENTERPRISE', 'zzz'],
    ]);
  });

  it('asks for a reason when a non-专精特新 enterprise is chosen over an eligible 专精特新 one', () => {
    const missing = check([{ id: 'p1' }, { id: 'p2' }]);
    expect(missing.specializedLeftOut).toEqual(['s1']);
    expect(missing.issues.map((i) => [i.code, i.enterpriseId])).toEqual([
      ['PRIORITY_REASON_REQUIRED', 'p1'],
      ['PRIORITY_REASON_REQUIRED', 'p2'],
    ]);
    expect(missing.issues[0]?.message).toContain('请填写推荐理由');
    const reasoned = check([{ id: 'p1', priorityReason: '评审得分更高' }, { id: 'p2', priorityReason: '  ' }]);
    expect(reasoned.issues.map((i) => i.enterpriseId)).toEqual(['p2']);
  });

  it('does not ask central SOEs for a reason (they take no place)', () => {
    expect(check([{ id: 'soe' }, { id: 'p1', priorityReason: '理由' }]).issues).toEqual([]);
  });
});

describe('rankForQuota', () => {
  it('puts 专精特新 first, then the score, then the name in pinyin order; central SOEs take no place', () => {
    const ranked = rankForQuota(
      [applicant('x', 88, { name: '北京甲' }), applicant('y', 88, { name: '东莞乙' }), applicant('s', 71, { specialized: true }), applicant('c', 99, { centralSoe: true }), applicant('l', 10)],
      'advantage',
      70,
      2,
    );
    expect(ranked.map((r) => [r.candidate.id, r.place, r.withinQuota])).toEqual([
      ['s', 1, true],
      ['c', null, true],
      ['x', 2, true],
      ['y', 3, false],
    ]);
  });

  const candidateArb = fc.record({
    id: fc.uuid(),
    name: fc.constantFrom('甲', '乙', '丙', '丁'),
    track: fc.constantFrom('apply_advantage' as const, 'apply_demonstration' as const),
    titleHeld: fc.constant('none' as const),
    total: fc.option(fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100), { nil: null }),
    specialized: fc.boolean(),
    centralSoe: fc.boolean(),
  });

  it('gives a list the checker accepts: the places within quota, in that order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidateArb, { selector: (c) => c.id, maxLength: 30 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 100 }), (candidates, quota, passLine) => {
        const chosen = rankForQuota(candidates, 'advantage', passLine, quota).filter((r) => r.withinQuota);
        const check = checkRecommendationList({ title: 'advantage', quota, passLine, candidates, entries: chosen.map((r) => ({ id: r.candidate.id })) });
        expect(check.issues).toEqual([]);
        expect(check.placesUsed).toBeLessThanOrEqual(quota);
      }),
    );
  });

  it('never accepts a list that takes more places than the quota or holds an ineligible enterprise', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidateArb, { selector: (c) => c.id, maxLength: 20 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 }), fc.func(fc.boolean()), (candidates, quota, passLine, pick) => {
        const entries = candidates.filter((c) => pick(c.id)).map((c) => ({ id: c.id, priorityReason: '理由' }));
        const check = checkRecommendationList({ title: 'advantage', quota, passLine, candidates, entries });
        if (check.issues.length === 0) {
          expect(check.placesUsed).toBeLessThanOrEqual(quota);
          for (const entry of entries) expect(listEligibility(candidates.find((c) => c.id === entry.id)!, 'advantage', passLine)).toBeNull();
        }
      }),
    );
  });

  it('orders consistently (a total order on distinct candidates)', () => {
    fc.assert(
      fc.property(candidateArb, candidateArb, (a, b) => {
        expect(Math.sign(compareForRecommendation(a, b))).toBe(-Math.sign(compareForRecommendation(b, a)) || 0);
      }),
    );
  });
});
