import { defaultQuestionnaire } from '@assess/shared';
import { Types } from 'mongoose';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login, testAdmin, type TestEnterprise } from '../helpers/factories';


describe('the enterprise journey and the final-score rule', () => {
  let bff: TestBff;
  let api: ApiClient;
  const clock = new TestClock();

  beforeAll(async () => {
    bff = await startTestBff({ clock });
    api = apiClient(bff.url);
  });
  afterAll(async () => {
    await bff.stop();
  });
  afterEach(() => clock.release());

  async function freshEnterprise(window?: { opensAt?: Date; closesAt?: Date }): Promise<{ enterprise: TestEnterprise; token: string; campaignId: Types.ObjectId }> {
    const campaign = await createCampaign(bff.services, window);
    const [enterprise] = await createEnterprises(bff.services, campaign._id, [enterpriseRow()]);
    return { enterprise: enterprise!, token: await login(api, enterprise!), campaignId: campaign._id };
  }

  const submit = (token: string, answers: Record<string, unknown>, key = idempotencyKey()) =>
    api.post('/api/attempts/current/submit', { idempotencyKey: key, answers, client: { platform: 'h5' } }, token);

  describe('POST /api/attempts/current/submit', () => {
    it('When an enterprise scans, logs in, answers everything and submits, then it gets a receipt with a recomputable checksum', async () => {
      const { enterprise, token } = await freshEnterprise();
      const entry = await api.get(`/api/entry/${enterprise.sceneToken}`);
      expect(entry.status).toBe(200);
      expect(entry.body.enterprise.maskedName).toContain('*');
      expect(entry.body.campaign.state).toBe('open');

      const started = await api.post('/api/attempts', { clientKey: 'device-one-001' }, token);
      expect(started.status).toBe(200);
      const answers = completeAnswers(defaultQuestionnaire, 'high');
      const saved = await api.patch('/api/attempts/current/draft', { baseRevision: started.body.revision, set: answers }, token);
      expect(saved.status).toBe(200);
      expect(saved.body.revision).toBe(started.body.revision + 1);

      const response = await submit(token, answers);
      expect(response.status).toBe(201);
      const receipt = response.body.receipt;
      expect(receipt.number).toBe(1);
      expect(receipt.submittedAt).toMatch(/\+08:00$/);
      expect(receipt.total).toBeGreaterThan(90);
      expect(receipt.dimensions.length).toBeGreaterThanOrEqual(8);
      expect(response.body.counts).toBe(true);
      const { verifyReceipt } = await import('@assess/shared');
      expect(receipt.enterpriseId).toBe(enterprise.id);
      expect(receipt.checksumVersion).toBe(2);
      expect(verifyReceipt(receipt, answers)).toMatchObject({ ok: true, computed: receipt.checksum });

      const detail = await api.get(`/api/attempts/${receipt.attemptId}`, token);
      expect(detail.status).toBe(200);
      expect(detail.body.answers).toEqual(answers);
      expect(detail.body.counts).toBe(true);
    });

    it('When an enterprise submits three times, then the last counts, not the best', async () => {
      const { token } = await freshEnterprise();
      const high = completeAnswers(defaultQuestionnaire, 'high');
      const low = completeAnswers(defaultQuestionnaire, 'low');
      const first = await submit(token, low);
      const best = await submit(token, high);
      const last = await submit(token, low);
      expect([first.status, best.status, last.status]).toEqual([201, 201, 201]);
      expect(best.body.receipt.total).toBeGreaterThan(last.body.receipt.total);
      expect(last.body.previous).toEqual({ number: 2, total: best.body.receipt.total });

      const me = await api.get('/api/me', token);
      expect(me.body.attempts.map((a: { number: number }) => a.number)).toEqual([1, 2, 3]);
      expect(me.body.finalAttemptId).toBe(last.body.receipt.attemptId);
      expect(me.body.attempts.filter((a: { counts: boolean }) => a.counts)).toEqual([expect.objectContaining({ number: 3 })]);
    });

    it('When a submit arrives 1 ms after the close, then WINDOW_CLOSED and the earlier attempt stays final', async () => {
      const closesAt = new Date(Date.now() + 30 * 60_000);
      const { token } = await freshEnterprise({ closesAt });
      const early = await submit(token, completeAnswers(defaultQuestionnaire, 'low'));
      expect(early.status).toBe(201);

      clock.pin(new Date(closesAt.getTime() - 1));
      const justInTime = await submit(token, completeAnswers(defaultQuestionnaire, 'high'));
      expect(justInTime.status).toBe(201);

      clock.pin(new Date(closesAt.getTime()));
      const atClose = await submit(token, completeAnswers(defaultQuestionnaire, 'low'));
      expect(atClose.status).toBe(403);
      expect(atClose.body.code).toBe('WINDOW_CLOSED');

      clock.pin(new Date(closesAt.getTime() + 1));
      const late = await submit(token, completeAnswers(defaultQuestionnaire, 'low'));
      expect(late.status).toBe(403);
      expect(late.body.code).toBe('WINDOW_CLOSED');
      expect(late.body.message).toMatch(/已关闭/);

      const me = await api.get('/api/me', token);
      expect(me.status).toBe(200);
      expect(me.body.campaign.state).toBe('closed');
      expect(me.body.finalAttemptId).toBe(justInTime.body.receipt.attemptId);
      const drafted = await api.patch('/api/attempts/current/draft', { baseRevision: 0, set: {} }, token);
      expect(drafted.body.code).toBe('WINDOW_CLOSED');
    });

    it('When the enterprise has an extension, then a submit after the close but before the extension counts', async () => {
      const closesAt = new Date(Date.now() + 20 * 60_000);
      const { enterprise, token } = await freshEnterprise({ closesAt });
      const until = new Date(closesAt.getTime() + 40 * 60_000);
      await bff.services.enterprises.grantExtension(new Types.ObjectId(enterprise.id), until, '系统故障，补测', testAdmin, '127.0.0.1');

      clock.pin(new Date(closesAt.getTime() + 10 * 60_000));
      const extended = await submit(token, completeAnswers(defaultQuestionnaire, 'high'));
      expect(extended.status).toBe(201);
      expect(extended.body.counts).toBe(true);

      clock.pin(until);
      const tooLate = await submit(token, completeAnswers(defaultQuestionnaire, 'high'));
      expect(tooLate.body.code).toBe('WINDOW_CLOSED');
    });

    it('When the same submit is retried with the same idempotency key, then one attempt and the same receipt', async () => {
      const { token } = await freshEnterprise();
      const answers = completeAnswers(defaultQuestionnaire, 'high');
      const key = idempotencyKey('retry');
      const [a, b] = await Promise.all([submit(token, answers, key), submit(token, answers, key)]);
      const c = await submit(token, answers, key);
      for (const response of [a, b, c]) expect(response.status).toBe(201);
      expect(b.body.receipt).toEqual(a.body.receipt);
      expect(c.body.receipt).toEqual(a.body.receipt);
      const listed = await api.get('/api/attempts', token);
      expect(listed.body.attempts).toHaveLength(1);
    });

    it('When an idempotency key is reused for different answers, then IDEMPOTENCY_KEY_REUSED', async () => {
      const { token } = await freshEnterprise();
      const key = idempotencyKey('reuse');
      expect((await submit(token, completeAnswers(defaultQuestionnaire, 'high'), key)).status).toBe(201);
      const reused = await submit(token, completeAnswers(defaultQuestionnaire, 'low'), key);
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('When two submits of the same enterprise race, then both are stored and the later server time counts', async () => {
      const { enterprise, token } = await freshEnterprise();
      const [x, y] = await Promise.all([submit(token, completeAnswers(defaultQuestionnaire, 'high')), submit(token, completeAnswers(defaultQuestionnaire, 'low'))]);
      expect([x.status, y.status]).toEqual([201, 201]);
      const attempts = await bff.services.models.attempts.find({ enterpriseId: new Types.ObjectId(enterprise.id) }).lean();
      expect(attempts).toHaveLength(2);
      const latest = [...attempts].sort((p, q) => +p.submittedAt - +q.submittedAt || p.number - q.number).at(-1)!;
      const result = await bff.services.results.get(new Types.ObjectId(enterprise.id));
      expect(String(result!.final!.attemptId)).toBe(String(latest._id));
      expect(result!.history).toHaveLength(2);
      expect(new Set(attempts.map((a: { number: number }) => a.number))).toEqual(new Set([1, 2]));
    });

    it('When required questions are missing, then ANSWERS_INVALID lists them and nothing is stored', async () => {
      const { enterprise, token } = await freshEnterprise();
      const response = await submit(token, {});
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('ANSWERS_INVALID');
      expect(response.body.details.issues.length).toBeGreaterThan(10);
      expect(response.body.details.issues[0]).toEqual(expect.objectContaining({ code: 'REQUIRED' }));
      expect(await bff.services.models.attempts.countDocuments({ enterpriseId: new Types.ObjectId(enterprise.id) })).toBe(0);
    });
  });

  describe('PATCH /api/attempts/current/draft', () => {
    it('When the base revision is stale, then 409 DRAFT_CONFLICT carries the current draft and nothing saved is lost', async () => {
      const { token } = await freshEnterprise();
      const started = await api.post('/api/attempts', { clientKey: 'device-a-0001' }, token);
      const ids = Object.keys(completeAnswers(defaultQuestionnaire));
      const [q1, q2] = [ids[0]!, ids[1]!];
      const answers = completeAnswers(defaultQuestionnaire);
      const first = await api.patch('/api/attempts/current/draft', { baseRevision: started.body.revision, set: { [q1]: answers[q1] } }, token);
      expect(first.status).toBe(200);
      const stale = await api.patch('/api/attempts/current/draft', { baseRevision: started.body.revision, set: { [q2]: answers[q2] } }, token);
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('DRAFT_CONFLICT');
      expect(stale.body.details.draft.revision).toBe(first.body.revision);
      expect(stale.body.details.draft.answers).toEqual({ [q1]: answers[q1] });
    });

    it('When another device opens the draft, then it resumes exactly where the first left off', async () => {
      const { enterprise, token } = await freshEnterprise();
      const started = await api.post('/api/attempts', { clientKey: 'device-a-0002' }, token);
      const answers = completeAnswers(defaultQuestionnaire);
      await api.patch('/api/attempts/current/draft', { baseRevision: started.body.revision, set: answers }, token);
      const otherToken = await login(api, enterprise);
      const resumed = await api.get('/api/attempts/current/draft', otherToken);
      expect(resumed.body.answers).toEqual(answers);
      expect(resumed.body.dirty).toBe(true);
    });

    it('When an answer has the wrong type, then ANSWERS_INVALID and the draft is unchanged', async () => {
      const { token } = await freshEnterprise();
      const started = await api.post('/api/attempts', { clientKey: 'device-a-0003' }, token);
      const numeric = defaultQuestionnaire.dimensions.flatMap((d) => d.sections.flatMap((s) => s.questions)).find((q) => q.type === 'numeric')!;
      const bad = await api.patch('/api/attempts/current/draft', { baseRevision: started.body.revision, set: { [numeric.id]: 'lots' } }, token);
      expect(bad.status).toBe(422);
      const draft = await api.get('/api/attempts/current/draft', token);
      expect(draft.body.revision).toBe(started.body.revision);
    });
  });

  describe('POST /api/attempts', () => {
    it('When started twice with the same client key, then the same draft comes back', async () => {
      const { token } = await freshEnterprise();
      const a = await api.post('/api/attempts', { clientKey: 'same-key-0001' }, token);
      const b = await api.post('/api/attempts', { clientKey: 'same-key-0001' }, token);
      expect(b.body).toEqual(a.body);
    });
  });
});

describe('X-HTTP-Method-Override (WeChat cannot send PATCH)', () => {
  it('When the mini-program POSTs a draft save with the override header, then it is handled as the PATCH', async () => {
    const { startTestBff: start } = await import('../helpers/bff');
    const bff = await start();
    try {
      const api = apiClient(bff.url);
      const campaign = await createCampaign(bff.services);
      const [enterprise] = await createEnterprises(bff.services, campaign._id, [enterpriseRow()]);
      const token = await login(api, enterprise!);
      const started = await api.post('/api/attempts', { clientKey: 'weapp-device-01' }, token);
      const saved = await api.raw('POST', '/api/attempts/current/draft', { body: { baseRevision: started.body.revision, set: {} }, token, headers: { 'x-http-method-override': 'PATCH' } });
      expect(saved.status).toBe(200);
      expect(saved.body.revision).toBe(started.body.revision + 1);
      const notOverridable = await api.raw('GET', '/api/attempts/current/draft', { token, headers: { 'x-http-method-override': 'DELETE' } });
      expect(notOverridable.status).toBe(200);
    } finally {
      await bff.stop();
    }
  });

  it('When the window has not opened yet, then WINDOW_NOT_OPEN says when it opens', async () => {
    const { startTestBff: start } = await import('../helpers/bff');
    const bff = await start();
    try {
      const api = apiClient(bff.url);
      const opensAt = new Date(Date.now() + 10 * 60_000);
      const campaign = await createCampaign(bff.services, { opensAt, closesAt: new Date(opensAt.getTime() + 60 * 60_000) });
      const [enterprise] = await createEnterprises(bff.services, campaign._id, [enterpriseRow()]);
      const token = await login(api, enterprise!);
      const response = await api.post('/api/attempts', { clientKey: 'early-device-01' }, token);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('WINDOW_NOT_OPEN');
      expect(response.body.details.opensAt).toMatch(/\+08:00$/);
    } finally {
      await bff.stop();
    }
  });
});
