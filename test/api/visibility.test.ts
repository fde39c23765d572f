import { Types } from 'mongoose';
import { defaultQuestionnaire, type Answers } from '@assess/shared';
import { routeTable } from '../../bff/src/routes';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login, type TestEnterprise, loginStaff } from '../helpers/factories';
import { paramKind, paramNames, pathWith, queryStringOf, routeKey, send, type AnyRoute, type ProbeResponse } from '../helpers/routeProbe';

/**
 * Issue 13: while scores are hidden (the window open, 测评期间对地方局隐藏分数), nothing a local
 * bureau can read carries a score, an answer, or evidence citing either — no dashboard field, no
 * export, no integrity evidence; and draft pass lines never leave the national role. Walks the
 * route table, so a new route a bureau or an enterprise can read is checked the moment it exists.
 */

const DRAFT_LINES = { advantage: 61.7, demonstration: 73.3 };
/** Distinctive numbers an enterprise types, so one seen in a response can only be a leak. */
const FACTS = [31415.9, 16180.3, 27182.8];
const facts = (revenue: number): Answers => ({ revenue, rd_expense: 1234.5, implemented_inventions: 5353, valid_inventions: 4242 });

/** Keys that carry a score or an outcome (and the answers or receipt behind one). */
const SCORE_KEYS = new Set(['total', 'mean', 'average', 'nationalAverage', 'score', 'base', 'bonus', 'passed', 'tier', 'distribution', 'dimensions', 'final', 'answers', 'receipt']);

/** Routes that answer the questionnaire's definition (its points and bands), never an enterprise's data. */
const QUESTIONNAIRE_ONLY = ['GET /api/staff/questionnaires/:ref', 'GET /api/questionnaire', 'GET /api/questionnaire.xlsx'];
/**
 * Bureau routes that change something and answer what their GET twin, walked here, shows: clearing
 * a login lock answers the lock counters (no score, answer or line).
 */
const WRITES_READ_AS_GET = ['DELETE /api/auth/locks/enterprises/:id'];

/**
 * Bureau writes of the review after the close (issue 16), each with a body its schema accepts: while
 * scores are hidden they are refused before anything is read, so they can show nothing either. Any
 * other write a bureau may call still fails readAll until taught here.
 */
const WRITES_AFTER_THE_CLOSE: Record<string, (id: string) => { body?: unknown; raw?: Buffer }> = {
  'POST /api/reviews/decisions': (id) => ({ body: { items: [{ enterpriseId: id, purpose: 'assessment', outcome: 'pass' }] } }),
  'POST /api/reviews/applicant-reviews': (id) => ({ body: { items: [{ enterpriseId: id, score: 90, opinion: null }] } }),
  'PUT /api/reviews/lists': (id) => ({ body: { title: 'advantage', entries: [{ enterpriseId: id }] } }),
  'PUT /api/reviews/summary': () => ({ body: { summary: '评审情况' } }),
  'POST /api/reviews/proposals/confirm': (id) => ({ body: { enterpriseIds: [id] } }),
  'POST /api/reviews/package/submit': () => ({ body: { rev: 0 } }),
  'POST /api/reviews/package/scans': () => ({ raw: Buffer.from('%PDF-1.4\n') }),
  // 示范 evidence (issue 17): only once the lines are published after the close (EVIDENCE_NOT_AVAILABLE before).
  'PUT /api/evidence/sets/:enterpriseId/marks': () => ({ body: { items: [{ itemId: 'system', verdict: 'needs_more', comment: '请补充' }] } }),
  'POST /api/evidence/sets/:enterpriseId/requests': () => ({ body: { itemIds: ['system'], deadline: '2030-01-01T00:00:00+08:00', comment: '请补充制度文件' } }),
  'PUT /api/evidence/sets/:enterpriseId/note': () => ({ body: { note: '材料基本齐全' } }),
};
/** What a write after the close answers while scores are hidden: not open yet (no 评审要点 yet either), or not this bureau's to make. */
const NOT_YET = ['REVIEW_NOT_OPEN', 'EVIDENCE_NOT_AVAILABLE', 'EVIDENCE_CHECKLIST_MISSING', 'FORBIDDEN'];

/** Every non-null score-like field in a JSON body (a table page's `total` is its row count). */
function scoreFields(value: unknown, path = '$', found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item, i) => scoreFields(item, `${path}[${i}]`, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const isPage = 'page' in record && 'pageSize' in record;
    for (const [key, item] of Object.entries(record)) {
      if (SCORE_KEYS.has(key) && item !== null && !(isPage && key === 'total')) found.push(`${path}.${key}`);
      else scoreFields(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/** The numbers written anywhere in a response (JSON or the cells of a workbook). */
function numbersIn(text: string): Set<number> {
  return new Set([...text.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])/g)].map((match) => Number(match[0])));
}

