import ExcelJS from 'exceljs';
import { campaignViewSchema, defaultQuestionnaire, enterpriseDetailSchema, nationalTableSchema, overviewSchema, passLinePreviewSchema, quotaPanelSchema, submitResponseSchema, tablePageSchema } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, bodyOf, type ApiClient } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { completeAnswers } from '../helpers/answers';
import { idempotencyKey, login } from '../helpers/factories';
import { dashboardCast, type CastStaff, type DashboardCast } from '../helpers/dashboardCast';
import { generations } from '../../bff/src/modules/results/cacheKeys';
import { summaryId } from '../../bff/src/modules/results/summaryModel';
import { packRows, unpackRows } from '../../bff/src/modules/results/roster';
import { rosterStore } from '../../bff/src/modules/results/rosters';
import { Types } from 'mongoose';
import { collectionOf } from '../../bff/src/lib/mongo';

/** 国知办函运字〔2023〕572号 附件1, as printed: region code → [优势, 示范]. */
const NOTICE_2023: Record<string, [number, number]> = {
  '110000': [85, 25], '120000': [77, 14], '130000': [111, 19], '140000': [71, 8], '150000': [57, 6], '210000': [103, 19],
  '220000': [96, 18], '230000': [60, 7], '310000': [122, 26], '320000': [130, 71], '330000': [135, 52], '340000': [116, 44],
  '350000': [113, 22], '360000': [114, 20], '370000': [118, 52], '410000': [124, 23], '420000': [105, 31], '430000': [131, 33],
  '440000': [131, 81], '450000': [110, 23], '460000': [89, 6], '500000': [109, 30], '510000': [113, 36], '520000': [69, 6],
  '530000': [113, 14], '540000': [81, 1], '610000': [103, 13], '620000': [73, 10], '630000': [53, 2], '640000': [61, 3],
  '650000': [72, 11], '660000': [37, 3], '210200': [52, 10], '330200': [83, 24], '350200': [50, 7], '370200': [83, 21], '440300': [87, 25],
};

