import { Types } from 'mongoose';
import ExcelJS from 'exceljs';
import { defaultQuestionnaire, historyColumns, type EnterpriseImportRow } from '@assess/shared';
import type { ClosingInput } from '../../bff/src/modules/records/service';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { completeAnswers } from '../helpers/answers';
import { enterpriseRow, idempotencyKey, importCsv, login, staffAccount, testAdmin } from '../helpers/factories';
import { demoUscc } from '../../scripts/demo-data';

/**
 * Issue 18 on real FerretDB and Redis: one database, three campaigns (2022, 2023, 2024), the same
 * enterprises across them. Historical titles are imported once; each year's enterprise import is
 * checked against the records (errors, warnings, the national bureau's override); each close
 * (the certified outcomes) updates the records; the flags and the national risk list follow from
 * them; and the rebuild gives the same records again.
 */

const serial = 800_000 + Math.floor(Math.random() * 90_000);
const uscc = (n: number) => demoUscc('440100', serial + n);

/** The cast, by USCC (the same enterprise in every year). */
const E = {
  /** Advantage title granted 2022: misses 考核 in 2023 and in 2024 (its 2024 row is a 复核, accepted by override) → loses 复核 eligibility going into 2025. */
  missed: { uscc: uscc(1), name: '广州连续未考核科技有限公司' },
  /** Granted 2018: fails 复核 in 2022, so is reviewed again in 2023 (grace), passes, then takes 考核 in 2024. */
  failed: { uscc: uscc(2), name: '广州复核未过再审有限公司' },
  /** Granted 2019, not in 2022: in 2023 in the 复核 scope and may apply for demonstration; certified as demonstration. */
  granted2019: { uscc: uscc(3), name: '广州二〇一九认定示范有限公司' },
  /** A newcomer: applies for advantage in 2022 and is certified; takes 考核 in 2023 and 2024. */
  newcomer: { uscc: uscc(4), name: '广州新认定优势有限公司' },
  /** No history; its 2023 row says 考核 with 认定年份 2019: refused (复核 is due). */
  stated2019: { uscc: uscc(5), name: '广州填写认定年份有限公司' },
} as const;
type Cast = keyof typeof E;