describe('what bureaus and enterprises can read while scores are hidden (generated from the route table)', () => {
  let bff: TestBff;
  let api: ApiClient;
  const clock = new TestClock();
  let campaignId: string;
  let closesAt: Date;
  let questionnaireRef: string;
  let climber: TestEnterprise;
  let other: TestEnterprise;
  let climberToken: string;
  let climberAttemptId: string;
  let totals: number[] = [];
  const tokens: Record<'nat' | 'gd' | 'gzc', string> = { nat: '', gd: '', gzc: '' };

  beforeAll(async () => {
    bff = await startTestBff({ clock });
    api = apiClient(bff.url);
    closesAt = new Date(Date.now() + 30 * 60_000);
    const campaign = await createCampaign(bff.services, { closesAt });
    campaignId = String(campaign._id);
    questionnaireRef = campaign.questionnaire;
    [climber, other] = (await createEnterprises(bff.services, campaign._id, [
      enterpriseRow({ region: '广东省', city: '广州市', contact1Name: '张三丰', contact1Phone: '13812345678', contact1Email: 'zhangsan@example.cn' }),
      enterpriseRow({ region: '广东省', city: '佛山市' }),
    ])) as [TestEnterprise, TestEnterprise];
    for (const [username, role, regionCode, cityCode] of [
      ['nat', 'national', null, null],
      ['gd', 'region', '440000', null],
      ['gzc', 'city', '440000', '440100'],
    ] as const) {
      await bff.services.staff.upsert({ username, displayName: username, password: 'Tq8-lantern-Visible-91', role, regionCode, cityCode });
      tokens[username] = await loginStaff(api, username, 'Tq8-lantern-Visible-91');
    }

    // Three attempts whose scores climb while 营业收入 changes, 已实施 above 有效 (a contradiction), each fast.
    climberToken = await login(api, climber);
    const low = completeAnswers(defaultQuestionnaire, 'low');
    const high = completeAnswers(defaultQuestionnaire, 'high');
    const mixed = Object.fromEntries(Object.keys(high).map((id, i) => [id, i % 2 ? high[id] : low[id]])) as Answers;
    for (const [i, answers] of [low, mixed, high].entries()) {
      expect((await api.post('/api/attempts', { clientKey: `climb-device-${i}` }, climberToken)).status).toBe(200);
      const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('climb'), answers: { ...answers, ...facts(FACTS[i]!) } }, climberToken);
      expect(submitted.status).toBe(201);
      totals.push(submitted.body.receipt.total);
      climberAttemptId = submitted.body.receipt.attemptId;
    }
    expect(totals[0]! < totals[1]! && totals[1]! < totals[2]!).toBe(true);
    const otherToken = await login(api, other);
    const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('other'), answers: completeAnswers(defaultQuestionnaire, 'high') }, otherToken);
    totals.push(submitted.body.receipt.total);
    totals = totals.filter((total) => !Number.isInteger(total));
    expect(totals.length).toBeGreaterThanOrEqual(3);

    const draft = await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: DRAFT_LINES, token: tokens.nat });
    expect(draft.status).toBe(200);
    expect(draft.body.passLines).toEqual(expect.objectContaining({ ...DRAFT_LINES, state: 'draft' }));
  }, 120_000);
  afterAll(async () => {
    await bff.stop();
  });
  afterEach(() => clock.release());

  /** The path of a route with the world's ids: the climber for an enterprise, its own attempt for an enterprise's. */
  function pathFor(route: AnyRoute): string {
    const params: Record<string, string> = {};
    for (const name of paramNames(route.path)) {
      const kind = paramKind(route, name);
      const ids: Partial<Record<typeof kind, string>> = {
        enterprise: climber.id,
        campaign: campaignId,
        questionnaireRef,
        attempt: climberAttemptId,
        scene: climber.sceneToken,
        year: '2023',
        // The world has no evidence: a checklist item and a well-formed id of nothing (not-found answers).
        evidenceItem: 'system',
        evidenceFile: '0123456789abcdef01234567',
        evidenceUpload: '0123456789abcdef01234567',
        chunk: '0',
      };
      const id = ids[kind];
      if (!id) throw new Error(`${routeKey(route)}: teach this test an id for :${name} (${kind})`);
      params[name] = id;
    }
    return pathWith(route, params);
  }

  /** Each read the route offers: dashboards per campaign, the table under every filter that runs while hidden. */
  function queriesFor(route: AnyRoute): Array<Record<string, string>> {
    if (route.path === '/api/dashboard/enterprises' || route.path === '/api/dashboard/enterprises.xlsx') {
      return [{ campaignId }, { campaignId, flagged: 'true' }, { campaignId, status: 'submitted', sort: 'lastSubmittedAt', order: 'desc' }, { campaignId, q: '测试' }];
    }
    return route.query ? [{ campaignId }] : [{}];
  }

  /**
   * Writes a bureau may call whose answers carry no result data (checked by reading them here):
   * a new write must be added with that reason, or taught to the walk.
   */
  const writesWithoutResults = new Set(['DELETE /api/auth/locks/enterprises/:id']);
  const staffRoutes = (role: 'region' | 'city') =>
    routeTable.filter((route) => route.access.kind === 'staff' && route.access.roles.includes(role) && !writesWithoutResults.has(routeKey(route)));
  const staffReads = (role: 'region' | 'city') => staffRoutes(role).filter((route) => route.method === 'get' || !(routeKey(route) in WRITES_AFTER_THE_CLOSE));
  const enterpriseReads = routeTable.filter((route) => (route.access.kind === 'enterprise' || route.access.kind === 'public') && route.method === 'get' && route.path.startsWith('/api/'));

  async function readAll(routes: readonly AnyRoute[], token: string): Promise<Array<{ what: string; response: ProbeResponse }>> {
    const out: Array<{ what: string; response: ProbeResponse }> = [];
    for (const route of routes) {
      if (WRITES_READ_AS_GET.includes(routeKey(route))) continue;
      if (route.method !== 'get') throw new Error(`${routeKey(route)}: a bureau may call it; teach this test what it returns`);
      for (const query of queriesFor(route)) {
        const path = `${pathFor(route)}${queryStringOf(query)}`;
        out.push({ what: `${routeKey(route)} ${queryStringOf(query)}`, response: await send(bff.url, { method: 'GET', path, token }) });
      }
    }
    return out;
  }

  function leaksIn(reads: Array<{ what: string; response: ProbeResponse }>, secrets: readonly number[], checkFields: boolean): string[] {
    const leaks: string[] = [];
    for (const { what, response } of reads) {
      if (QUESTIONNAIRE_ONLY.some((key) => what.startsWith(`${key} `))) continue;
      if (response.status >= 500) leaks.push(`${what}: ${response.status}`);
      const seen = numbersIn(response.text);
      for (const secret of secrets) if (seen.has(secret)) leaks.push(`${what}: shows ${secret}`);
      if (checkFields && response.contentType.includes('json')) for (const field of scoreFields(response.body)) leaks.push(`${what}: ${field} is not null`);
      if (response.text.includes('分数 ')) leaks.push(`${what}: evidence cites scores`);
    }
    return leaks;
  }

  it.each(['gd', 'gzc'] as const)('When the %s bureau reads every route it may while scores are hidden, then no score, answer, evidence citing them or draft line appears', async (who) => {
    const reads = await readAll(staffReads(who === 'gd' ? 'region' : 'city'), tokens[who]);
    expect(reads.filter((read) => read.response.status === 200).length).toBeGreaterThanOrEqual(8);
    expect(leaksIn(reads, [...totals, ...FACTS, 5353, 4242, 1234.5, DRAFT_LINES.advantage, DRAFT_LINES.demonstration], true)).toEqual([]);

    const detail = reads.find((read) => read.what.startsWith('GET /api/dashboard/enterprises/:id '))!.response.body;
    expect(detail.integrity.map((flag: { code: string }) => flag.code).sort()).toEqual(['CONTRADICTORY_FACTS', 'IMPLAUSIBLY_FAST', 'SCORE_CLIMB_WITH_CHANGED_FACTS']);
    const climb = detail.integrity.find((flag: { code: string }) => flag.code === 'SCORE_CLIMB_WITH_CHANGED_FACTS');
    expect(climb).toEqual(expect.objectContaining({ attempts: [1, 2, 3], evidence: '', withheld: true }));
    // Times cite neither scores nor answers: they stay.
    expect(detail.integrity.find((flag: { code: string }) => flag.code === 'IMPLAUSIBLY_FAST').evidence).toMatch(/^第 1 次用时 \d+ 秒（少于 180 秒）/);
  });

  it.each(['gd', 'gzc'] as const)('When the %s bureau calls the review’s writes while scores are hidden, then each is refused (REVIEW_NOT_OPEN) or not its to make', async (who) => {
    const writes = staffRoutes(who === 'gd' ? 'region' : 'city').filter((route) => route.method !== 'get');
    expect(writes.length).toBeGreaterThan(0);
    const seen: string[] = [];
    for (const route of writes) {
      const request = WRITES_AFTER_THE_CLOSE[routeKey(route)]!(climber.id);
      const response = await send(bff.url, {
        method: route.method.toUpperCase(),
        path: `${pathFor(route)}?campaignId=${campaignId}`,
        token: tokens[who],
        ...(request.raw ? { raw: { contentType: 'application/pdf', bytes: request.raw } } : { body: request.body }),
      });
      seen.push(`${routeKey(route)} ${response.status} ${response.body?.code}`);
      expect(NOT_YET.map((code) => `${routeKey(route)} ${code}`)).toContain(`${routeKey(route)} ${response.body?.code}`);
    }
    expect(seen.some((line) => line.endsWith('REVIEW_NOT_OPEN'))).toBe(true);
    expect(seen.some((line) => line.includes('/api/evidence/') && /EVIDENCE_(NOT_AVAILABLE|CHECKLIST_MISSING)$/.test(line))).toBe(true);
  });

  it('When an enterprise reads every route it may, then the draft pass lines are not among them', async () => {
    const reads = await readAll(enterpriseReads, climberToken);
    expect(reads.filter((read) => read.response.status === 200).length).toBeGreaterThanOrEqual(4);
    expect(leaksIn(reads, [DRAFT_LINES.advantage, DRAFT_LINES.demonstration], false)).toEqual([]);
  });

  it('When the national bureau lists campaigns, then it sees its own draft lines; a bureau sees the state but no values', async () => {
    const national = (await api.get('/api/campaigns', tokens.nat)).body.campaigns.find((c: { id: string }) => c.id === campaignId);
    expect(national.passLines).toEqual(expect.objectContaining({ ...DRAFT_LINES, state: 'draft' }));
    for (const who of ['gd', 'gzc'] as const) {
      const bureau = (await api.get('/api/campaigns', tokens[who])).body.campaigns.find((c: { id: string }) => c.id === campaignId);
      expect(bureau.passLines).toEqual({ advantage: null, demonstration: null, state: 'draft', publishedAt: null });
    }
  });

  it('When the lines are published before the close, then bureaus see the lines but still no score, not even in the quota panel', async () => {
    const published = await api.post(`/api/admin/campaigns/${campaignId}/passlines/publish`, undefined, tokens.nat);
    expect(published.status).toBe(200);
    const bureau = (await api.get('/api/campaigns', tokens.gd)).body.campaigns.find((c: { id: string }) => c.id === campaignId);
    expect(bureau.passLines).toEqual(expect.objectContaining({ ...DRAFT_LINES, state: 'published' }));
    const reads = await readAll(staffReads('region'), tokens.gd);
    expect(leaksIn(reads, [...totals, ...FACTS, 5353, 4242], true)).toEqual([]);
    const quota = reads.find((read) => read.what.startsWith('GET /api/dashboard/quota'))!.response.body;
    expect(quota).toEqual(expect.objectContaining({ published: true, lists: [] }));
  });

  it('When the window has closed, then the same walk finds the scores and the evidence (the checks can see them)', async () => {
    clock.pin(new Date(closesAt.getTime() + 1000));
    bff.services.campaigns.forget(new Types.ObjectId(campaignId));
    const reads = await readAll(staffReads('region'), tokens.gd);
    const leaks = leaksIn(reads, [...totals, ...FACTS], true);
    for (const total of totals) expect(leaks.some((leak) => leak.endsWith(`shows ${total}`))).toBe(true);
    const detail = reads.find((read) => read.what.startsWith('GET /api/dashboard/enterprises/:id '))!.response.body;
    const climb = detail.integrity.find((flag: { code: string }) => flag.code === 'SCORE_CLIMB_WITH_CHANGED_FACTS');
    expect(climb.withheld).toBe(false);
    expect(climb.evidence).toContain(`分数 ${totals.slice(0, 3).join(' → ')}`);
    expect(climb.evidence).toContain(`营业收入 ${FACTS[0]}→${FACTS[1]}`);
    expect(detail.integrity.find((flag: { code: string }) => flag.code === 'CONTRADICTORY_FACTS').evidence).toBe('已实施的有效发明专利数（5353）大于有效发明专利拥有量（4242）');
    const quota = reads.find((read) => read.what.startsWith('GET /api/dashboard/quota'))!.response.body;
    expect(quota.lists).toHaveLength(2);
  });
});
