import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { importColumns } from '@assess/shared';
import { createCampaign, enterpriseRow, importCsv as csvOf, loginStaff } from '../helpers/factories';

describe('POST /api/admin/campaigns/:id/imports', () => {
  let bff: TestBff;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    bff = await startTestBff();
    api = apiClient(bff.url);
    await bff.services.staff.upsert({ username: 'nat', displayName: '国家局', password: 'National12345', role: 'national' });
    token = await loginStaff(api, 'nat', 'National12345');
  });
  afterAll(async () => {
    await bff.stop();
  });

  const upload = (campaignId: string, body: string, type = 'text/csv', wait = true) =>
    api.raw('POST', `/api/admin/campaigns/${campaignId}/imports${wait ? '?wait=true' : ''}`, { raw: body, token, headers: { 'content-type': type } });

  it('When a file has bad rows, then the good rows are imported and each bad row is reported with row, field and reason', async () => {
    const campaign = await createCampaign(bff.services);
    const good = [enterpriseRow(), enterpriseRow({ region: '深圳市', city: '' }), enterpriseRow({ track: '考核', titleHeld: '优势企业' })];
    const badUscc = enterpriseRow({ uscc: '91440300708461136X' });
    const badRegion = enterpriseRow({ region: '火星' });
    const badTrack = enterpriseRow({ track: '随便' });
    const response = await upload(String(campaign._id), csvOf([good[0]!, badUscc, good[1]!, badRegion, badTrack, good[2]!]));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ state: 'done', total: 6, inserted: 3, updated: 0, unchanged: 0 }));
    expect(response.body.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'uscc' }),
      expect.objectContaining({ row: 5, field: 'region' }),
      expect.objectContaining({ row: 6, field: 'track' }),
    ]);
    for (const error of response.body.errors) expect(error.reason).toMatch(/[\u4e00-\u9fa5]/);
    expect(await bff.services.models.enterprises.countDocuments({ campaignId: campaign._id })).toBe(3);
    expect(await bff.services.models.results.countDocuments({ campaignId: campaign._id })).toBe(3);
  });

  it('When the same file is imported again, then nothing changes', async () => {
    const campaign = await createCampaign(bff.services);
    const file = csvOf([enterpriseRow(), enterpriseRow()]);
    expect((await upload(String(campaign._id), file)).body.inserted).toBe(2);
    const before = await bff.services.models.enterprises.find({ campaignId: campaign._id }).sort({ uscc: 1 }).lean();
    const again = await upload(String(campaign._id), file);
    expect(again.body).toEqual(expect.objectContaining({ inserted: 0, updated: 0, unchanged: 2 }));
    const after = await bff.services.models.enterprises.find({ campaignId: campaign._id }).sort({ uscc: 1 }).lean();
    expect(after).toEqual(before);
  });

  it('When the import runs in the background, then its progress and report can be polled', async () => {
    const campaign = await createCampaign(bff.services);
    const started = await upload(String(campaign._id), csvOf([enterpriseRow(), enterpriseRow()]), 'text/csv', false);
    expect(started.status).toBe(202);
    let report = started.body;
    for (let i = 0; i < 50 && report.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      report = (await api.get(`/api/admin/imports/${started.body.jobId}`, token)).body;
    }
    expect(report).toEqual(expect.objectContaining({ state: 'done', processed: 2, inserted: 2 }));
  });

  it('When the import is JSON (application/json, as the API docs say), then its rows are imported like a CSV, by Chinese header or field name', async () => {
    const campaign = await createCampaign(bff.services);
    const byField = [enterpriseRow(), enterpriseRow({ region: '深圳市', city: '' })];
    const byHeader = Object.fromEntries(importColumns.map(([label, field]) => [label, (enterpriseRow() as Record<string, unknown>)[field] ?? '']));
    const response = await upload(String(campaign._id), JSON.stringify([...byField, byHeader]), 'application/json');
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 200, code: undefined });
    expect(response.body).toEqual(expect.objectContaining({ state: 'done', total: 3, inserted: 3, errors: [] }));
    const stored = await bff.services.models.enterprises.find({ campaignId: campaign._id }).lean();
    expect(stored.map((e) => e.uscc).sort()).toEqual([...byField.map((row) => row.uscc), String(byHeader['统一社会信用代码'])].sort());
    // The { "rows": [...] } form, with a charset parameter, in the background.
    const wrapped = await upload(String(campaign._id), JSON.stringify({ rows: [enterpriseRow()] }), 'application/json; charset=utf-8', false);
    expect(wrapped.status).toBe(202);
  });

  it('When a JSON import is malformed, then 400 FILE_INVALID with the reason (not the body parser\'s MALFORMED_JSON)', async () => {
    const campaign = await createCampaign(bff.services);
    const response = await upload(String(campaign._id), '[{"uscc": ', 'application/json');
    expect({ status: response.status, code: response.body.code, message: response.body.message }).toEqual({ status: 400, code: 'FILE_INVALID', message: '文件无法读取：不是有效的 JSON' });
  });

  it('When the file is not CSV, XLSX or JSON, then 415; when it is garbage XLSX, then FILE_INVALID', async () => {
    const campaign = await createCampaign(bff.services);
    expect((await upload(String(campaign._id), 'x', 'text/plain')).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const garbage = await upload(String(campaign._id), 'not a zip', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('FILE_INVALID');
  });

  it('When a region bureau tries to import, then 403', async () => {
    await bff.services.staff.upsert({ username: 'gd', displayName: '广东', password: 'Guangdong12345', role: 'region', regionCode: '440000' });
    const gd = await loginStaff(api, 'gd', 'Guangdong12345');
    const campaign = await createCampaign(bff.services);
    const response = await api.raw('POST', `/api/admin/campaigns/${String(campaign._id)}/imports`, { raw: 'a', token: gd, headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(403);
  });
});