describe('one enterprise across the years: records, the import checks and the rules', () => {
  let bff: TestBff;
  let api: ApiClient;
  let national: string;
  const campaigns: Record<number, string> = {};
  /** enterprise id per year and cast member */
  const ids: Record<number, Partial<Record<Cast, string>>> = {};
  const reports: Record<number, { errors: Array<{ row: number; field: string; reason: string }>; warnings: Array<{ row: number; field: string; reason: string; code: string }> }> = {};

  const upload = (campaignId: string, rows: EnterpriseImportRow[]) =>
    api.raw('POST', `/api/admin/campaigns/${campaignId}/imports?wait=true`, { raw: importCsv(rows), token: national, headers: { 'content-type': 'text/csv' } });
  const row = (who: Cast, track: string, titleHeld: string, extra: Partial<EnterpriseImportRow> = {}) => enterpriseRow({ uscc: E[who].uscc, name: E[who].name, track, titleHeld, ...extra });

  async function campaignOf(year: number): Promise<string> {
    const ref = await bff.services.questionnaires.ensureStored(defaultQuestionnaire);
    const now = bff.services.clock.now().getTime();
    const created = await bff.services.campaigns.create(
      { name: `${year}年度测评（记录测试）`, year, questionnaire: ref, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString() },
      testAdmin,
      '127.0.0.1',
    );
    campaigns[year] = String(created._id);
    return String(created._id);
  }

  /** Imports a year's rows over HTTP, submits for those that take part, and keeps the report. */
  async function runYear(year: number, rows: Array<[Cast, EnterpriseImportRow]>, takesPart: Cast[]): Promise<void> {
    const campaignId = await campaignOf(year);
    const response = await upload(campaignId, rows.map(([, r]) => r));
    expect(response.status).toBe(200);
    reports[year] = { errors: response.body.errors, warnings: response.body.warnings };
    ids[year] = {};
    for (const [who] of rows) {
      const doc = await bff.services.enterprises.inCampaign(new Types.ObjectId(campaignId), E[who].uscc);
      if (doc) ids[year]![who] = String(doc._id);
    }
    for (const who of takesPart) {
      const id = ids[year]![who]!;
      const doc = await bff.services.enterprises.loadEnterprise(new Types.ObjectId(id));
      const { key } = await bff.services.enterprises.resetKey(doc._id, testAdmin, '127.0.0.1');
      const token = await login(api, { id, uscc: doc.uscc, sceneToken: doc.sceneToken, key });
      const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('rec'), answers: completeAnswers(defaultQuestionnaire, 'high') }, token);
      expect(submitted.status).toBe(201);
    }
  }

  /** The close of a year: what its 认定 certified (applied through the records service, as publicity's certify does). */
  async function close(year: number, input: { certified?: Array<[Cast, 'advantage' | 'demonstration']>; reviews?: Array<[Cast, 'assessment' | 'review', 'pass' | 'fail']> }) {
    const id = (who: Cast) => ids[year]![who]!;
    const closing: ClosingInput = {
      certified: (input.certified ?? []).map(([who, title]) => ({ enterpriseId: id(who), title })),
      reviews: (input.reviews ?? []).map(([who, purpose, outcome]) => ({ enterpriseId: id(who), purpose, line: 'advantage' as const, outcome })),
    };
    return bff.services.records.applyClose(new Types.ObjectId(campaigns[year]!), closing, { by: 'test-admin' });
  }

  const recordOf = async (year: number, who: Cast) => {
    const response = await api.get(`/api/dashboard/enterprises/${ids[year]![who]}/record`, national);
    expect(response.status).toBe(200);
    return response.body;
  };
  const flagsOf = (page: { record: { standing: { flags: Array<{ flag: string }> } } | null }) => page.record?.standing.flags.map((f) => f.flag);

  beforeAll(async () => {
    bff = await startTestBff();
    api = apiClient(bff.url);
    national = (await staffAccount(bff.services, api, { username: 'rec_nat', displayName: '国家局', password: 'Records2026pw!', role: 'national', regionCode: null, cityCode: null })).token;

    // The one-time import of historical titles: 2018 and 2019 grants, and one of 2022 (granted before this system's first close).
    const lines = [
      historyColumns.map(([label]) => label).join(','),
      [E.failed.uscc, E.failed.name, '优势企业', '2018', '认定', '2018 年认定'].join(','),
      [E.granted2019.uscc, E.granted2019.name, '优势企业', '2019', '认定', ''].join(','),
      [E.missed.uscc, E.missed.name, '优势企业', '2022', '认定', ''].join(','),
      ['91440300708461136X', '校验位错误公司', '优势企业', '2019', '认定', ''].join(','),
      [uscc(9), '来源写错公司', '优势企业', '2019', '评上了', ''].join(','),
    ].join('\n');
    const history = await api.raw('POST', '/api/admin/records/history-imports', { raw: lines, token: national, headers: { 'content-type': 'text/csv' } });
    expect(history.status).toBe(200);
    expect(history.body).toEqual(expect.objectContaining({ total: 5, added: 3, unchanged: 0, created: 3 }));
    expect(history.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [5, 'uscc'],
      [6, 'source'],
    ]);

    // 2022: the failed 复核 (takes part, fails), the newcomer applies (certified); granted2019 is absent.
    await runYear(2022, [['failed', row('failed', '复核', '优势企业')], ['newcomer', row('newcomer', '申报优势', '无')]], ['failed', 'newcomer']);
    await close(2022, { certified: [['newcomer', 'advantage']], reviews: [['failed', 'review', 'fail']] });
  }, 240_000);

  afterAll(async () => {
    await bff.stop();
  });

  it('When the same history file is imported again, then nothing is added', async () => {
    const lines = [historyColumns.map(([label]) => label).join(','), [E.failed.uscc, E.failed.name, '优势企业', '2018', '认定', ''].join(',')].join('\n');
    const again = await api.raw('POST', '/api/admin/records/history-imports', { raw: lines, token: national, headers: { 'content-type': 'text/csv' } });
    expect(again.body).toEqual(expect.objectContaining({ total: 1, added: 0, unchanged: 1, created: 0, errors: [] }));
  });

  it('When a campaign carries no year rules, then it answers its year’s defaults; a PUT past its year is refused, a valid one is audited', async () => {
    const rules = await api.get(`/api/campaigns/${campaigns[2022]}/year-rules`, national);
    expect(rules.body).toEqual(expect.objectContaining({ isDefault: true, rules: { year: 2022, reviewCycleUpTo: 2019, assessmentCycleYears: [], demonstrationGrantedUpTo: 2019 } }));
    const wrong = await api.raw('PUT', `/api/campaigns/${campaigns[2022]}/year-rules`, { body: { reviewCycleUpTo: 2022, assessmentCycleYears: [], demonstrationGrantedUpTo: 2019, reason: '测试' }, token: national });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 422, code: 'YEAR_RULES_INVALID' });
    const set = await api.raw('PUT', `/api/campaigns/${campaigns[2022]}/year-rules`, { body: { reviewCycleUpTo: 2019, assessmentCycleYears: [], demonstrationGrantedUpTo: 2019, reason: '按 2022 年通知一(一)确认' }, token: national });
    expect(set.status).toBe(200);
    expect(set.body.isDefault).toBe(false);
    const audit = await api.get(`/api/admin/audit?campaignId=${campaigns[2022]}`, national);
    expect(audit.body.events.map((event: { action: string }) => event.action)).toContain('year_rules.changed');
  });

  describe('2023', () => {
    beforeAll(async () => {
      await runYear(
        2023,
        [
          ['failed', row('failed', '复核', '优势企业')],
          ['granted2019', row('granted2019', '申报示范', '优势企业')],
          ['newcomer', row('newcomer', '考核', '优势企业')],
          ['missed', row('missed', '考核', '优势企业')],
          ['stated2019', row('stated2019', '考核', '优势企业', { grantedYear: '2019' })],
        ],
        ['failed', 'granted2019', 'newcomer'],
      );
    }, 240_000);

    it('When 2023’s rows are checked against the records, then only the contradiction is refused, with the rule’s reason in Chinese', () => {
      expect(reports[2023]!.errors).toEqual([{ row: 6, field: 'track', reason: '培育期已满，2023 年度应参加复核而非考核（2019 年认定）', uscc: E.stated2019.uscc, track: 'assessment', code: 'REVIEW_DUE' }]);
      expect(ids[2023]!.stated2019).toBeUndefined();
      expect(reports[2023]!.warnings).toEqual([]);
    });

    it('When the bureau opens the failed 2022 复核’s enterprise, then it is in the one-year grace and due for 复核 (2022 三)', async () => {
      const page = await recordOf(2023, 'failed');
      expect(flagsOf(page)).toEqual(['in_review_grace', 'review_due']);
      expect(page.record.standing.flags[0].label).toBe('上年未通过或未参加复核，保留资格 1 年，须再次复核');
      expect(page.record.participations).toEqual([expect.objectContaining({ year: 2022, track: 'review', submitted: true, reviewOutcome: 'fail' })]);
    });

    it('When the 2019-granted enterprise is opened in 2023, then it is due for 复核 and may apply for demonstration (2023 一(一)(三))', async () => {
      const page = await recordOf(2023, 'granted2019');
      expect(page.record.standing).toEqual(expect.objectContaining({ due: 'review', mayApplyDemonstration: true }));
      expect(page.record.titles).toEqual([expect.objectContaining({ title: 'advantage', year: 2019, source: 'granted', sourceLabel: '认定', origin: 'history_import' })]);
    });

    it('When the newcomer certified in 2022 is opened, then its title came from the 2022 close and 考核 is due', async () => {
      const page = await recordOf(2023, 'newcomer');
      expect(page.record.titles).toEqual([expect.objectContaining({ title: 'advantage', year: 2022, source: 'granted', origin: 'close', campaignId: campaigns[2022] })]);
      expect(flagsOf(page)).toEqual(['assessment_due']);
    });

    it('When 2023 closes, then the grace 复核 passed starts a new cycle, the demonstration is granted, and applying the same close again changes nothing', async () => {
      const input = { certified: [['granted2019', 'demonstration']] as Array<[Cast, 'demonstration']>, reviews: [['failed', 'review', 'pass'], ['newcomer', 'assessment', 'pass'], ['granted2019', 'review', 'pass']] as Array<[Cast, 'review' | 'assessment', 'pass']> };
      const first = await close(2023, input);
      expect(first).toEqual(expect.objectContaining({ applied: true, enterprises: 4 }));
      const before = await bff.services.models.enterpriseRecords.find({}).sort({ _id: 1 }).lean();
      expect(await close(2023, input)).toEqual(expect.objectContaining({ applied: false }));
      expect(await bff.services.models.enterpriseRecords.find({}).sort({ _id: 1 }).lean()).toEqual(before);
      const failed = before.find((doc) => doc._id === E.failed.uscc)!;
      expect(failed.titles.map((t) => [t.year, t.source])).toEqual([
        [2018, 'granted'],
        [2023, 'review_passed'],
      ]);
      const granted2019 = before.find((doc) => doc._id === E.granted2019.uscc)!;
      expect(granted2019.titles.map((t) => [t.title, t.year, t.source])).toEqual([
        ['advantage', 2019, 'granted'],
        ['demonstration', 2023, 'granted'],
      ]);
    });
  });

  describe('2024', () => {
    beforeAll(async () => {
      await runYear(
        2024,
        [
          ['missed', row('missed', '复核', '优势企业')],
          ['granted2019', row('granted2019', '申报优势', '无')],
          ['newcomer', row('newcomer', '考核', '优势企业')],
          ['failed', row('failed', '考核', '优势企业')],
        ],
        [],
      );
    }, 240_000);

    it('When 2024’s rows are checked, then a 复核 out of scope and an application by a title holder are refused with the rules’ reasons', () => {
      expect(reports[2024]!.errors).toEqual([
        { row: 2, field: 'track', reason: '不在 2024 年度复核范围内（2022 年认定）', uscc: E.missed.uscc, track: 'review', code: 'NOT_DUE' },
        { row: 3, field: 'track', reason: '已是示范企业（2023 年认定），不能申报优势企业', uscc: E.granted2019.uscc, track: 'apply_advantage', code: 'TITLE_HELD' },
      ]);
    });

    it('When the national bureau overrides the 复核 row with a reason, then the re-import accepts it with a warning naming the reason, and the override is audited', async () => {
      const override = await api.post(`/api/admin/campaigns/${campaigns[2024]}/track-overrides`, { uscc: E.missed.uscc, track: 'review', reason: '经核实，企业申请提前复核（演示）' }, national);
      expect(override.status).toBe(201);
      expect(override.body.override).toEqual(expect.objectContaining({ track: 'review', code: 'NOT_DUE', reason: '经核实，企业申请提前复核（演示）' }));
      const again = await upload(campaigns[2024]!, [row('missed', '复核', '优势企业')]);
      expect(again.body).toEqual(expect.objectContaining({ inserted: 1, errors: [] }));
      expect(again.body.warnings).toEqual([{ row: 2, field: 'track', code: 'OVERRIDDEN', reason: '不在 2024 年度复核范围内（2022 年认定）（全国局已确认接受：经核实，企业申请提前复核（演示））' }]);
      ids[2024]!.missed = String((await bff.services.enterprises.inCampaign(new Types.ObjectId(campaigns[2024]!), E.missed.uscc))!._id);
      const audit = await api.get(`/api/admin/audit?target=${E.missed.uscc}`, national);
      expect(audit.body.events.map((event: { action: string }) => event.action)).toContain('records.track_overridden');
      const bad = await api.post(`/api/admin/campaigns/${campaigns[2024]}/track-overrides`, { uscc: '91440300708461136X', track: 'review', reason: '校验位错误' }, national);
      expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'USCC_INVALID' });
    });

    it('When the bureau opens the enterprise that missed 2023’s 考核, then one missed year is not yet a loss', async () => {
      const page = await recordOf(2024, 'missed');
      expect(page.record.standing.missedAssessments).toEqual([2023]);
      expect(flagsOf(page)).toEqual(['assessment_due']);
    });

    describe('after the 2024 close', () => {
      beforeAll(async () => {
        await close(2024, { reviews: [] });
      });

      it('When the national bureau lists titles at risk for 2025, then the enterprise that missed 2023 and 2024 lapses, with the notice’s words', async () => {
        const list = await api.get('/api/admin/records/risks', national);
        expect(list.status).toBe(200);
        expect(list.body.year).toBe(2025);
        const missed = list.body.rows.find((r: { uscc: string }) => r.uscc === E.missed.uscc);
        expect(missed).toEqual(expect.objectContaining({ lapses: true, title: 'advantage', cycleStart: 2022, regionName: '广东省' }));
        expect(missed.flags.map((f: { label: string }) => f.label)).toEqual(['连续 2 年未参加考核，取消复核资格']);
        // The newcomer took 考核 in 2023 and missed 2024 only; the others hold fresh cycles.
        expect(list.body.rows.map((r: { uscc: string }) => r.uscc)).not.toContain(E.newcomer.uscc);
        const at2024 = await api.get('/api/admin/records/risks?year=2024', national);
        expect(at2024.body.rows.map((r: { uscc: string }) => r.uscc)).not.toContain(E.failed.uscc);
        const at2023 = await api.get('/api/admin/records/risks?year=2023', national);
        expect(at2023.body.rows.find((r: { uscc: string }) => r.uscc === E.failed.uscc)).toEqual(expect.objectContaining({ lapses: false, flags: [expect.objectContaining({ flag: 'in_review_grace' })] }));
      });

      it('When the list is exported, then the workbook carries the same rows', async () => {
        const response = await api.get('/api/admin/records/risks.xlsx?year=2025', national);
        expect(response.status).toBe(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.body);
        const sheet = workbook.worksheets[0]!;
        const values = sheet.getRow(1).values as unknown[];
        expect(values).toEqual(expect.arrayContaining(['统一社会信用代码', '企业名称', '提示', '称号失效']));
        const text = JSON.stringify(sheet.getSheetValues());
        expect(text).toContain(E.missed.uscc);
        expect(text).toContain('连续 2 年未参加考核，取消复核资格');
      });

      it('When the enterprise opens its own history, then it sees each certified year', async () => {
        const doc = await bff.services.enterprises.loadEnterprise(new Types.ObjectId(ids[2024]!.newcomer!));
        const { key } = await bff.services.enterprises.resetKey(doc._id, testAdmin, '127.0.0.1');
        const token = await login(api, { id: String(doc._id), uscc: doc.uscc, sceneToken: doc.sceneToken, key });
        const history = await api.get('/api/me/history', token);
        expect(history.status).toBe(200);
        expect(history.body.years.map((y: { year: number; trackLabel: string; outcomeLabel: string | null }) => [y.year, y.trackLabel, y.outcomeLabel])).toEqual([
          [2024, '考核', '未参加'],
          [2023, '考核', '考核通过'],
          [2022, '申报优势', '认定为优势企业'],
        ]);
        expect(history.body.years[1].finalScore).toEqual(expect.any(Number));
      });

      it('When the records lose what the closes gave them, then the rebuild brings them back exactly (the history import and the override stay)', async () => {
        const strip = <T extends { rev: number; updatedAt: Date }>(docs: T[]) => docs.map(({ rev: _rev, updatedAt: _at, ...rest }) => rest);
        const before = strip(await bff.services.models.enterpriseRecords.find({}).sort({ _id: 1 }).lean());
        for (const doc of await bff.services.models.enterpriseRecords.find({}).lean()) {
          await bff.services.models.enterpriseRecords.updateOne({ _id: doc._id }, { $set: { participations: [], titles: doc.titles.filter((t) => t.origin !== 'close') } });
        }
        expect(strip(await bff.services.models.enterpriseRecords.find({}).sort({ _id: 1 }).lean())).not.toEqual(before);
        const rebuilt = await bff.services.records.rebuild((id) => bff.services.publicity.closingInput(id));
        expect(rebuilt).toEqual(expect.objectContaining({ campaigns: 3, enterprises: 2 + 4 + 3 }));
        expect(strip(await bff.services.models.enterpriseRecords.find({}).sort({ _id: 1 }).lean())).toEqual(before);
        // A campaign's close applied again by `rebuild-results <campaignId>` (force) gives the same records too.
        await bff.services.records.applyClose(new Types.ObjectId(campaigns[2023]!), null, { by: 'system', force: true });
        expect(strip(await bff.services.models.enterpriseRecords.find({}).sort({ _id: 1 }).lean())).toEqual(before);
      });
    });
  });
});
