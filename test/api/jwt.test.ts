import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Types } from 'mongoose';
import { routeTable } from '../../bff/src/routes';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { testAdmin } from '../helpers/factories';
import { createWorld, type World } from '../helpers/world';
import { codeOf, legitimateRequest, routeKey, send } from '../helpers/routeProbe';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const partsOf = (token: string) => token.split('.') as [string, string, string];
const payloadOf = (token: string) => JSON.parse(Buffer.from(partsOf(token)[1], 'base64url').toString('utf8')) as Record<string, unknown>;

describe('JWT verification', () => {
  let bff: TestBff;
  let api: ApiClient;
  let world: World;
  const clock = new TestClock();
  let secret: string;
  let issuer: string;
  let audience: string;

  beforeAll(async () => {
    bff = await startTestBff({ clock });
    api = apiClient(bff.url);
    world = await createWorld(bff);
    ({ secret, issuer, audience } = bff.config.jwt);
  }, 120_000);
  afterAll(async () => {
    await bff.stop();
  });
  afterEach(() => clock.release());

  /** A token made the way the BFF makes them, from the claims of a real one; `change` edits what the attacker edits. */
  function forge(from: string, change: { payload?: Record<string, unknown>; options?: jwt.SignOptions; key?: jwt.Secret } = {}): string {
    const { iss: _iss, aud: _aud, sub, ...claims } = payloadOf(from);
    return jwt.sign({ ...claims, ...change.payload }, change.key ?? secret, { algorithm: 'HS256', issuer, audience, subject: String(sub), ...change.options });
  }

  const me = (token: string) => api.get('/api/me', token);
  const staffMe = (token: string) => api.get('/api/staff/me', token);
  const refusedAs = (response: { status: number; body: { code?: string } }) => ({ status: response.status, code: response.body.code });

  it('When a token is forged with our secret and the same claims, then it is accepted (so the refusals below are about the change alone)', async () => {
    expect((await me(forge(world.enterprises.a.token))).status).toBe(200);
    expect((await staffMe(forge(world.staff.national.token))).status).toBe(200);
  });

  it('When the header says alg "none" (with or without a signature), then 401 TOKEN_INVALID', async () => {
    for (const source of [world.enterprises.a.token, world.staff.national.token]) {
      const [, body, signature] = partsOf(source);
      for (const alg of ['none', 'None', 'NONE']) {
        for (const token of [`${b64({ alg, typ: 'JWT' })}.${body}.`, `${b64({ alg, typ: 'JWT' })}.${body}.${signature}`]) {
          const call = source === world.enterprises.a.token ? me : staffMe;
          expect(refusedAs(await call(token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
        }
      }
    }
  });

  it('When a token is signed with another algorithm (HS384/HS512 with our secret, RS256/ES256 with the attacker’s key), then 401', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const source = world.enterprises.a.token;
    const forged = [
      forge(source, { options: { algorithm: 'HS384' } }),
      forge(source, { options: { algorithm: 'HS512' } }),
      forge(source, { options: { algorithm: 'RS256' }, key: rsa.privateKey }),
      forge(source, { options: { algorithm: 'ES256' }, key: ec.privateKey }),
      // Algorithm confusion: HS256 keyed with a public key the attacker knows.
      forge(source, { key: rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string }),
    ];
    for (const token of forged) expect(refusedAs(await me(token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('When a token is signed with another secret, then 401', async () => {
    expect(refusedAs(await me(forge(world.enterprises.a.token, { key: 'an-attacker-secret-of-sufficient-length!' })))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('When the token has expired by the server’s clock, then 401; one second before, it works', async () => {
    const token = world.enterprises.a.token;
    const exp = payloadOf(token).exp as number;
    clock.pin(new Date((exp - 1) * 1000));
    expect((await me(token)).status).toBe(200);
    clock.pin(new Date(exp * 1000));
    expect(refusedAs(await me(token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    clock.release();
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect(refusedAs(await me(forge(token, { payload: { iat: past - 7200, exp: past } })))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('When the token is not valid yet (nbf in the future), then 401', async () => {
    const nbf = Math.floor(Date.now() / 1000) + 600;
    expect(refusedAs(await me(forge(world.enterprises.a.token, { payload: { nbf } })))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    expect(refusedAs(await staffMe(forge(world.staff.national.token, { payload: { nbf } })))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('When the issuer or the audience is wrong or missing, then 401', async () => {
    const source = world.enterprises.a.token;
    const { iss: _iss, aud: _aud, sub, ...claims } = payloadOf(source);
    const variants = [
      forge(source, { options: { issuer: 'someone-else' } }),
      forge(source, { options: { audience: 'another-app' } }),
      jwt.sign({ ...claims }, secret, { algorithm: 'HS256', audience, subject: String(sub) }),
      jwt.sign({ ...claims }, secret, { algorithm: 'HS256', issuer, subject: String(sub) }),
    ];
    for (const token of variants) expect(refusedAs(await me(token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('When the payload is tampered with and the signature kept (another enterprise, a staff role, a later expiry), then 401', async () => {
    const [header, body, signature] = partsOf(world.enterprises.a.token);
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = [
      { ...claims, sub: world.enterprises.b.id },
      { ...claims, role: 'staff', staffRole: 'national', region: null, city: null, pv: 0 },
      { ...claims, exp: (claims.exp as number) + 86_400 },
      { ...claims, kv: (claims.kv as number) + 1 },
    ];
    for (const payload of tampered) expect(refusedAs(await me(`${header}.${b64(payload)}.${signature}`))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    const staff = partsOf(world.staff.cityBureau.token);
    const staffClaims = JSON.parse(Buffer.from(staff[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    const widened = `${staff[0]}.${b64({ ...staffClaims, staffRole: 'national', region: null, city: null })}.${staff[2]}`;
    expect(refusedAs(await staffMe(widened))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('When claims are missing or of the wrong type, then 401', async () => {
    const source = world.enterprises.a.token;
    for (const payload of [{ role: undefined }, { kv: '1' }, { cid: 42 }, { use: undefined }, { role: 'admin' }]) {
      expect(refusedAs(await me(forge(source, { payload })))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    }
  });

  it('When a refresh token is sent as an access token, or an access token to refresh, then 401', async () => {
    expect(refusedAs(await me(world.enterprises.a.refreshToken))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    expect(refusedAs(await api.post('/api/auth/refresh', { refreshToken: world.enterprises.a.token }))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('When the Authorization header is malformed or the token rides elsewhere, then 401 UNAUTHENTICATED', async () => {
    const token = world.enterprises.a.token;
    for (const authorization of [`bearer ${token}`, `Bearer  ${token}`, `Basic ${token}`, token, `Bearer ${token} extra`, 'Bearer ']) {
      const response = await api.raw('GET', '/api/me', { headers: { authorization } });
      expect(refusedAs(response)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    }
    expect(refusedAs(await api.get(`/api/me?token=${token}&access_token=${token}`))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  describe('revocation', () => {
    it('When an enterprise’s key is reset, then every enterprise route refuses tokens issued before (401), and the refresh token too', async () => {
      const a = world.enterprises.a;
      await bff.services.enterprises.resetKey(new Types.ObjectId(a.id), testAdmin, '127.0.0.1');
      const answers: Array<{ route: string; status: number; code: string | null }> = [];
      for (const route of routeTable.filter((r) => r.access.kind === 'enterprise')) {
        const response = await send(bff.url, legitimateRequest(world, route, 'enterpriseA'));
        answers.push({ route: routeKey(route), status: response.status, code: codeOf(response) });
      }
      expect(answers.filter((answer) => answer.status !== 401)).toEqual([]);
      expect(refusedAs(await api.post('/api/auth/refresh', { refreshToken: a.refreshToken }))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
      // Enterprise B, whose key did not change, is unaffected.
      expect((await me(world.enterprises.b.token)).status).toBe(200);
    });

    it('When a staff password is changed, then every route that account could call refuses tokens issued before (401)', async () => {
      const staff = world.staff.cityBureau;
      await bff.services.staff.update(staff.id, { password: 'Changed2026password' }, { id: null, ip: null });
      const answers: Array<{ route: string; status: number }> = [];
      for (const route of routeTable.filter((r) => r.access.kind === 'staff' && r.access.roles.includes('city'))) {
        const response = await send(bff.url, legitimateRequest(world, route, 'cityBureau'));
        answers.push({ route: routeKey(route), status: response.status });
      }
      expect(answers.filter((answer) => answer.status !== 401)).toEqual([]);
    });

    it('When a staff account is disabled, then its token stops working at once (401)', async () => {
      const staff = world.staff.otherRegionBureau;
      expect((await staffMe(staff.token)).status).toBe(200);
      await bff.services.staff.update(staff.id, { disabled: true }, { id: null, ip: null });
      expect(refusedAs(await staffMe(staff.token))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    });
  });
});
