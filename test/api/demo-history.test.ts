import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultQuestionnaire } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { createCampaign, testAdmin } from '../helpers/factories';
import { historyCampaignName, historyUscc, seedHistory } from '../../scripts/demo-history';

/** The demo's history (npm start): three certified years whose enterprises show each flag in the current campaign; idempotent. */
describe('the demo history across the years', () => {
  let bff: TestBff;
  const keyFile = path.join(os.tmpdir(), `demo-history-keys-${process.pid}.json`);
  beforeAll(async () => {
    bff = await startTestBff();
  }, 60_000);
  afterAll(async () => {
    fs.rmSync(keyFile, { force: true });
    await bff.stop();
  });

  it('When seeded (twice), then each flag shows on its enterprise and the risk list names the lapsed and the grace titles', async () => {
    const ref = await bff.services.questionnaires.ensureStored(defaultQuestionnaire);
    const now = Date.now();
    // The demo's 2025 campaign (closed, not yet certified) and its open 2026 one.
    await bff.services.campaigns.create({ name: '2025 演示', year: 2025, questionnaire: ref, opensAt: new Date(now - 60 * 86_400_000).toISOString(), closesAt: new Date(now - 30 * 86_400_000).toISOString() }, testAdmin, '127.0.0.1');
    const current = await createCampaign(bff.services);
    const lines = await seedHistory(bff.services, current._id, keyFile);
    expect(lines.join('\n')).toContain('广州连续未考核科技有限公司');
    await seedHistory(bff.services, current._id, keyFile);
    expect((await bff.services.campaigns.list()).filter((c) => c.name === historyCampaignName(2023))).toHaveLength(1);

    const flags = async (who: Parameters<typeof historyUscc>[0], year = 2026) => (await bff.services.records.recordOf(historyUscc(who), year))?.standing.flags.map((f) => f.flag);
    expect(await flags('lost')).toEqual(['review_eligibility_lost', 'review_due']);
    expect(await flags('grace')).toEqual(['in_review_grace', 'review_due']);
    expect(await flags('reviewDue')).toEqual(['review_due']);
    expect(await flags('assessmentDue')).toEqual(['assessment_due']);
    expect(await flags('failed', 2023)).toEqual(['in_review_grace', 'review_due']);
    const inCurrent = await bff.services.models.enterprises.countDocuments({ campaignId: current._id });
    expect(inCurrent).toBe(4);
    const risks = await bff.services.records.risks();
    expect(risks.year).toBe(2026);
    expect(risks.rows.map((r) => [r.name, r.lapses])).toEqual([
      ['广州连续未考核科技有限公司', true],
      ['佛山再次复核装备有限公司', false],
    ]);
  }, 300_000);
});
