import jwt from 'jsonwebtoken';
import { Types } from 'mongoose';
import { startTestBff, uniqueName, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient, type ApiResponse } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { createCampaign, createEnterprises, enterpriseRow, type TestEnterprise } from '../helpers/factories';
import { REFRESH_REPLAY_SECONDS } from '../../bff/src/modules/auth/sessions';
import { ACCESS_TOKEN_SECONDS, SESSION_MAX_SECONDS } from '../../bff/src/lib/jwt';

/**
 * Sessions (issue 13): refresh tokens are spent by their exchange, a spent one shown again ends
 * the session, sessions end at an absolute lifetime, logout ends them at once, token answers are
 * never cached — across two instances on one database and one Redis.
 */

const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
const refusal = (response: ApiResponse) => ({ status: response.status, code: response.body?.code });
const HOUR = 3_600_000;

describe('sessions', () => {
  let one: TestBff;
  let two: TestBff;
  let api: ApiClient;
  let other: ApiClient;
  const clock = new TestClock();
  const dbName = uniqueName('sessions');
  const keyPrefix = `test:${dbName}:`;
  let campaignId: Types.ObjectId;

  beforeAll(async () => {
    one = await startTestBff({ dbName, keyPrefix, clock });
    two = await startTestBff({ dbName, keyPrefix, clock });
    api = apiClient(one.url);
    other = apiClient(two.url);
    // Open for three days, so the absolute lifetime (not the window) is what ends a session below.
    campaignId = (await createCampaign(one.services, { closesAt: new Date(Date.now() + 72 * HOUR) }))._id;
  });
  afterAll(async () => {
    await Promise.all([one.stop(), two.stop()]);
  });
  afterEach(() => clock.release());

  async function enterprise(): Promise<TestEnterprise> {
    const [created] = await createEnterprises(one.services, campaignId, [enterpriseRow()]);
    return created!;
  }
  const loginOf = async (target: TestEnterprise) => {
    const response = await api.post('/api/auth/enterprise/login', { scene: target.sceneToken, key: target.key });
    expect(response.status).toBe(200);
    return response.body as { token: string; refreshToken: string; expiresAt: string };
  };
  const refresh = (client: ApiClient, refreshToken: string) => client.post('/api/auth/refresh', { refreshToken });

  describe('POST /api/auth/refresh', () => {
    it('When a refresh token is exchanged, then the answer carries a new refresh token, and the old one, shown again later on the other instance, ends the whole session', async () => {
      const first = await loginOf(await enterprise());
      const second = await refresh(api, first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await api.get('/api/me', second.body.token)).status).toBe(200);

      // Someone kept a copy of the first refresh token and uses it once the replay grace is over.
      clock.shift((REFRESH_REPLAY_SECONDS + 5) * 1000);
      expect(refusal(await refresh(other, first.refreshToken))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      // Every token of the session is now dead: the rightful holder's too, so the thief's are.
      expect(refusal(await refresh(api, second.body.refreshToken))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect(refusal(await other.get('/api/me', second.body.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect(refusal(await api.get('/api/me', first.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      const events = await one.services.models.audit.collection.find({ action: 'session.reuse_detected', target: payloadOf(first.token).sub }).toArray();
      expect(events).toHaveLength(1);
    });

    it('When a refresh is retried at once (its answer was lost), then it gets the very same pair, and the session goes on', async () => {
      const first = await loginOf(await enterprise());
      const answers = await Promise.all([refresh(api, first.refreshToken), refresh(other, first.refreshToken)]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(answers[1]!.body).toEqual(answers[0]!.body);
      const third = await refresh(other, answers[0]!.body.refreshToken);
      expect(third.status).toBe(200);
      expect((await api.get('/api/me', third.body.token)).status).toBe(200);
    });

    it('When a spent token comes back after the token it was exchanged for was spent too, then it is a reuse even within the grace', async () => {
      const first = await loginOf(await enterprise());
      const second = await refresh(api, first.refreshToken);
      const third = await refresh(api, second.body.refreshToken);
      expect(third.status).toBe(200);
      expect(refusal(await refresh(other, first.refreshToken))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect(refusal(await api.get('/api/me', third.body.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    });

    it(`When a session is refreshed for ever, then it still ends ${SESSION_MAX_SECONDS.enterprise / 3600} hours after its login, and no token outlives that`, async () => {
      const loginAt = new Date();
      clock.pin(loginAt);
      let pair = await loginOf(await enterprise());
      const end = Math.floor(loginAt.getTime() / 1000) + SESSION_MAX_SECONDS.enterprise;
      let refreshes = 0;
      for (let at = loginAt.getTime() + ACCESS_TOKEN_SECONDS * 1000 - 60_000; at < end * 1000; at += ACCESS_TOKEN_SECONDS * 1000 - 60_000) {
        clock.pin(new Date(at));
        const next = await refresh(refreshes % 2 ? other : api, pair.refreshToken);
        expect(next.status).toBe(200);
        pair = next.body;
        for (const token of [pair.token, pair.refreshToken]) expect(payloadOf(token).exp).toBeLessThanOrEqual(end);
        refreshes++;
      }
      expect(refreshes).toBeGreaterThanOrEqual(12);
      clock.pin(new Date(end * 1000));
      expect(refusal(await refresh(api, pair.refreshToken))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect(refusal(await api.get('/api/me', pair.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    });

    it('When a refresh token names a subject that is not an id, then 401 TOKEN_INVALID, never a server error', async () => {
      const pair = await loginOf(await enterprise());
      const { iss: _iss, aud: _aud, sub: _sub, ...claims } = payloadOf(pair.refreshToken);
      const { secret, issuer, audience } = one.config.jwt;
      for (const subject of ['not-an-object-id', 'zzzzzzzzzzzzzzzzzzzzzzzz', '12345', '$gt']) {
        const forged = jwt.sign(claims, secret, { algorithm: 'HS256', issuer, audience, subject });
        expect(refusal(await refresh(api, forged))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
        expect(refusal(await api.get('/api/me', jwt.sign({ ...claims, use: 'access' }, secret, { algorithm: 'HS256', issuer, audience, subject })))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      }
      const staffLike = jwt.sign({ ...claims, role: 'staff', staffRole: 'national', pv: 0 }, secret, { algorithm: 'HS256', issuer, audience, subject: 'admin' });
      expect(refusal(await refresh(api, staffLike))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    });
  });

  describe('POST /api/auth/logout', () => {
    it('When an enterprise logs out, then its access and refresh tokens stop at once on both instances, and its other device stays logged in', async () => {
      const target = await enterprise();
      const phone = await loginOf(target);
      const pc = await loginOf(target);
      const out = await api.post('/api/auth/logout', { refreshToken: phone.refreshToken });
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ loggedOut: true });
      expect(refusal(await other.get('/api/me', phone.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect(refusal(await api.post('/api/attempts', { clientKey: 'after-logout-1' }, phone.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect(refusal(await refresh(other, phone.refreshToken))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect((await other.get('/api/me', pc.token)).status).toBe(200);
      // Logging out twice is harmless.
      expect((await other.post('/api/auth/logout', { refreshToken: phone.refreshToken })).status).toBe(200);
      expect(await one.services.models.audit.collection.countDocuments({ action: 'enterprise.logout', target: target.id })).toBe(2);
    });

    it('When a staff member logs out, then the workbench refuses their token at once', async () => {
      const username = `logout_${Date.now().toString(36)}`;
      await one.services.staff.upsert({ username, displayName: '广东', password: 'Lantern2026harbour', role: 'region', regionCode: '440000' });
      const login = await api.post('/api/auth/staff/login', { username, password: 'Lantern2026harbour' });
      expect(login.status).toBe(200);
      expect((await other.get('/api/staff/me', login.body.token)).status).toBe(200);
      expect((await api.post('/api/auth/logout', { refreshToken: login.body.refreshToken })).status).toBe(200);
      expect(refusal(await other.get('/api/staff/me', login.body.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect(refusal(await api.get(`/api/dashboard/overview?campaignId=${String(campaignId)}`, login.body.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      expect(refusal(await refresh(other, login.body.refreshToken))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    });

    it('When the token is not one of ours, then 401 TOKEN_INVALID', async () => {
      expect(refusal(await api.post('/api/auth/logout', { refreshToken: 'not.a.token' }))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    });
  });

  it('When tokens are handed out (logins, refresh, logout), then the answer says Cache-Control: no-store', async () => {
    const target = await enterprise();
    const username = `nostore_${Date.now().toString(36)}`;
    await one.services.staff.upsert({ username, displayName: '国家局', password: 'Lantern2026harbour', role: 'national' });
    const byScene = await api.post('/api/auth/enterprise/login', { scene: target.sceneToken, key: target.key });
    const byUscc = await api.post('/api/auth/enterprise/login', { uscc: target.uscc, key: target.key });
    const staff = await api.post('/api/auth/staff/login', { username, password: 'Lantern2026harbour' });
    const refreshed = await refresh(api, byScene.body.refreshToken);
    const out = await api.post('/api/auth/logout', { refreshToken: refreshed.body.refreshToken });
    for (const response of [byScene, byUscc, staff, refreshed, out]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('pragma')).toBe('no-cache');
    }
  });
});
