import { Types } from 'mongoose';
import { defaultQuestionnaire, historyColumns } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { enterpriseRow, staffAccount, testAdmin } from '../helpers/factories';
import { demoUscc } from '../../scripts/demo-data';

/**
 * A close of 2,000 enterprises on FerretDB (issue 18): one scan of the results, one of the
 * records, bulk writes through the journal in several chunks. What it costs is measured by
 * `npm run bench -- --only records`; this asserts what it does at that size.
 */
const N = 2_000;

describe('closing a 2,000-enterprise campaign into the records', () => {
  let bff: TestBff;
  let api: ApiClient;

  beforeAll(async () => {
    bff = await startTestBff();
    api = apiClient(bff.url);
  }, 120_000);
  afterAll(async () => {
    await bff.stop();
  });

  it('When the campaign is imported against the records and closed, then every record is written once, the same close again changes nothing, and the rebuild and the risk list work at that size', async () => {
    const national = (await staffAccount(bff.services, api, { username: 'scale_nat', displayName: '国家局', password: 'Records2026pw!', role: 'national', regionCode: null, cityCode: null })).token;
    const base = 300_000 + Math.floor(Math.random() * 100_000);
    const uscc = (i: number) => demoUscc('440100', base + i);
    // Half hold a title granted 2022 (imported as history) and take 考核; half apply for advantage.
    const history = [historyColumns.map(([label]) => label).join(','), ...Array.from({ length: N / 2 }, (_, i) => [uscc(i), `规模企业${i}有限公司`, '优势企业', '2022', '认定', ''].join(','))].join('\n');
    const imported = await api.raw('POST', '/api/admin/records/history-imports', { raw: history, token: national, headers: { 'content-type': 'text/csv' } });
    expect(imported.body).toEqual(expect.objectContaining({ added: N / 2, created: N / 2, errors: [] }));

    const ref = await bff.services.questionnaires.ensureStored(defaultQuestionnaire);
    const now = Date.now();
    const campaign = await bff.services.campaigns.create({ name: '2024年度规模测试', year: 2024, questionnaire: ref, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString() }, testAdmin, '127.0.0.1');
    const rows = Array.from({ length: N }, (_, i) => enterpriseRow({ uscc: uscc(i), name: `规模企业${i}有限公司`, track: i < N / 2 ? '考核' : '申报优势', titleHeld: i < N / 2 ? '优势企业' : '无' }));
    const report = await bff.services.enterprises.runImport(campaign._id, rows.map((data, i) => ({ row: i + 2, data: data as Record<string, unknown> })), testAdmin, '127.0.0.1', true);
    expect(report).toEqual(expect.objectContaining({ inserted: N, errors: [], warnings: [] }));

    const ids = await bff.services.models.enterprises.find({ campaignId: campaign._id }, { _id: 1, uscc: 1 }).lean();
    const input = {
      certified: ids.filter((_, i) => i % 4 === 0).map((doc) => ({ enterpriseId: String(doc._id), title: 'advantage' as const })),
      reviews: ids.filter((_, i) => i % 4 === 1).map((doc) => ({ enterpriseId: String(doc._id), purpose: 'assessment' as const, line: 'advantage' as const, outcome: 'pass' as const })),
    };
    const first = await bff.services.records.applyClose(new Types.ObjectId(campaign._id), input, { by: 'bench' });
    const again = await bff.services.records.applyClose(new Types.ObjectId(campaign._id), input, { by: 'bench' });
    const forced = await bff.services.records.applyClose(new Types.ObjectId(campaign._id), input, { by: 'bench', force: true });
    const rebuilt = await bff.services.records.rebuild();
    const risks = await api.get('/api/admin/records/risks?year=2025', national);
    expect(first).toEqual(expect.objectContaining({ applied: true, enterprises: N }));
    expect(again.applied).toBe(false);
    expect(await bff.services.models.enterpriseRecords.countDocuments({})).toBe(N);
    expect(forced).toEqual(expect.objectContaining({ applied: true, enterprises: N }));
    expect(rebuilt.enterprises).toBe(N);
    expect(risks.status).toBe(200);
  }, 600_000);
});
