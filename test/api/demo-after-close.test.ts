import { startTestBff, type TestBff } from '../helpers/bff';
import { seedAfterClose, CLOSED_CAMPAIGN_NAME } from '../../scripts/demo-after-close';
import type { StaffActor } from '../../bff/src/lib/route';
import { createCampaign } from '../helpers/factories';

/** The demo's closed campaign (npm start): seeded through the services, in the states README promises, and idempotent. */
describe('the demo campaign after its close', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff();
    for (const [username, role, regionCode, cityCode] of [
      ['admin', 'national', null, null],
      ['guangdong', 'region', '440000', null],
      ['shenzhen', 'region', '440300', null],
      ['guangzhou', 'city', '440000', '440100'],
    ] as const) {
      await bff.services.staff.upsert({ username, displayName: username, password: 'DemoAfterClose2026', role, regionCode, cityCode });
    }
  }, 60_000);
  afterAll(async () => {
    await bff.stop();
  });

  it('When seeded (twice), then 深圳 is confirmed, 北京 submitted, 广东 in draft with a 广州 proposal and a list that still needs its reason', async () => {
    const lines = await seedAfterClose(bff.services);
    expect(lines.join('\n')).toContain(CLOSED_CAMPAIGN_NAME);
    await seedAfterClose(bff.services);
    const campaigns = (await bff.services.campaigns.list()).filter((c) => c.name === CLOSED_CAMPAIGN_NAME);
    expect(campaigns).toHaveLength(1);
    const campaign = campaigns[0]!;
    expect(campaign.passLines.state).toBe('published');
    const table = await bff.services.reviews.packagesTable(campaign._id);
    const state = (code: string) => table.rows.find((row) => row.regionCode === code)!.state;
    expect([state('440300'), state('110000'), state('440000')]).toEqual(['confirmed', 'submitted', 'draft']);
    const guangdong: StaffActor = { kind: 'staff', staffId: 'check', role: 'region', region: '440000', city: null };
    const page = await bff.services.reviews.work(guangdong, { campaignId: String(campaign._id) });
    expect(page.open).toBe(true);
    expect(page.pendingProposals).toBe(1);
    expect(page.issues.map((issue) => issue.code)).toEqual(expect.arrayContaining(['PRIORITY_REASON_REQUIRED', 'PROPOSALS_PENDING', 'UNDECIDED', 'SUMMARY_REQUIRED']));
    expect(page.belowLine.advantage).toBe(1);
    expect(page.applicants.advantage.find((a) => a.name === '中电（广州）电网装备有限公司')?.place).toBeNull();
    // 示范 evidence (issue 17): the default checklist, and one 申报示范 enterprise with two of its items uploaded.
    const checklist = await bff.services.evidence.checklist(campaign._id);
    expect(checklist.items.length).toBeGreaterThan(3);
    const sets = await bff.services.evidence.listSets(guangdong, { campaignId: String(campaign._id) });
    expect(sets.rows).toEqual([expect.objectContaining({ name: '广州南沙海洋装备有限公司', state: 'open', complete: 2 })]);
    // The open demo campaign (seeded before it on a fresh start) stays the newest: the PC login by USCC looks there.
    const open = await createCampaign(bff.services);
    expect(String((await bff.services.campaigns.latest())?._id)).toBe(String(open._id));
  }, 120_000);
});
