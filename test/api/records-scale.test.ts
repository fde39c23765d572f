import { Types } from 'mongoose';
import { defaultQuestionnaire, historyColumns } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { enterpriseRow, staffAccount, testAdmin } from '../helpers/factories';
import { demoUscc } from '../../scripts/demo-data';

/**
 * A close of 2,000 enterprises on FerretDB (issue 18): one scan of the results, one of the
 * records, bulk writes. The figures are printed; the bound is far above them, for a loaded CI.
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

  it('When the campaign is imported against the records and closed, then the close takes seconds, not minutes, and a second one changes nothing', async () => {
    const national = (await staffAccount(bff.services, api, { username: 'scale_nat', displayName: '国家局', password: 'Records2026pw!', role: 'national', regionCode: null, cityCode: null })).token;
    const base = 300_000 + Math.floor(Math.random() * 100_000);
    const uscc = (i: number) => demoUscc('440100', base + i);
    // Half hold a title granted 2022 (imported as history) and take 考核; half apply for advantage.
    const history = [historyColumns.map(([label]) => label).join(','), ...Array.from({ length: N / 2 }, (_, i) => [uscc(i), `规模企业${i}有限公司`, '优势企业', '2022', '认定', ''].join(','))].join('\n');
    const t0 = Date.now();
    const imported = await api.raw('POST', '/api/admin/records/history-imports', { raw: history, token: national, headers: { 'content-type': 'text/csv' } });
    const historyMs = Date.now() - t0;
    expect(imported.body).toEqual(expect.objectContaining({ added: N / 2, created: N / 2, errors: [] }));

    const ref = await bff.services.questionnaires.ensureStored(defaultQuestionnaire);
    const now = Date.now();
    const campaign = await bff.services.campaigns.create({ name: '2024年度规模测试', year: 2024, questionnaire: ref, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString() }, testAdmin, '127.0.0.1');
    const rows = Array.from({ length: N }, (_, i) => enterpriseRow({ uscc: uscc(i), name: `规模企业${i}有限公司`, track: i < N / 2 ? '考核' : '申报优势', titleHeld: i < N / 2 ? '优势企业' : '无' }));
    const t1 = Date.now();
    const report = await bff.services.enterprises.runImport(campaign._id, rows.map((data, i) => ({ row: i + 2, data: data as Record<string, unknown> })), testAdmin, '127.0.0.1', true);
    const importMs = Date.now() - t1;
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
    const t2 = Date.now();
    const risks = await api.get('/api/admin/records/risks?year=2025', national);
    const risksMs = Date.now() - t2;
    console.log(
      `records at ${N} enterprises: history import ${historyMs} ms; enterprise import with track checks ${importMs} ms; ` +
        `close ${first.ms} ms (first), ${again.ms} ms (same outcomes again: skipped), ${forced.ms} ms (forced: every record read and compared); rebuild ${rebuilt.ms} ms; risk list ${risksMs} ms`,
    );
    expect(first).toEqual(expect.objectContaining({ applied: true, enterprises: N }));
    expect(again.applied).toBe(false);
    expect(await bff.services.models.enterpriseRecords.countDocuments({})).toBe(N);
    expect(first.ms).toBeLessThan(60_000);
    expect(risks.status).toBe(200);
  }, 600_000);
});
