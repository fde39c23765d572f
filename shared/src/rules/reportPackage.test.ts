import fc from 'fast-check';
import { regions } from '../data/regions';
import { maskUsccForPublicity, packageDigest, packageDocumentNumber, packageIssues, regionAbbreviation } from './reportPackage';

describe('the package digest', () => {
  it('is the SHA-256 of the canonical JSON: key order does not matter, any value change does', () => {
    const a = { region: { code: '440000', name: '广东省' }, lists: [{ name: '广州喆堃镕科技有限公司', total: 81.25 }] };
    const b = { lists: [{ total: 81.25, name: '广州喆堃镕科技有限公司' }], region: { name: '广东省', code: '440000' } };
    expect(packageDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(packageDigest(a)).toBe(packageDigest(b));
    expect(packageDigest({ ...a, lists: [{ name: '广州喆堃镕科技有限公司', total: 81.26 }] })).not.toBe(packageDigest(a));
  });

  it('known answer: the digest of {} is the SHA-256 of "{}"', () => {
    expect(packageDigest({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});

describe('document numbers', () => {
  it('carry the region’s abbreviation, the year, the number and the version', () => {
    expect(packageDocumentNumber({ regionCode: '440000', year: 2026, version: 2 })).toBe('粤知推〔2026〕1号-v2');
    expect(packageDocumentNumber({ regionCode: '440300', year: 2026, version: 1 })).toBe('深知推〔2026〕1号-v1');
  });

  it('every region has its own abbreviation (no two regions’ numbers can be confused)', () => {
    const abbreviations = regions.map((region) => regionAbbreviation(region.code));
    expect(new Set(abbreviations).size).toBe(regions.length);
  });
});

describe('USCC on the public page', () => {
  it('keeps the first 8 characters and the check character', () => {
    expect(maskUsccForPublicity('91440300MA5F0XYZ1K')).toBe('91440300*********K');
    fc.assert(fc.property(fc.string({ minLength: 18, maxLength: 18 }), (uscc) => maskUsccForPublicity(uscc).slice(0, 8) === uscc.slice(0, 8) && maskUsccForPublicity(uscc).length === 18));
  });
  it('leaves a malformed code as it is', () => {
    expect(maskUsccForPublicity('abc')).toBe('abc');
  });
});

describe('what blocks a submit', () => {
  it('list issues, undecided holders above their line, pending proposals and a missing summary', () => {
    const issues = packageIssues({
      listIssues: [{ code: 'OVER_QUOTA', enterpriseId: null, message: '超过名额' }],
      undecided: [{ enterpriseId: 'e1', name: '甲公司', purposeLabel: '考核' }],
      pendingProposals: 2,
      summary: '  ',
    });
    expect(issues.map((issue) => issue.code)).toEqual(['OVER_QUOTA', 'UNDECIDED', 'PROPOSALS_PENDING', 'SUMMARY_REQUIRED']);
    expect(issues[1]!.message).toContain('甲公司');
  });
  it('nothing when everything is done', () => {
    expect(packageIssues({ listIssues: [], undecided: [], pendingProposals: 0, summary: '经评审…' })).toEqual([]);
  });
});
