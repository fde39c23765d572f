import { defaultQuestionnaire } from '@assess/shared';
import { Types } from 'mongoose';
import { startTestBff, uniqueName, type TestBff } from '../helpers/bff';
import { apiClient } from '../helpers/http';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login, testAdmin } from '../helpers/factories';

describe('POST /api/auth/enterprise/login', () => {
  let one: TestBff;
  let two: TestBff;
  const dbName = uniqueName('auth');
  const keyPrefix = `test:${dbName}:`;

  beforeAll(async () => {
    // Two BFF instances on one database and one Redis, as behind a load balancer.
    one = await startTestBff({ dbName, keyPrefix });
    two = await startTestBff({ dbName, keyPrefix });
  });
  afterAll(async () => {
    await Promise.all([one.stop(), two.stop()]);
  });

  async function enterprise() {
    const campaign = await createCampaign(one.services);
    const [created] = await createEnterprises(one.services, campaign._id, [enterpriseRow()]);
    return created!;
  }

  it('When wrong keys are tried 10 times across two instances, then the key locks with Retry-After, even for the right key', async () => {
    const target = await enterprise();
    const apis = [apiClient(one.url), apiClient(two.url)];
    const triesLeft: number[] = [];
    for (let i = 0; i < 9; i++) {
      const response = await apis[i % 2]!.post('/api/auth/enterprise/login', { scene: target.sceneToken, key: 'WRONGKEY2345' });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('KEY_WRONG');
      triesLeft.push(response.body.details.triesLeft);
    }
    expect(triesLeft).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const tenth = await apis[1]!.post('/api/auth/enterprise/login', { scene: target.sceneToken, key: 'WRONGKEY2345' });
    expect(tenth.status).toBe(429);
    expect(tenth.body.code).toBe('KEY_LOCKED');
    expect(Number(tenth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(tenth.body.details.lockedUntil).toMatch(/\+08:00$/);
    const right = await apis[0]!.post('/api/auth/enterprise/login', { scene: target.sceneToken, key: target.key });
    expect(right.body.code).toBe('KEY_LOCKED');
  });

  it('When logged in on one instance, then the token works on the other for a submit', async () => {
    const target = await enterprise();
    const token = await login(apiClient(one.url), target);
    const response = await apiClient(two.url).post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey(), answers: completeAnswers(defaultQuestionnaire) }, token);
    expect(response.status).toBe(201);
  });

  it('When the key is typed in lower case with spaces, then it is accepted', async () => {
    const target = await enterprise();
    const typed = `${target.key.slice(0, 4).toLowerCase()} ${target.key.slice(4)}`;
    const response = await apiClient(one.url).post('/api/auth/enterprise/login', { scene: target.sceneToken, key: typed });
    expect(response.status).toBe(200);
  });

  it('When logging in from a PC with USCC + key, then it works; a malformed USCC is USCC_INVALID', async () => {
    const target = await enterprise();
    const api = apiClient(one.url);
    expect((await api.post('/api/auth/enterprise/login', { uscc: target.uscc, key: target.key })).status).toBe(200);
    const bad = await api.post('/api/auth/enterprise/login', { uscc: '123', key: target.key });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('USCC_INVALID');
  });

  it('When the key is reset, then tokens issued before stop working (401)', async () => {
    const target = await enterprise();
    const api = apiClient(one.url);
    const token = await login(api, target);
    expect((await api.get('/api/me', token)).status).toBe(200);
    await one.services.enterprises.resetKey(new Types.ObjectId(target.id), testAdmin, '127.0.0.1');
    const after = await api.get('/api/me', token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('TOKEN_INVALID');
    const old = await api.post('/api/auth/enterprise/login', { scene: target.sceneToken, key: target.key });
    expect(old.body.code).toBe('KEY_WRONG');
  });

  it('When a refresh token is exchanged, then a working access token comes back', async () => {
    const target = await enterprise();
    const api = apiClient(one.url);
    const pair = await api.post('/api/auth/enterprise/login', { scene: target.sceneToken, key: target.key });
    const refreshed = await api.post('/api/auth/refresh', { refreshToken: pair.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await api.get('/api/me', refreshed.body.token)).status).toBe(200);
    const misuse = await api.get('/api/me', pair.body.refreshToken);
    expect(misuse.status).toBe(401);
  });

  it('When the scene is unknown, then ENTERPRISE_NOT_FOUND with a Chinese message', async () => {
    const response = await apiClient(one.url).post('/api/auth/enterprise/login', { scene: 'Unknown0Scene000', key: 'ABCDEFGHJKMN' });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ENTERPRISE_NOT_FOUND');
    expect(response.body.message).toMatch(/未找到/);
  });
});