/** The dashboards, read by the cast of test/helpers/dashboardCast.ts (广东's five enterprises, 深圳's one). */
describe('bureau and national dashboards', () => {
  let bff: TestBff;
  let api: ApiClient;
  const clock = new TestClock();
  let campaignId: string;
  let closesAt: Date;
  let tokens: DashboardCast['tokens'];
  let enterprises: DashboardCast['enterprises'];

  beforeAll(async () => {
    bff = await startTestBff({ clock });
    api = apiClient(bff.url);
    ({ campaignId, closesAt, tokens, enterprises } = await dashboardCast(bff, api, new Date(Date.now() + 20 * 60_000)));
  });
  afterAll(() => bff.stop());
  afterEach(() => clock.release());

  const table = (who: CastStaff, params: Record<string, string> = {}) => api.get(`/api/dashboard/enterprises?${new URLSearchParams({ campaignId, pageSize: '100', ...params })}`, tokens[who]);
  const tablePage = async (who: CastStaff, params: Record<string, string> = {}) => bodyOf(await table(who, params), tablePageSchema);
  const overview = async (who: CastStaff) => bodyOf(await api.get(`/api/dashboard/overview?campaignId=${campaignId}`, tokens[who]), overviewSchema);
  const nationalTable = async () => bodyOf(await api.get(`/api/dashboard/regions?campaignId=${campaignId}`, tokens.nat), nationalTableSchema);
  const submit = async (name: keyof DashboardCast['enterprises'], pick: 'high' | 'low') =>
    bodyOf(await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey(), answers: completeAnswers(defaultQuestionnaire, pick) }, await login(api, enterprises[name])), submitResponseSchema, 201);
  const usccsOf = (rows: Array<{ uscc: string }>) => rows.map((row) => row.uscc).sort();
  const usccs = (...names: Array<keyof DashboardCast['enterprises']>) => names.map((name) => enterprises[name].uscc).sort();

  describe('scope', () => {
    it('When 广东 lists its enterprises, then it sees 广东 only and never 深圳', async () => {
      const page = await tablePage('gd');
      expect(page.total).toBe(5);
      expect(page.rows.every((row) => row.regionCode === '440000')).toBe(true);
      expect(page.rows.map((row) => row.uscc)).not.toContain(enterprises.sz.uscc);
    });

    it('When 广东 asks for 深圳 or 北京, or for a 深圳 enterprise, then 403', async () => {
      expect((await table('gd', { region: '440300' })).status).toBe(403);
      expect((await table('gd', { region: '110000' })).status).toBe(403);
      expect((await api.get(`/api/dashboard/enterprises/${enterprises.sz.id}`, tokens.gd)).status).toBe(403);
    });

    it('When the 广州 city bureau lists, then it sees 广州 only; 佛山 is refused', async () => {
      const page = await tablePage('gzc');
      expect(page.total).toBe(4);
      expect(page.rows.every((row) => row.cityName === '广州市')).toBe(true);
      expect((await table('gzc', { city: '440600' })).status).toBe(403);
      expect((await api.get(`/api/dashboard/enterprises/${enterprises.fs.id}`, tokens.gzc)).status).toBe(403);
    });

    it('When 深圳 lists, then it sees its own enterprise', async () => {
      expect((await tablePage('sz')).rows.map((row) => row.uscc)).toEqual([enterprises.sz.uscc]);
    });

    it('When a bureau calls a national endpoint, then 403', async () => {
      expect((await api.get(`/api/dashboard/regions?campaignId=${campaignId}`, tokens.gd)).status).toBe(403);
      expect((await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: { advantage: 60, demonstration: 70 }, token: tokens.gd })).status).toBe(403);
    });
  });

  describe('visibility', () => {
    it('When the window is open, then bureaus see progress but no scores, and cannot sort by score', async () => {
      const open = await overview('gd');
      expect(open.scoresVisible).toBe(false);
      expect(open.totals).toEqual(expect.objectContaining({ enterprises: 5, submitted: 4 }));
      expect(open.distribution).toBeNull();
      expect((await tablePage('gd')).rows.every((row) => row.total === null)).toBe(true);
      const sorted = await table('gd', { sort: 'total' });
      expect(sorted.status).toBe(403);
      expect(sorted.body.code).toBe('RESULTS_HIDDEN');
      const detail = bodyOf(await api.get(`/api/dashboard/enterprises/${enterprises.gz1.id}`, tokens.gd), enterpriseDetailSchema);
      expect(detail.final).toBeNull();
      expect(detail.history[0]!.total).toBeNull();
      // The export says why its score column is empty: in each cell, and in full on a 说明 sheet.
      const exported = await api.get<Buffer>(`/api/dashboard/enterprises.xlsx?campaignId=${campaignId}`, tokens.gd);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported.body);
      const sheet = workbook.worksheets[0]!;
      const scoreColumn = (sheet.getRow(1).values as unknown[]).slice(1).indexOf('最终成绩') + 1;
      expect(scoreColumn).toBeGreaterThan(0);
      for (let row = 2; row <= sheet.rowCount; row += 1) expect(sheet.getRow(row).getCell(scoreColumn).value).toBe('系统关闭后显示');
      expect(String(workbook.getWorksheet('说明')?.getCell('A2').value)).toMatch(/^测评期间不显示成绩/);
    });

    it('When the window is open, then the national bureau already sees the scores', async () => {
      const page = await tablePage('nat', { region: '440000', sort: 'total', order: 'desc' });
      expect(page.rows[0]!.total).toBeGreaterThan(90);
    });

    it('When the window has closed, then bureaus see scores, the distribution and dimension averages, but no pass/fail yet', async () => {
      clock.pin(new Date(closesAt.getTime() + 1000));
      bff.services.campaigns.forget(new Types.ObjectId(campaignId));
      const closed = await overview('gd');
      expect(closed.scoresVisible).toBe(true);
      expect(closed.distribution).toHaveLength(2);
      expect(closed.dimensions!.length).toBeGreaterThanOrEqual(8);
      expect(closed.dimensions![0]!.nationalAverage).not.toBeNull();
      const page = await tablePage('gd', { sort: 'total', order: 'desc' });
      expect(page.rows[0]!.total).toBeGreaterThan(90);
      expect(page.rows[0]!.passed).toBeNull();
    });

    it('When the lines are published, then bureaus see pass/fail and tiers and the quota panel ranks 专精特新 first, central SOEs outside', async () => {
      clock.pin(new Date(closesAt.getTime() + 2000));
      bodyOf(await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: { advantage: 60, demonstration: 70 }, token: tokens.nat }), campaignViewSchema);
      const published = bodyOf(await api.post(`/api/admin/campaigns/${campaignId}/passlines/publish`, undefined, tokens.nat), campaignViewSchema);
      expect(published.passLines.state).toBe('published');

      expect(usccsOf((await tablePage('gd', { pass: 'pass' })).rows)).toEqual(usccs('gz1', 'gz2', 'gzSoe'));
      // Not passing: the low scorer, and the enterprise with no final at all.
      expect(usccsOf((await tablePage('gd', { pass: 'fail' })).rows)).toEqual(usccs('fs', 'gzIdle'));

      const quota = bodyOf(await api.get(`/api/dashboard/quota?campaignId=${campaignId}`, tokens.gd), quotaPanelSchema);
      expect(quota.quota).toEqual({ advantage: 131, demonstration: 81 });
      const advantage = quota.lists.find((list) => list.line === 'advantage')!;
      expect(advantage.ranked.map((r) => r.uscc)).toEqual([enterprises.gz1.uscc]);
      expect(advantage.outsideQuota.map((r) => r.uscc)).toEqual([enterprises.gzSoe.uscc]);

      const again = await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: { advantage: 50, demonstration: 70 }, token: tokens.nat });
      expect(again.body.code).toBe('PASSLINES_PUBLISHED');
    });
  });

  describe('national views', () => {
    it('When the national bureau opens the region table, then 37 regions in order with the notice quotas and live counts', async () => {
      const national = await nationalTable();
      expect(national.rows).toHaveLength(37);
      expect(national.rows[0]!.regionName).toBe('北京市');
      expect(national.rows.at(-1)!.regionName).toBe('深圳市');
      const gd = national.rows.find((r) => r.regionCode === '440000');
      expect(gd).toEqual(expect.objectContaining({ enterprises: 5, submitted: 4, started: 4 }));
      expect(national.rows.find((r) => r.regionCode === '440300')!.submitted).toBe(1);
      expect(national.totals.quota).toEqual({ advantage: 3437, demonstration: 816 });
      await bff.services.summaries.compactOnce();
      expect((await nationalTable()).rows).toEqual(national.rows);
    });

    it('When the pass-line tool moves the lines, then per-region pass counts follow', async () => {
      const preview = async (lines: { advantage: number; demonstration: number }) => bodyOf(await api.post(`/api/admin/campaigns/${campaignId}/passlines/preview`, lines, tokens.nat), passLinePreviewSchema);
      const gd = (body: { regions: Array<{ regionCode: string; passes: { advantage: number } }> }) => body.regions.find((r) => r.regionCode === '440000')!.passes.advantage;
      expect(gd(await preview({ advantage: 104, demonstration: 104 }))).toBe(0);
      expect(gd(await preview({ advantage: 0, demonstration: 0 }))).toBe(3);
    });

    it('When each region quota panel is read, then its quotas equal the 2023 notice', async () => {
      for (const [regionCode, [advantage, demonstration]] of Object.entries(NOTICE_2023)) {
        const quota = bodyOf(await api.get(`/api/dashboard/quota?campaignId=${campaignId}&region=${regionCode}`, tokens.nat), quotaPanelSchema);
        expect({ regionCode, ...quota.quota }).toEqual({ regionCode, advantage, demonstration });
      }
    });
  });

  describe('GET /api/dashboard/enterprises.xlsx', () => {
    it('When 广东 exports its filter, then the workbook has the Chinese headers and exactly its rows', async () => {
      const response = await api.get<Buffer>(`/api/dashboard/enterprises.xlsx?campaignId=${campaignId}`, tokens.gd);
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body);
      const sheet = workbook.worksheets[0]!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(headers).toEqual(expect.arrayContaining(['统一社会信用代码', '企业名称', '地市', '参加类型', '最终成绩', '是否合格']));
      const exported: string[] = [];
      sheet.eachRow((row, index) => {
        if (index > 1) exported.push(String(row.getCell(1).value));
      });
      expect(exported.sort()).toEqual(usccs('gz1', 'gz2', 'fs', 'gzSoe', 'gzIdle'));
    });
  });

  describe('region rosters', () => {
    const uncached = async <T>(read: () => Promise<T>): Promise<T> => {
      await bff.services.cache.invalidate(generations.region(campaignId, '440000'));
      return read();
    };
    const gdViews = () => Promise.all([tablePage('gd'), overview('gd')]).then(([t, o]) => ({ table: t, overview: o }));
    const rosters = () => collectionOf(bff.services.models.regionRosters);
    const rosterDoc = () => rosters().findOne({ _id: summaryId(campaignId, '440000') });
    const deltas = () => collectionOf(bff.services.models.summaryDeltas);
    const rosterOf = (recentLimit: number) => rosterStore({ rosters: bff.services.models.regionRosters, results: bff.services.models.results, clock: bff.services.clock, recentLimit });

    it('When the compactor folds the pending rows, then the region reads the same as before the fold', async () => {
      await submit('gz1', 'low');
      const pending = await uncached(gdViews);
      expect(pending.table.rows.find((r) => r.id === enterprises.gz1.id)!.attempts).toBe(3);
      expect(await deltas().countDocuments({ row: { $exists: true } })).toBeGreaterThan(0);
      await bff.services.summaries.compactOnce();
      expect(await deltas().countDocuments({})).toBe(0);
      const folded = await uncached(gdViews);
      expect(folded.table).toEqual(pending.table);
      expect(folded.overview).toEqual(pending.overview);
      expect(await unpackRows((await rosterDoc())!.rows)).toHaveLength(5);
    });

    it('When a compaction stopped after counting a batch but before deleting it, then the next run still folds its rows, and counts once', async () => {
      await bff.services.summaries.compactOnce();
      await submit('gz2', 'low');
      const exact = await uncached(gdViews);
      const national = await nationalTable();
      // The state a run leaves when it stops right after the summary update: batch marked and counted.
      await deltas().updateMany({}, { $set: { batch: 'stopped-run' } });
      for (const delta of await deltas().find({}).toArray()) {
        const inc = Object.fromEntries(delta.inc.map(({ p, v }) => [p, v]));
        await collectionOf(bff.services.models.regionSummaries).updateOne({ _id: delta.summaryId }, { $inc: inc, $set: { lastBatch: 'stopped-run' } });
      }
      await bff.services.summaries.compactOnce();
      expect(await deltas().countDocuments({})).toBe(0);
      const resumed = await uncached(gdViews);
      expect(resumed.table).toEqual(exact.table);
      expect(resumed.table.rows.find((r) => r.id === enterprises.gz2.id)!.attempts).toBe(2);
      expect(await nationalTable()).toEqual(national);
    });

    it('When the recent rows pass their limit, then a fold merges them into the base and the region reads the same', async () => {
      await bff.services.summaries.compactOnce();
      const before = await uncached(() => tablePage('gd'));
      const doc = (await rosterDoc())!;
      const rows = [...(await bff.services.summaries.rosterRows(doc.campaignId, '440000'))];
      const bumped = rows.map((row) => ({ ...row, rev: row.rev + 1 }));
      await rosterOf(0).fold(doc.campaignId, '440000', []);
      expect(await unpackRows((await rosterDoc())!.recent!)).toHaveLength(0);
      await rosterOf(2).fold(doc.campaignId, '440000', bumped.slice(0, 2));
      expect(await unpackRows((await rosterDoc())!.recent!)).toHaveLength(2);
      await rosterOf(2).fold(doc.campaignId, '440000', bumped.slice(2));
      const merged = (await rosterDoc())!;
      expect(await unpackRows(merged.recent!)).toHaveLength(0);
      expect((await unpackRows(merged.rows)).map((row) => row.rev).sort()).toEqual(bumped.map((row) => row.rev).sort());
      expect(await uncached(() => tablePage('gd'))).toEqual(before);
    });

    it('When a region has no roster (a database from before rosters), then the first read builds it from the results', async () => {
      await bff.services.summaries.compactOnce();
      const before = await uncached(() => tablePage('gd'));
      await rosters().deleteOne({ _id: summaryId(campaignId, '440000') });
      expect(await uncached(() => tablePage('gd'))).toEqual(before);
      expect(await rosterDoc()).not.toBeNull();
    });

    it('When the results are rebuilt, then the rosters are rewritten from them and read the same', async () => {
      const before = await uncached(() => tablePage('gd'));
      await rosters().updateOne({ _id: summaryId(campaignId, '440000') }, { $set: { rows: await packRows([]), recent: null } });
      expect((await uncached(() => tablePage('gd'))).total).toBe(0);
      await bff.services.results.rebuildCampaign(new Types.ObjectId(campaignId));
      expect(await uncached(() => tablePage('gd'))).toEqual(before);
    });
  });

  describe('cache', () => {
    it('When a table page is asked twice, then the second comes from the cache; a submit invalidates it', async () => {
      const first = await table('sz');
      const second = await table('sz');
      expect(first.headers.get('x-cache')).toBe('miss');
      expect(second.headers.get('x-cache')).toBe('hit');
      expect(second.body).toEqual(first.body);
      await submit('sz', 'low');
      const third = await table('sz');
      expect(third.headers.get('x-cache')).toBe('miss');
      expect(bodyOf(third, tablePageSchema).rows[0]!.attempts).toBe(2);
    });
  });
});
