import { defaultQuestionnaire } from '@assess/shared';
import { ensureRedis, type RunningRedis } from '../../scripts/lib/redis';
import { freePort, portAnswers } from '../../scripts/lib/net';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, type TestEnterprise, loginStaff } from '../helpers/factories';

/**
 * Redis goes away mid-campaign. This file starts its own redis-server (never the machine's
 * shared one) and stops it. Submits and draft saves must not notice; logins refuse with 503
 * LOGIN_UNAVAILABLE rather than allow unlimited guessing (the documented choice); both come back.
 */
describe('when Redis is down', () => {
  let redis: RunningRedis;
  let redisUrl: string;
  let bff: TestBff;
  let api: ApiClient;
  let enterprise: TestEnterprise;
  let token: string;
  let refreshToken: string;
  let staffToken: string;
  let campaignId: string;

  beforeAll(async () => {
    redisUrl = `redis://127.0.0.1:${await freePort()}`;
    redis = await ensureRedis(redisUrl, () => undefined);
    expect(redis.startedHere).toBe(true);
    bff = await startTestBff({ env: { REDIS_URL: redisUrl } });
    api = apiClient(bff.url);
    const campaign = await createCampaign(bff.services);
    campaignId = String(campaign._id);
    [enterprise] = (await createEnterprises(bff.services, campaign._id, [enterpriseRow()])) as [TestEnterprise];
    const pair = await api.post('/api/auth/enterprise/login', { scene: enterprise.sceneToken, key: enterprise.key });
    ({ token, refreshToken } = pair.body as { token: string; refreshToken: string });
    await bff.services.staff.upsert({ username: 'outage_nat', displayName: '国家局', password: 'Outage2026national', role: 'national' });
    staffToken = await loginStaff(api, 'outage_nat', 'Outage2026national');
    await redis.stop();
    expect(await portAnswers(Number(new URL(redisUrl).port))).toBe(false);
  });
  afterAll(async () => {
    await bff.stop();
    await redis.stop();
  });

  it('When an enterprise saves its draft and submits, then both succeed as usual', async () => {
    const started = await api.post('/api/attempts', { clientKey: 'outage-device-1' }, token);
    expect(started.status).toBe(200);
    const answers = completeAnswers(defaultQuestionnaire);
    const saved = await api.patch('/api/attempts/current/draft', { baseRevision: started.body.revision, set: answers }, token);
    expect(saved.status).toBe(200);
    const key = idempotencyKey('outage');
    const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: key, answers }, token);
    expect(submitted.status).toBe(201);
    const again = await api.post('/api/attempts/current/submit', { idempotencyKey: key, answers }, token);
    expect(again.body.receipt).toEqual(submitted.body.receipt);
    expect((await api.get('/api/me', token)).body.finalAttemptId).toBe(submitted.body.receipt.attemptId);
  });

  it('When someone logs in, then 503 LOGIN_UNAVAILABLE (no unlimited guessing), while staff already logged in keep working', async () => {
    const enterpriseLogin = await api.post('/api/auth/enterprise/login', { scene: enterprise.sceneToken, key: enterprise.key });
    expect({ status: enterpriseLogin.status, code: enterpriseLogin.body.code }).toEqual({ status: 503, code: 'LOGIN_UNAVAILABLE' });
    const staffLogin = await api.post('/api/auth/staff/login', { username: 'outage_nat', password: 'Outage2026national' });
    expect({ status: staffLogin.status, code: staffLogin.body.code }).toEqual({ status: 503, code: 'LOGIN_UNAVAILABLE' });
    const table = await api.get(`/api/dashboard/enterprises?campaignId=${campaignId}`, staffToken);
    expect(table.status).toBe(200);
    expect(table.body.rows[0].status).toBe('submitted');
  });

  it('When a session is refreshed or ended, then 503 LOGIN_UNAVAILABLE (reuse cannot be checked), and its access token keeps working', async () => {
    const refreshed = await api.post('/api/auth/refresh', { refreshToken });
    expect({ status: refreshed.status, code: refreshed.body.code }).toEqual({ status: 503, code: 'LOGIN_UNAVAILABLE' });
    const out = await api.post('/api/auth/logout', { refreshToken });
    expect({ status: out.status, code: out.body.code }).toEqual({ status: 503, code: 'LOGIN_UNAVAILABLE' });
    expect((await api.get('/api/me', token)).status).toBe(200);
  });

  it('When Redis comes back, then logins work again', async () => {
    redis = await ensureRedis(redisUrl, () => undefined);
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await api.post('/api/auth/enterprise/login', { scene: enterprise.sceneToken, key: enterprise.key })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
  });
});
