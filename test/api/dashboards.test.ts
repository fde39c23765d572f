import ExcelJS from 'exceljs';
import { defaultQuestionnaire } from '@assess/shared';
import { startTestBff, deleteRedisPrefix, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login, type TestEnterprise } from '../helpers/factories';
import { generations } from '../../bff/src/modules/results/cacheKeys';
import { summaryId } from '../../bff/src/modules/results/summaryModel';
import { packRows, unpackRows } from '../../bff/src/modules/results/roster';
import { rosterStore } from '../../bff/src/modules/results/rosters';
import type { Binary } from 'mongodb';

/** 国知办函运字〔2023〕572号 附件1, as printed: region code → [优势, 示范]. */
const NOTICE_2023: Record<string, [number, number]> = {
  '110000': [85, 25], '120000': [77, 14], '130000': [111, 19], '140000': [71, 8], '150000': [57, 6], '210000': [103, 19],
  '220000': [96, 18], '230000': [60, 7], '310000': [122, 26], '320000': [130, 71], '330000': [135, 52], '340000': [116, 44],
  '350000': [113, 22], '360000': [114, 20], '370000': [118, 52], '410000': [124, 23], '420000': [105, 31], '430000': [131, 33],
  '440000': [131, 81], '450000': [110, 23], '460000': [89, 6], '500000': [109, 30], '510000': [113, 36], '520000': [69, 6],
  '530000': [113, 14], '540000': [81, 1], '610000': [103, 13], '620000': [73, 10], '630000': [53, 2], '640000': [61, 3],
  '650000': [72, 11], '660000': [37, 3], '210200': [52, 10], '330200': [83, 24], '350200': [50, 7], '370200': [83, 21], '440300': [87, 25],
};

