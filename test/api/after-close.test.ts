import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { packageDigest } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { closedCampaign, LINES, type ClosedCampaign } from '../helpers/afterClose';

/**
 * Issue 16 end to end on real FerretDB and Redis: 广东 and 深圳 apart, each through 初核, review,
 * recommendation within quota, the package (PDF read back, digest checked, sealed scan), the
 * national bureau's return and confirmation, 公示 with an objection, and the certified list; and
 * what the enterprises are told at each step.
 */

const MINUTE = 60_000;
/** A response's JSON as this realm's plain objects (jest's test realm is not the one fetch parsed in). */
const sameRealm = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The text of a PDF, page by page (pdfjs-dist, in a child process: it is an ES module). */
function pdfText(bytes: Buffer): { pages: string[]; info: Record<string, unknown> } {
  const file = path.join(os.tmpdir(), `pkg-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '../helpers/pdfText.mjs'), file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('after the close: review, recommendation, the reported package, 公示 and 认定', () => {
  let bff: TestBff;
  let api: ApiClient;
  const clock = new TestClock();
  let world: ClosedCampaign;
  const e = () => world.enterprises;
  const q = (region?: string, extra = '') => `campaignId=${world.campaignId}${region ? `&region=${region}` : ''}${extra}`;
  const work = (token: string, region?: string) => api.get(`/api/reviews/work?${q(region)}`, token);
  const put = (p: string, body: unknown, token: string) => api.raw('PUT', p, { body, token });

  beforeAll(async () => {
    bff = await startTestBff({ clock });
    api = apiClient(bff.url);
    world = await closedCampaign(bff, api, clock, { publish: false });
  }, 180_000);
  afterAll(async () => {
    await bff.stop();
  });

  describe('before the lines are published', () => {
    it('When the region opens its working page, then it is closed, says why, and carries no score', async () => {
      const page = await work(world.staff.gd);
      expect(page.status).toBe(200);
      expect(page.body).toEqual(expect.objectContaining({ open: false, closedReason: expect.stringContaining('合格线公布后'), holders: [], passLines: { advantage: null, demonstration: null } }));
      const decided = await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().gdHolder.id, purpose: 'assessment', outcome: 'pass' }] }, world.staff.gd);
      expect({ status: decided.status, code: decided.body.code }).toEqual({ status: 409, code: 'REVIEW_NOT_OPEN' });
    });

    it('When the national bureau changes 广东’s advantage quota with a reason, then the campaign carries it and the change is audited', async () => {
      const changed = await put(`/api/admin/campaigns/${world.campaignId}/quotas`, { regionCode: '440000', advantage: 2, demonstration: 81, reason: '演示：压缩名额以检验名额控制' }, world.staff.national);
      expect(changed.status).toBe(200);
      expect(changed.body.rows.find((row: { regionCode: string }) => row.regionCode === '440000')).toEqual({ regionCode: '440000', advantage: 2, demonstration: 81 });
      expect(changed.body.basis).toContain('沿用 2023 年'); // a 2026 campaign starts from the latest published table
      const audit = await api.get(`/api/admin/audit?target=440000`, world.staff.national);
      expect(audit.body.events.map((event: { action: string }) => event.action)).toContain('quota.changed');
      const published = await api.post(`/api/admin/campaigns/${world.campaignId}/passlines/publish`, undefined, world.staff.national);
      expect(published.status).toBe(200);
    });
  });

  describe('初核 (考核/复核)', () => {
    it('When 广东 opens its page, then its holders carry their judgements (two for an advantage enterprise applying for demonstration) and 深圳’s enterprises are not there', async () => {
      const page = (await work(world.staff.gd)).body;
      expect(page.open).toBe(true);
      expect(page.quota).toEqual({ advantage: 2, demonstration: 81 });
      const holders = Object.fromEntries(page.holders.map((h: { id: string }) => [h.id, h]));
      expect(Object.keys(holders).sort()).toEqual([e().gdHolder.id, e().gdHolderLow.id, e().gdReview.id, e().gdDemo.id].sort());
      expect(holders[e().gdDemo.id].judgements.map((j: { purpose: string; line: string }) => `${j.purpose}/${j.line}`)).toEqual(['review/advantage']);
      expect(holders[e().gdHolderLow.id].judgements[0].reachedLine).toBe(false);
      expect(JSON.stringify(page)).not.toContain(e().szApply.name);
    });

    it('When the 广州 city bureau proposes for its enterprise, then it is a proposal the region must confirm; for a 佛山 enterprise it is refused', async () => {
      const proposed = await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().gdHolder.id, purpose: 'assessment', outcome: 'pass' }] }, world.staff.gz);
      expect(proposed.status).toBe(200);
      const holder = proposed.body.holders.find((h: { id: string }) => h.id === e().gdHolder.id);
      expect(holder.judgements[0]).toEqual(expect.objectContaining({ decision: null, proposal: expect.objectContaining({ outcome: 'pass', byRole: 'city', cityCode: '440100' }) }));
      // The city sees its own city only.
      expect(proposed.body.holders.every((h: { cityCode: string }) => h.cityCode === '440100')).toBe(true);
      const foshan = await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().gdReview.id, purpose: 'review', outcome: 'pass' }] }, world.staff.gz);
      expect({ status: foshan.status, code: foshan.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      const list = await put(`/api/reviews/lists?${q()}`, { title: 'advantage', entries: [] }, world.staff.gz);
      expect(list.status).toBe(403);
      const region = (await work(world.staff.gd)).body;
      expect(region.pendingProposals).toBe(1);
    });

    it('When the region passes an enterprise below its line, or fails one without a reason, then each is refused with the rule', async () => {
      const below = await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().gdHolderLow.id, purpose: 'assessment', outcome: 'pass' }] }, world.staff.gd);
      expect({ status: below.status, code: below.body.code, issue: below.body.details.issues[0].code }).toEqual({ status: 422, code: 'REVIEW_DECISION_INVALID', issue: 'BELOW_LINE' });
      const noReason = await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().gdReview.id, purpose: 'review', outcome: 'fail', reason: '  ' }] }, world.staff.gd);
      expect(noReason.body.details.issues[0].code).toBe('REASON_REQUIRED');
      const wrongPurpose = await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().gdPlain.id, purpose: 'assessment', outcome: 'pass' }] }, world.staff.gd);
      expect(wrongPurpose.body.code).toBe('REVIEW_NOT_APPLICABLE');
      const failed = await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().gdReview.id, purpose: 'review', outcome: 'fail', reason: '近三年存在知识产权侵权行为' }] }, world.staff.gd);
      expect(failed.status).toBe(200);
    });

    it('When the region confirms the city’s proposal, then it becomes the decision, by the city, confirmed by the region', async () => {
      const confirmed = await api.post(`/api/reviews/proposals/confirm?${q()}`, { enterpriseIds: [e().gdHolder.id] }, world.staff.gd);
      expect(confirmed.status).toBe(200);
      const judgement = confirmed.body.holders.find((h: { id: string }) => h.id === e().gdHolder.id).judgements[0];
      expect(judgement.proposal).toBeNull();
      expect(judgement.decision).toEqual(expect.objectContaining({ outcome: 'pass', byRole: 'city', cityCode: '440100' }));
      expect(confirmed.body.pendingProposals).toBe(0);
    });
  });

  describe('the recommendation list', () => {
    it('When 广东 ranks its applicants, then 专精特新 come first, the one below the line is not among them and the central SOE takes no place', async () => {
      const page = (await work(world.staff.gd)).body;
      const ranked = page.applicants.advantage.map((a: { id: string; place: number | null; withinQuota: boolean }) => [a.id, a.place, a.withinQuota]);
      const specialFirst = ranked.slice(0, 2).map((r: unknown[]) => r[0]).sort();
      expect(specialFirst).toEqual([e().gdSpecialA.id, e().gdSpecialB.id].sort());
      expect(ranked.find((r: unknown[]) => r[0] === e().gdSoe.id)).toEqual([e().gdSoe.id, null, true]);
      expect(ranked.find((r: unknown[]) => r[0] === e().gdPlain.id)).toEqual([e().gdPlain.id, 3, false]);
      expect(ranked.some((r: unknown[]) => r[0] === e().gdLow.id)).toBe(false);
      expect(page.belowLine.advantage).toBe(1);
    });

    it('When the list is over the quota, names a below-line enterprise or a title holder, then it is refused and nothing changes', async () => {
      const over = await put(`/api/reviews/lists?${q()}`, { title: 'advantage', entries: [e().gdSpecialA, e().gdSpecialB, e().gdPlain].map((x) => ({ enterpriseId: x.id })) }, world.staff.gd);
      expect({ status: over.status, code: over.body.code, issues: over.body.details.issues.map((i: { code: string }) => i.code) }).toEqual({ status: 422, code: 'LIST_INVALID', issues: ['OVER_QUOTA'] });
      const below = await put(`/api/reviews/lists?${q()}`, { title: 'advantage', entries: [{ enterpriseId: e().gdLow.id }] }, world.staff.gd);
      expect(below.body.details.issues.map((i: { code: string }) => i.code)).toEqual(['BELOW_LINE']);
      const holder = await put(`/api/reviews/lists?${q()}`, { title: 'advantage', entries: [{ enterpriseId: e().gdHolder.id }] }, world.staff.gd);
      expect(holder.body.details.issues.map((i: { code: string }) => i.code)).toEqual(['NOT_APPLICANT']);
      expect((await work(world.staff.gd)).body.lists[0].entries).toEqual([]);
    });

    it('When a non-专精特新 enterprise is listed while a 专精特新 one is left out, then the draft is kept with the reason asked for; the central SOE is outside the quota', async () => {
      const saved = await put(`/api/reviews/lists?${q()}`, { title: 'advantage', entries: [{ enterpriseId: e().gdSpecialA.id }, { enterpriseId: e().gdPlain.id }, { enterpriseId: e().gdSoe.id }] }, world.staff.gd);
      expect(saved.status).toBe(200);
      const list = saved.body.lists.find((l: { title: string }) => l.title === 'advantage');
      expect({ placesUsed: list.placesUsed, outsideQuota: list.outsideQuota, leftOut: list.specializedLeftOut }).toEqual({ placesUsed: 2, outsideQuota: 1, leftOut: [e().gdSpecialB.id] });
      expect(list.issues).toEqual([expect.objectContaining({ code: 'PRIORITY_REASON_REQUIRED', enterpriseId: e().gdPlain.id })]);
      expect(saved.body.package.state).toBe('draft');
    });

    it('When the region records its review of an applicant (a score and an opinion), then it shows who and when; a below-line applicant cannot be reviewed', async () => {
      const reviewed = await api.post(`/api/reviews/applicant-reviews?${q()}`, { items: [{ enterpriseId: e().gdSpecialA.id, score: 92.5, opinion: '知识产权管理体系健全' }] }, world.staff.gd);
      expect(reviewed.status).toBe(200);
      expect(reviewed.body.applicants.advantage.find((a: { id: string }) => a.id === e().gdSpecialA.id).review).toEqual(expect.objectContaining({ score: 92.5, opinion: '知识产权管理体系健全', byRole: 'region' }));
      const below = await api.post(`/api/reviews/applicant-reviews?${q()}`, { items: [{ enterpriseId: e().gdLow.id, score: 60, opinion: null }] }, world.staff.gd);
      expect(below.body.code).toBe('REVIEW_NOT_APPLICABLE');
    });
  });

  describe('the package (上报)', () => {
    let digest: string;
    let scanBytes: Buffer;

    it('When 广东 submits with the priority reason, a holder undecided and no summary, then each blocks the submit', async () => {
      const page = (await work(world.staff.gd)).body;
      const refused = await api.post(`/api/reviews/package/submit?${q()}`, { rev: page.rev }, world.staff.gd);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('PACKAGE_INVALID');
      expect(refused.body.details.issues.map((i: { code: string }) => i.code).sort()).toEqual(['PRIORITY_REASON_REQUIRED', 'SUMMARY_REQUIRED', 'UNDECIDED']);
    });

    it('When everything is done and the page it saw is current, then the package is submitted as version 1 and locked', async () => {
      await put(`/api/reviews/lists?${q()}`, { title: 'advantage', entries: [{ enterpriseId: e().gdSpecialA.id }, { enterpriseId: e().gdPlain.id, priorityReason: '专利产业化成效突出，带动就业明显' }, { enterpriseId: e().gdSoe.id }] }, world.staff.gd);
      await put(`/api/reviews/lists?${q()}`, { title: 'demonstration', entries: [{ enterpriseId: e().gdDemo.id }] }, world.staff.gd);
      await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().gdDemo.id, purpose: 'review', outcome: 'pass' }] }, world.staff.gd);
      const page = (await put(`/api/reviews/summary?${q()}`, { summary: '经组织专家评审，推荐名单符合名额与专精特新优先要求。' }, world.staff.gd)).body;
      expect(page.issues).toEqual([]);
      const stale = await api.post(`/api/reviews/package/submit?${q()}`, { rev: page.rev - 1 }, world.staff.gd);
      expect(stale.body.code).toBe('PACKAGE_STALE');
      const submitted = await api.post(`/api/reviews/package/submit?${q()}`, { rev: page.rev }, world.staff.gd);
      expect(submitted.status).toBe(200);
      expect(submitted.body.package).toEqual(expect.objectContaining({ state: 'submitted', version: 1, documentNumber: `粤知推〔2026〕1号-v1` }));
      digest = submitted.body.package.digest;
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      const locked = await put(`/api/reviews/summary?${q()}`, { summary: '改一下' }, world.staff.gd);
      expect({ status: locked.status, code: locked.body.code }).toEqual({ status: 409, code: 'PACKAGE_LOCKED' });
    });

    it('When the package is read back, then its snapshot hashes to the digest, and the PDF prints it on every page with the Chinese intact', async () => {
      const view = (await api.get(`/api/reviews/package?${q()}`, world.staff.gd)).body;
      expect(packageDigest(sameRealm(view.snapshot))).toBe(digest);
      expect(view.snapshot.lists.advantage.map((x: { name: string; place: number | null }) => [x.name, x.place])).toEqual([
        [e().gdSpecialA.name, 1],
        [e().gdPlain.name, 2],
        [e().gdSoe.name, null],
      ]);
      const pdf = await api.get(`/api/reviews/package.pdf?${q()}`, world.staff.gd);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const { pages } = pdfText(pdf.body as Buffer);
      const flat = pages.map((page) => page.replace(/\s+/g, ''));
      expect(flat[0]).toContain('2026年国家知识产权优势企业和示范企业推荐材料');
      expect(flat.join('')).toContain(e().gdSpecialA.name); // 喆堃镕: outside GB2312
      expect(flat.join('')).toContain('专利产业化成效突出');
      expect(flat.join('')).toContain('粤知推〔2026〕1号-v1');
      for (const page of flat) expect(page).toContain(`SHA-256：${digest}`);
      expect(flat.at(-1)).toContain(`第${pages.length}页/共${pages.length}页`);
      const audit = await api.get(`/api/admin/audit?target=440000`, world.staff.national);
      expect(audit.body.events.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['package.submitted', 'package.downloaded']));
    });

    it('When the sealed scan is uploaded, then a PDF or image is stored by its bytes and comes back identical; anything else, or too big, is refused', async () => {
      scanBytes = Buffer.concat([Buffer.from('%PDF-1.4\n% sealed scan\n'), Buffer.alloc(300_000, 7)]);
      const upload = await api.raw('POST', `/api/reviews/package/scans?${q()}`, { raw: scanBytes, token: world.staff.gd, headers: { 'content-type': 'application/pdf' } });
      expect(upload.status).toBe(201);
      expect(upload.body).toEqual(expect.objectContaining({ n: 1, kind: 'pdf', bytes: scanBytes.length, sha256: createHash('sha256').update(scanBytes).digest('hex') }));
      const fake = await api.raw('POST', `/api/reviews/package/scans?${q()}`, { raw: Buffer.from('MZ this is an executable'), token: world.staff.gd, headers: { 'content-type': 'application/pdf' } });
      expect({ status: fake.status, code: fake.body.code }).toEqual({ status: 415, code: 'SCAN_INVALID' });
      const huge = await api.raw('POST', `/api/reviews/package/scans?${q()}`, { raw: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(21 * 1024 * 1024)]), token: world.staff.gd, headers: { 'content-type': 'image/png' } });
      expect({ status: huge.status, code: huge.body.code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
      const back = await api.get(`/api/reviews/package/scan?${q('440000')}`, world.staff.national);
      expect(back.status).toBe(200);
      expect(Buffer.compare(back.body as Buffer, scanBytes)).toBe(0);
      const files = await bff.services.models.results.db.db!.collection('files.files').countDocuments();
      expect(files).toBe(2); // the package PDF and the one accepted scan: refused uploads leave nothing
    });

    it('When the national bureau returns it with a reason, then 广东 may edit again and resubmits version 2, and version 1 stays with its decision', async () => {
      const table = (await api.get(`/api/admin/campaigns/${world.campaignId}/packages`, world.staff.national)).body;
      expect(table.rows.find((r: { regionCode: string }) => r.regionCode === '440000')).toEqual(expect.objectContaining({ state: 'submitted', version: 1, scans: 1, counts: { advantage: 2, demonstration: 1, outsideQuota: 1, reviewPassed: 2 } }));
      expect(table.rows.find((r: { regionCode: string }) => r.regionCode === '440300').state).toBe('not_started');
      const noReason = await api.post(`/api/admin/campaigns/${world.campaignId}/packages/return`, { regionCode: '440000', version: 1, reason: '' }, world.staff.national);
      expect(noReason.status).toBe(400);
      const returned = await api.post(`/api/admin/campaigns/${world.campaignId}/packages/return`, { regionCode: '440000', version: 1, reason: '盖章件与电子版摘要不一致，请核对后重新上报' }, world.staff.national);
      expect(returned.body).toEqual({ state: 'returned', stateLabel: '已退回', version: 1 });
      const again = await api.post(`/api/admin/campaigns/${world.campaignId}/packages/confirm`, { regionCode: '440000', version: 1 }, world.staff.national);
      expect(again.body.code).toBe('PACKAGE_STATE_CONFLICT');

      const page = (await put(`/api/reviews/summary?${q()}`, { summary: '经组织专家评审并核对盖章件，推荐名单符合要求（第二次上报）。' }, world.staff.gd)).body;
      expect(page.package).toEqual(expect.objectContaining({ state: 'returned', returnedReason: '盖章件与电子版摘要不一致，请核对后重新上报' }));
      const resubmitted = await api.post(`/api/reviews/package/submit?${q()}`, { rev: page.rev }, world.staff.gd);
      expect(resubmitted.body.package).toEqual(expect.objectContaining({ state: 'submitted', version: 2, documentNumber: '粤知推〔2026〕1号-v2' }));
      const view = (await api.get(`/api/reviews/package?${q('440000')}`, world.staff.national)).body;
      expect(view.versions.map((v: { version: number; decision: { kind: string } | null }) => [v.version, v.decision?.kind ?? null])).toEqual([
        [1, 'returned'],
        [2, null],
      ]);
      const first = (await api.get(`/api/reviews/package?${q('440000', '&version=1')}`, world.staff.national)).body;
      expect(packageDigest(sameRealm(first.snapshot))).toBe(digest);
      const confirmed = await api.post(`/api/admin/campaigns/${world.campaignId}/packages/confirm`, { regionCode: '440000', version: 2 }, world.staff.national);
      expect(confirmed.body.state).toBe('confirmed');
    });

    it('When 深圳 does its own cycle, then it stays apart from 广东 (its own quota, its own package)', async () => {
      const before = (await work(world.staff.sz)).body;
      expect(before.quota).toEqual({ advantage: 87, demonstration: 25 });
      expect(before.holders.map((h: { id: string }) => h.id)).toEqual([e().szHolder.id]);
      const otherRegion = await api.post(`/api/reviews/decisions?${q('440000')}`, { items: [{ enterpriseId: e().gdHolder.id, purpose: 'assessment', outcome: 'fail', reason: 'x' }] }, world.staff.sz);
      expect(otherRegion.status).toBe(403);
      await api.post(`/api/reviews/decisions?${q()}`, { items: [{ enterpriseId: e().szHolder.id, purpose: 'assessment', outcome: 'pass' }] }, world.staff.sz);
      await put(`/api/reviews/lists?${q()}`, { title: 'advantage', entries: [{ enterpriseId: e().szApply.id }] }, world.staff.sz);
      const page = (await put(`/api/reviews/summary?${q()}`, { summary: '深圳市评审情况。' }, world.staff.sz)).body;
      const submitted = await api.post(`/api/reviews/package/submit?${q()}`, { rev: page.rev }, world.staff.sz);
      expect(submitted.body.package.documentNumber).toBe('深知推〔2026〕1号-v1');
      expect((await api.post(`/api/admin/campaigns/${world.campaignId}/packages/confirm`, { regionCode: '440300', version: 1 }, world.staff.national)).status).toBe(200);
      const table = (await api.get(`/api/admin/campaigns/${world.campaignId}/packages`, world.staff.national)).body;
      expect(table.byState).toEqual(expect.objectContaining({ confirmed: 2, not_started: 35 }));
    });

    it('When the history is read, then every change is there, in order, with who and why, and the log has one event per rev', async () => {
      const history = (await api.get(`/api/reviews/history?${q()}`, world.staff.gd)).body.events;
      const actions = history.map((event: { action: string }) => event.action).reverse();
      expect(actions).toEqual(expect.arrayContaining(['decision.proposed', 'decision.set', 'proposals.confirmed', 'list.changed', 'review.set', 'package.submitted', 'scan.uploaded', 'package.returned', 'package.confirmed']));
      expect(history.find((event: { action: string }) => event.action === 'package.returned').reason).toContain('盖章件');
      const revs = history.map((event: { rev: number }) => event.rev);
      expect(revs).toEqual([...revs].sort((a, b) => b - a));
      expect(new Set(revs).size).toBe(revs.length);
      expect(revs.at(-1)).toBe(1);
    });
  });

  describe('公示 and 认定', () => {
    let startsAt: Date;
    let endsAt: Date;
    const me = async (who: keyof ClosedCampaign['enterprises']) => (await api.get('/api/me', e()[who].token)).body.programme;

    it('When the period is set, then the public page waits for its start; before that the enterprises are told only whether they reached the line', async () => {
      startsAt = new Date(clock.now().getTime() + 10 * MINUTE);
      endsAt = new Date(clock.now().getTime() + 40 * MINUTE);
      const invalid = await put(`/api/admin/campaigns/${world.campaignId}/publicity`, { startsAt: endsAt.toISOString(), endsAt: startsAt.toISOString() }, world.staff.national);
      expect(invalid.body.code).toBe('PUBLICITY_PERIOD_INVALID');
      const set = await put(`/api/admin/campaigns/${world.campaignId}/publicity`, { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }, world.staff.national);
      expect(set.status).toBe(200);
      expect(set.body).toEqual(expect.objectContaining({ phase: 'scheduled', confirmedRegions: 2, listed: expect.objectContaining({ advantage: 4, demonstration: 1, regions: ['440000', '440300'] }) }));
      const early = await api.get(`/api/public/campaigns/${world.campaignId}/publicity`);
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 404, code: 'PUBLICITY_NOT_OPEN' });
      expect(await me('gdLow')).toEqual({ phase: 'scheduled', application: expect.objectContaining({ outcome: 'below_line' }), reviews: [] });
      expect((await me('gdPlain')).application).toBeNull(); // the bureau's list is not the enterprise's business yet
      expect((await me('gdHolder')).reviews).toEqual([]);
    });

    it('When the period opens, then the public page (no login) lists both regions’ proposals per title with masked codes, cached; the enterprises see 公示中 or 未获推荐', async () => {
      clock.pin(new Date(startsAt.getTime() + MINUTE));
      const first = await api.get(`/api/public/campaigns/${world.campaignId}/publicity`);
      expect(first.status).toBe(200);
      // The list was cached by the request before the start (the phase is worked out per request, from the clock).
      expect(first.headers.get('x-cache')).toBe('hit');
      const advantage = first.body.titles.find((t: { title: string }) => t.title === 'advantage');
      expect(advantage.regions.map((r: { regionName: string }) => r.regionName)).toEqual(['广东省', '深圳市']);
      expect(advantage.regions[0].enterprises.map((x: { name: string }) => x.name)).toEqual([e().gdSpecialA.name, e().gdPlain.name, e().gdSoe.name]);
      expect(advantage.regions[0].enterprises[0].uscc).toBe(`${e().gdSpecialA.uscc.slice(0, 8)}*********${e().gdSpecialA.uscc.slice(17)}`);
      expect(JSON.stringify(first.body)).not.toContain(e().gdSpecialA.uscc);
      const second = await api.get(`/api/public/campaigns/${world.campaignId}/publicity`);
      expect(second.headers.get('x-cache')).toBe('hit');
      expect(second.body).toEqual(first.body);
      expect((await me('gdPlain')).application).toEqual(expect.objectContaining({ outcome: 'under_publicity', label: '公示中' }));
      expect((await me('gdSpecialB')).application).toEqual(expect.objectContaining({ outcome: 'not_recommended' }));
    });

    it('When an objection is recorded against one enterprise and upheld, then certification waits for the period and the decision, and leaves that enterprise out', async () => {
      const early = await api.post(`/api/admin/campaigns/${world.campaignId}/publicity/certify`, undefined, world.staff.national);
      expect(early.body.code).toBe('CERTIFY_NOT_READY');
      const recorded = await api.post(
        `/api/admin/campaigns/${world.campaignId}/publicity/objections`,
        { enterpriseId: e().gdPlain.id, from: '某竞争企业（书面来函）', receivedAt: clock.now().toISOString(), content: '反映该企业申报材料中专利数量不实。' },
        world.staff.national,
      );
      expect(recorded.status).toBe(201);
      const objection = recorded.body.objections[0];
      expect(objection).toEqual(expect.objectContaining({ enterpriseName: e().gdPlain.name, outcome: null }));
      clock.pin(new Date(endsAt.getTime() + MINUTE));
      const undecided = await api.post(`/api/admin/campaigns/${world.campaignId}/publicity/certify`, undefined, world.staff.national);
      expect(undecided.body.details).toEqual({ phase: 'ended', undecidedObjections: 1 });
      const decided = await api.post(`/api/admin/campaigns/${world.campaignId}/publicity/objections/decision`, { objectionId: objection.id, outcome: 'upheld', note: '经核查，专利数量与实际不符' }, world.staff.national);
      expect(decided.body.objections[0].outcome).toEqual(expect.objectContaining({ decision: 'upheld' }));
      const twice = await api.post(`/api/admin/campaigns/${world.campaignId}/publicity/objections/decision`, { objectionId: objection.id, outcome: 'dismissed', note: '改主意' }, world.staff.national);
      expect(twice.body.code).toBe('OBJECTION_DECIDED');
      const certified = await api.post(`/api/admin/campaigns/${world.campaignId}/publicity/certify`, undefined, world.staff.national);
      expect(certified.status).toBe(200);
      expect(certified.body.certification).toEqual(expect.objectContaining({ digest: expect.stringMatching(/^[0-9a-f]{64}$/), counts: { advantage: 3, demonstration: 1, reviewPassed: 3 } }));
    });

    it('When certified, then the public page shows the 认定名单 and each enterprise its outcome, 考核/复核 results included', async () => {
      const page = (await api.get(`/api/public/campaigns/${world.campaignId}/publicity`)).body;
      expect(page).toEqual(expect.objectContaining({ phase: 'certified', certified: true }));
      expect(JSON.stringify(page)).not.toContain(e().gdPlain.name);
      expect((await me('gdSpecialA')).application).toEqual(expect.objectContaining({ outcome: 'certified', label: '已认定' }));
      expect((await me('szApply')).application.outcome).toBe('certified');
      expect((await me('gdPlain')).application.outcome).toBe('not_certified');
      expect((await me('gdHolder')).reviews).toEqual([expect.objectContaining({ purpose: 'assessment', outcome: 'pass', label: '优势企业考核通过' })]);
      expect((await me('gdReview')).reviews).toEqual([expect.objectContaining({ purpose: 'review', outcome: 'fail' })]);
      expect((await me('gdDemo')).reviews).toEqual([expect.objectContaining({ purpose: 'review', line: 'advantage', outcome: 'pass' })]);
      expect((await api.get('/api/me', e().gdHolder.token)).body.outcome).toEqual(expect.objectContaining({ passLine: LINES.advantage, passed: true }));
    });

    it('When certified, then the close reached each enterprise’s lasting record (issue 18): the title granted, the review outcome kept', async () => {
      const record = async (name: keyof typeof world.enterprises) => (await api.get(`/api/dashboard/enterprises/${e()[name].id}/record`, world.staff.national)).body.record;
      const applicant = await record('gdSpecialA');
      expect(applicant.titles).toEqual([expect.objectContaining({ title: 'advantage', year: 2026, source: 'granted', origin: 'close', campaignId: world.campaignId })]);
      expect(applicant.participations).toEqual([expect.objectContaining({ year: 2026, track: 'apply_advantage', submitted: true, certified: true, reachedLine: true })]);
      expect((await record('gdPlain')).participations).toEqual([expect.objectContaining({ certified: false })]);
      expect((await record('gdHolder')).participations).toEqual([expect.objectContaining({ track: 'assessment', reviewOutcome: 'pass' })]);
      expect((await record('gdReview')).participations).toEqual([expect.objectContaining({ track: 'review', reviewOutcome: 'fail' })]);
    });

    it('When the national bureau exports, then the Excel and the PDF carry the certified list and the review results', async () => {
      const xlsx = await api.get<Buffer>(`/api/admin/campaigns/${world.campaignId}/publicity.xlsx`, world.staff.national);
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body);
      const sheet = workbook.worksheets[0]!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
      expect(rows[0]).toEqual(['类别', '地区', '序号', '企业名称', '统一社会信用代码', '结果']);
      expect(rows.filter((row) => row[0] === '优势企业认定').map((row) => row[3])).toEqual([e().gdSpecialA.name, e().gdSoe.name, e().szApply.name]);
      expect(rows.some((row) => row[3] === e().gdHolder.name && row[5] === '考核通过')).toBe(true);
      const pdf = await api.get(`/api/admin/campaigns/${world.campaignId}/publicity.pdf`, world.staff.national);
      const text = pdfText(pdf.body as Buffer).pages.join('').replace(/\s+/g, '');
      expect(text).toContain('认定名单');
      expect(text).toContain(e().gdSpecialA.name);
      const audit = await api.get(`/api/admin/audit?campaignId=${world.campaignId}`, world.staff.national);
      expect(audit.body.events.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['publicity.scheduled', 'publicity.objection_recorded', 'publicity.objection_decided', 'publicity.certified', 'publicity.exported']));
    });
  });
});