describe('bureau and national dashboards', () => {
  let bff: TestBff;
  let api: ApiClient;
  const clock = new TestClock();
  let campaignId: string;
  let closesAt: Date;
  const tokens: Record<string, string> = {};
  const enterprises: Record<string, TestEnterprise> = {};

  beforeAll(async () => {
    bff = await startTestBff({ clock });
    api = apiClient(bff.url);
    closesAt = new Date(Date.now() + 20 * 60_000);
    const campaign = await createCampaign(bff.services, { closesAt });
    campaignId = String(campaign._id);
    const rows = {
      gz1: enterpriseRow({ region: '广东省', city: '广州市', specialized: '是' }),
      gz2: enterpriseRow({ region: '广东省', city: '广州市', track: '申报示范', titleHeld: '优势企业' }),
      fs: enterpriseRow({ region: '广东省', city: '佛山市' }),
      gzSoe: enterpriseRow({ region: '广东省', city: '广州市', centralSoe: '是' }),
      sz: enterpriseRow({ region: '深圳市', city: '' }),
      bj: enterpriseRow({ region: '北京市', city: '' }),
    };
    const created = await createEnterprises(bff.services, campaign._id, Object.values(rows));
    Object.keys(rows).forEach((name, i) => (enterprises[name] = created[i]!));
    for (const [username, role, regionCode, cityCode] of [
      ['nat', 'national', null, null],
      ['gd', 'region', '440000', null],
      ['sz', 'region', '440300', null],
      ['gzc', 'city', '440000', '440100'],
    ] as const) {
      await bff.services.staff.upsert({ username, displayName: username, password: 'Password12345', role, regionCode, cityCode });
      tokens[username] = (await api.post('/api/auth/staff/login', { username, password: 'Password12345' })).body.token;
    }
    const submit = async (name: string, pick: 'high' | 'low') => {
      const token = await login(api, enterprises[name]!);
      const response = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey(), answers: completeAnswers(defaultQuestionnaire, pick) }, token);
      expect(response.status).toBe(201);
    };
    await submit('gz1', 'high');
    await submit('gz2', 'high');
    await submit('fs', 'low');
    await submit('gzSoe', 'high');
    await submit('sz', 'high');
  });
  afterAll(async () => {
    await bff.stop();
    await deleteRedisPrefix(process.env.TEST_REDIS_URL!, bff.config.redis.keyPrefix);
  });
  afterEach(() => clock.release());

  const table = (who: string, params: Record<string, string> = {}) => api.get(`/api/dashboard/enterprises?${new URLSearchParams({ campaignId, pageSize: '100', ...params })}`, tokens[who]);

  describe('scope', () => {
    it('When 广东 lists its enterprises, then it sees 广东 only and never 深圳', async () => {
      const page = await table('gd');
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(4);
      expect(page.body.rows.every((row: { regionCode: string }) => row.regionCode === '440000')).toBe(true);
      expect(page.body.rows.map((row: { uscc: string }) => row.uscc)).not.toContain(enterprises.sz!.uscc);
    });

    it('When 广东 asks for 深圳 or 北京, or for a 深圳 enterprise, then 403', async () => {
      expect((await table('gd', { region: '440300' })).status).toBe(403);
      expect((await table('gd', { region: '110000' })).status).toBe(403);
      expect((await api.get(`/api/dashboard/enterprises/${enterprises.sz!.id}`, tokens.gd)).status).toBe(403);
    });

    it('When the 广州 city bureau lists, then it sees 广州 only; 佛山 is refused', async () => {
      const page = await table('gzc');
      expect(page.body.total).toBe(3);
      expect(page.body.rows.every((row: { cityName: string }) => row.cityName === '广州市')).toBe(true);
      expect((await table('gzc', { city: '440600' })).status).toBe(403);
      expect((await api.get(`/api/dashboard/enterprises/${enterprises.fs!.id}`, tokens.gzc)).status).toBe(403);
    });

    it('When 深圳 lists, then it sees its own enterprise', async () => {
      const page = await table('sz');
      expect(page.body.rows.map((row: { uscc: string }) => row.uscc)).toEqual([enterprises.sz!.uscc]);
    });

    it('When a bureau calls a national endpoint, then 403', async () => {
      expect((await api.get(`/api/dashboard/regions?campaignId=${campaignId}`, tokens.gd)).status).toBe(403);
      expect((await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: { advantage: 60, demonstration: 70 }, token: tokens.gd })).status).toBe(403);
    });
  });

  describe('visibility', () => {
    it('When the window is open, then bureaus see progress but no scores, and cannot sort by score', async () => {
      const overview = await api.get(`/api/dashboard/overview?campaignId=${campaignId}`, tokens.gd);
      expect(overview.status).toBe(200);
      expect(overview.body.scoresVisible).toBe(false);
      expect(overview.body.totals).toEqual(expect.objectContaining({ enterprises: 4, submitted: 4 }));
      expect(overview.body.distribution).toBeNull();
      const page = await table('gd');
      expect(page.body.rows.every((row: { total: number | null }) => row.total === null)).toBe(true);
      const sorted = await table('gd', { sort: 'total' });
      expect(sorted.status).toBe(403);
      expect(sorted.body.code).toBe('RESULTS_HIDDEN');
      const detail = await api.get(`/api/dashboard/enterprises/${enterprises.gz1!.id}`, tokens.gd);
      expect(detail.body.final).toBeNull();
      expect(detail.body.history[0].total).toBeNull();
    });

    it('When the window is open, then the national bureau already sees the scores', async () => {
      const page = await table('nat', { region: '440000', sort: 'total', order: 'desc' });
      expect(page.body.rows[0].total).toBeGreaterThan(90);
    });

    it('When the window has closed, then bureaus see scores, the distribution and dimension averages, but no pass/fail yet', async () => {
      clock.pin(new Date(closesAt.getTime() + 1000));
      bff.services.campaigns.forget(bff.services.models.campaigns.castObject({ _id: campaignId })._id as never);
      const overview = await api.get(`/api/dashboard/overview?campaignId=${campaignId}`, tokens.gd);
      expect(overview.body.scoresVisible).toBe(true);
      expect(overview.body.distribution).toHaveLength(2);
      expect(overview.body.dimensions.length).toBeGreaterThanOrEqual(8);
      expect(overview.body.dimensions[0].nationalAverage).not.toBeNull();
      const page = await table('gd', { sort: 'total', order: 'desc' });
      expect(page.body.rows[0].total).toBeGreaterThan(90);
      expect(page.body.rows[0].passed).toBeNull();
    });

    it('When the lines are published, then bureaus see pass/fail and tiers and the quota panel ranks 专精特新 first, central SOEs outside', async () => {
      clock.pin(new Date(closesAt.getTime() + 2000));
      const set = await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: { advantage: 60, demonstration: 70 }, token: tokens.nat });
      expect(set.status).toBe(200);
      const published = await api.post(`/api/admin/campaigns/${campaignId}/passlines/publish`, undefined, tokens.nat);
      expect(published.status).toBe(200);
      expect(published.body.passLines.state).toBe('published');

      const page = await table('gd', { pass: 'pass' });
      expect(page.status).toBe(200);
      expect(page.body.rows.map((row: { uscc: string }) => row.uscc).sort()).toEqual([enterprises.gz1!.uscc, enterprises.gz2!.uscc, enterprises.gzSoe!.uscc].sort());
      const failing = await table('gd', { pass: 'fail' });
      expect(failing.body.rows.map((row: { uscc: string }) => row.uscc)).toEqual([enterprises.fs!.uscc]);

      const quota = await api.get(`/api/dashboard/quota?campaignId=${campaignId}`, tokens.gd);
      expect(quota.body.quota).toEqual({ advantage: 131, demonstration: 81 });
      const advantage = quota.body.lists.find((list: { line: string }) => list.line === 'advantage');
      expect(advantage.ranked.map((r: { uscc: string }) => r.uscc)).toEqual([enterprises.gz1!.uscc]);
      expect(advantage.outsideQuota.map((r: { uscc: string }) => r.uscc)).toEqual([enterprises.gzSoe!.uscc]);

      const again = await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: { advantage: 50, demonstration: 70 }, token: tokens.nat });
      expect(again.body.code).toBe('PASSLINES_PUBLISHED');
    });
  });

  describe('national views', () => {
    it('When the national bureau opens the region table, then 37 regions in order with the notice quotas and live counts', async () => {
      const national = await api.get(`/api/dashboard/regions?campaignId=${campaignId}`, tokens.nat);
      expect(national.status).toBe(200);
      expect(national.body.rows).toHaveLength(37);
      expect(national.body.rows[0].regionName).toBe('北京市');
      expect(national.body.rows.at(-1).regionName).toBe('深圳市');
      const gd = national.body.rows.find((r: { regionCode: string }) => r.regionCode === '440000');
      expect(gd).toEqual(expect.objectContaining({ enterprises: 4, submitted: 4, started: 4 }));
      expect(national.body.rows.find((r: { regionCode: string }) => r.regionCode === '440300').submitted).toBe(1);
      expect(national.body.totals.quota).toEqual({ advantage: 3437, demonstration: 816 });
      await bff.services.summaries.compactOnce();
      const compacted = await api.get(`/api/dashboard/regions?campaignId=${campaignId}`, tokens.nat);
      expect(compacted.body.rows).toEqual(national.body.rows);
    });

    it('When the pass-line tool moves the lines, then per-region pass counts follow', async () => {
      const strict = await api.post(`/api/admin/campaigns/${campaignId}/passlines/preview`, { advantage: 104, demonstration: 104 }, tokens.nat);
      const lenient = await api.post(`/api/admin/campaigns/${campaignId}/passlines/preview`, { advantage: 0, demonstration: 0 }, tokens.nat);
      const gd = (body: { regions: Array<{ regionCode: string; passes: { advantage: number } }> }) => body.regions.find((r) => r.regionCode === '440000')!.passes.advantage;
      expect(gd(strict.body)).toBe(0);
      expect(gd(lenient.body)).toBe(3);
    });

    it('When each region quota panel is read, then its quotas equal the 2023 notice', async () => {
      for (const [regionCode, [advantage, demonstration]] of Object.entries(NOTICE_2023)) {
        const quota = await api.get(`/api/dashboard/quota?campaignId=${campaignId}&region=${regionCode}`, tokens.nat);
        expect({ regionCode, ...quota.body.quota }).toEqual({ regionCode, advantage, demonstration });
      }
    });
  });

  describe('GET /api/dashboard/enterprises.xlsx', () => {
    it('When 广东 exports its filter, then the workbook has the Chinese headers and exactly its rows', async () => {
      const response = await api.get(`/api/dashboard/enterprises.xlsx?campaignId=${campaignId}`, tokens.gd);
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as never);
      const sheet = workbook.worksheets[0]!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(headers).toEqual(expect.arrayContaining(['统一社会信用代码', '企业名称', '地市', '参加类型', '最终成绩', '是否合格']));
      const usccs: string[] = [];
      sheet.eachRow((row, index) => {
        if (index > 1) usccs.push(String(row.getCell(1).value));
      });
      expect(usccs.sort()).toEqual([enterprises.gz1!.uscc, enterprises.gz2!.uscc, enterprises.fs!.uscc, enterprises.gzSoe!.uscc].sort());
    });
  });

  describe('region rosters', () => {
    const uncached = async <T>(read: () => Promise<T>): Promise<T> => {
      await bff.services.cache.invalidate(generations.region(campaignId, '440000'));
      return read();
    };
    const gdViews = () => Promise.all([table('gd'), api.get(`/api/dashboard/overview?campaignId=${campaignId}`, tokens.gd)]).then(([t, o]) => ({ table: t.body, overview: o.body }));
    const rosterDoc = () => bff.services.models.regionRosters.collection.findOne({ _id: summaryId(campaignId, '440000') as never });

    it('When the compactor folds the pending rows, then the region reads the same as before the fold', async () => {
      const gz = await login(api, enterprises.gz1!);
      expect((await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey(), answers: completeAnswers(defaultQuestionnaire, 'low') }, gz)).status).toBe(201);
      const pending = await uncached(gdViews);
      expect(pending.table.rows.find((r: { id: string }) => r.id === enterprises.gz1!.id).attempts).toBe(2);
      expect(await bff.services.models.summaryDeltas.collection.countDocuments({ row: { $exists: true } })).toBeGreaterThan(0);
      await bff.services.summaries.compactOnce();
      expect(await bff.services.models.summaryDeltas.collection.countDocuments({})).toBe(0);
      const folded = await uncached(gdViews);
      expect(folded.table).toEqual(pending.table);
      expect({ ...folded.overview, cached: null }).toEqual({ ...pending.overview, cached: null });
      expect(await unpackRows((await rosterDoc())!.rows as Binary)).toHaveLength(4);
    });

    it('When a compaction stopped after counting a batch but before deleting it, then the next run still folds its rows, and counts once', async () => {
      await bff.services.summaries.compactOnce();
      const gz = await login(api, enterprises.gz2!);
      expect((await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey(), answers: completeAnswers(defaultQuestionnaire, 'low') }, gz)).status).toBe(201);
      const exact = await uncached(gdViews);
      const national = (await api.get(`/api/dashboard/regions?campaignId=${campaignId}`, tokens.nat)).body;
      // The state a run leaves when it stops right after the summary update: batch marked and counted.
      const deltas = bff.services.models.summaryDeltas.collection;
      await deltas.updateMany({}, { $set: { batch: 'stopped-run' } });
      for (const delta of await deltas.find({}).toArray()) {
        const inc = Object.fromEntries((delta.inc as Array<{ p: string; v: number }>).map(({ p, v }) => [p, v]));
        await bff.services.models.regionSummaries.collection.updateOne({ _id: delta.summaryId as never }, { $inc: inc, $set: { lastBatch: 'stopped-run' } });
      }
      await bff.services.summaries.compactOnce();
      expect(await deltas.countDocuments({})).toBe(0);
      const resumed = await uncached(gdViews);
      expect(resumed.table).toEqual(exact.table);
      expect(resumed.table.rows.find((r: { id: string }) => r.id === enterprises.gz2!.id).attempts).toBe(2);
      expect((await api.get(`/api/dashboard/regions?campaignId=${campaignId}`, tokens.nat)).body).toEqual(national);
    });

    it('When the recent rows pass their limit, then a fold merges them into the base and the region reads the same', async () => {
      await bff.services.summaries.compactOnce();
      const before = await uncached(() => table('gd'));
      const doc = (await rosterDoc())!;
      const rows = [...(await bff.services.summaries.rosterRows(doc.campaignId as never, '440000'))];
      const bumped = rows.map((row) => ({ ...row, rev: row.rev + 1 }));
      await rosterStore({ rosters: bff.services.models.regionRosters, results: bff.services.models.results, clock: bff.services.clock, recentLimit: 0 }).fold(doc.campaignId as never, '440000', []);
      expect(await unpackRows((await rosterDoc())!.recent as Binary)).toHaveLength(0);
      const small = rosterStore({ rosters: bff.services.models.regionRosters, results: bff.services.models.results, clock: bff.services.clock, recentLimit: 2 });
      await small.fold(doc.campaignId as never, '440000', bumped.slice(0, 2));
      expect(await unpackRows((await rosterDoc())!.recent as Binary)).toHaveLength(2);
      await small.fold(doc.campaignId as never, '440000', bumped.slice(2));
      const merged = (await rosterDoc())!;
      expect(await unpackRows(merged.recent as Binary)).toHaveLength(0);
      expect((await unpackRows(merged.rows as Binary)).map((row) => row.rev).sort()).toEqual(bumped.map((row) => row.rev).sort());
      expect((await uncached(() => table('gd'))).body).toEqual(before.body);
    });

    it('When a region has no roster (a database from before rosters), then the first read builds it from the results', async () => {
      await bff.services.summaries.compactOnce();
      const before = await uncached(() => table('gd'));
      await bff.services.models.regionRosters.collection.deleteOne({ _id: summaryId(campaignId, '440000') as never });
      const rebuilt = await uncached(() => table('gd'));
      expect(rebuilt.body).toEqual(before.body);
      expect(await rosterDoc()).not.toBeNull();
    });

    it('When the results are rebuilt, then the rosters are rewritten from them and read the same', async () => {
      const before = await uncached(() => table('gd'));
      await bff.services.models.regionRosters.collection.updateOne({ _id: summaryId(campaignId, '440000') as never }, { $set: { rows: await packRows([]), recent: null } });
      expect((await uncached(() => table('gd'))).body.total).toBe(0);
      await bff.services.results.rebuildCampaign(bff.services.models.campaigns.castObject({ _id: campaignId })._id as never);
      const after = await uncached(() => table('gd'));
      expect(after.body).toEqual(before.body);
    });
  });

  describe('cache', () => {
    it('When a table page is asked twice, then the second comes from the cache; a submit invalidates it', async () => {
      const first = await table('sz');
      const second = await table('sz');
      expect(first.headers.get('x-cache')).toBe('miss');
      expect(second.headers.get('x-cache')).toBe('hit');
      expect(second.body).toEqual(first.body);
      const token = await login(api, enterprises.sz!);
      const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey(), answers: completeAnswers(defaultQuestionnaire, 'low') }, token);
      expect(submitted.status).toBe(201);
      const third = await table('sz');
      expect(third.headers.get('x-cache')).toBe('miss');
      expect(third.body.rows[0].attempts).toBe(2);
    });
  });
});
