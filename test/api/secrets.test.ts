import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { defaultQuestionnaire } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey } from '../helpers/factories';

/**
 * Secrets at rest and in logs: keys and passwords only as slow hashes, and no key, token or
 * password in any log line, at the most verbose level, through a whole working day's calls.
 */
describe('secrets and surface', () => {
  let bff: TestBff;
  let api: ApiClient;
  let h5Dir: string;

  beforeAll(async () => {
    h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'));
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><html><body>测评</body></html>');
    bff = await startTestBff({ env: { LOG_LEVEL: 'trace', H5_DIR: h5Dir } });
    api = apiClient(bff.url);
  });
  afterAll(async () => {
    await bff.stop();
    fs.rmSync(h5Dir, { recursive: true, force: true });
  });

  it('When enterprises log in, submit, get their keys reset and staff log in and manage accounts, then no key, token, password or hash appears in any log line', async () => {
    const secrets = new Set<string>();
    const keep = (value: unknown) => {
      if (typeof value === 'string' && value.length >= 8) secrets.add(value);
    };
    const campaign = await createCampaign(bff.services);
    const [a, b] = await createEnterprises(bff.services, campaign._id, [enterpriseRow(), enterpriseRow()]);
    for (const enterprise of [a!, b!]) {
      keep(enterprise.key);
      keep(enterprise.key.toLowerCase());
    }
    const adminPassword = 'Secret2026national';
    const regionPassword = 'Secret2026region1';
    keep(adminPassword);
    keep(regionPassword);
    await bff.services.staff.upsert({ username: 'sec_admin', displayName: '国家局', password: adminPassword, role: 'national' });

    // Enterprise A: scene login, a wrong key, USCC login typed loosely, refresh, start, save, submit.
    const wrongKey = 'ZZZZ9999ZZZZ';
    keep(wrongKey);
    expect((await api.post('/api/auth/enterprise/login', { scene: a!.sceneToken, key: wrongKey })).status).toBe(401);
    const pair = await api.post('/api/auth/enterprise/login', { scene: a!.sceneToken, key: a!.key });
    const typed = `${a!.key.slice(0, 4).toLowerCase()} ${a!.key.slice(4)}`;
    keep(typed);
    const byUscc = await api.post('/api/auth/enterprise/login', { uscc: a!.uscc, key: typed });
    for (const response of [pair, byUscc]) {
      expect(response.status).toBe(200);
      keep(response.body.token);
      keep(response.body.refreshToken);
    }
    const refreshed = await api.post('/api/auth/refresh', { refreshToken: pair.body.refreshToken });
    keep(refreshed.body.token);
    keep(refreshed.body.refreshToken);
    const token = pair.body.token as string;
    const started = await api.post('/api/attempts', { clientKey: 'secret-device-1' }, token);
    await api.patch('/api/attempts/current/draft', { baseRevision: started.body.revision, set: completeAnswers(defaultQuestionnaire) }, token);
    expect((await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('sec'), answers: completeAnswers(defaultQuestionnaire) }, token)).status).toBe(201);
    // A malformed body that carries a key, and a request with a revoked token.
    await api.raw('POST', '/api/auth/enterprise/login', { raw: `{"scene":"${a!.sceneToken}","key":"${a!.key}"`, headers: { 'content-type': 'application/json' } });

    // Staff: a wrong password, a login, a key reset and a key sheet, a new account, a password change.
    const wrongPassword = 'NotThePassword99';
    keep(wrongPassword);
    expect((await api.post('/api/auth/staff/login', { username: 'sec_admin', password: wrongPassword })).status).toBe(401);
    const staff = await api.post('/api/auth/staff/login', { username: 'sec_admin', password: adminPassword });
    keep(staff.body.token);
    keep(staff.body.refreshToken);
    const reset = await api.post(`/api/admin/enterprises/${a!.id}/key-reset`, undefined, staff.body.token);
    expect(reset.status).toBe(200);
    keep(reset.body.key);
    expect((await api.get('/api/me', token)).status).toBe(401);
    const sheet = await api.post(`/api/admin/campaigns/${String(campaign._id)}/key-sheets`, { regionCode: '440000', reissueAll: true }, staff.body.token);
    expect(sheet.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.body);
    workbook.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
      if (/^[23456789A-HJKMNP-Z]{12}$/.test(String(cell.text))) keep(String(cell.text));
    })));
    const created = await api.post('/api/admin/staff', { username: 'sec_region', displayName: '广东', password: regionPassword, role: 'region', regionCode: '440000' }, staff.body.token);
    expect(created.status).toBe(201);
    const changedPassword = 'Changed2026region';
    keep(changedPassword);
    expect((await api.patch(`/api/admin/staff/${created.body.id}`, { password: changedPassword }, staff.body.token)).status).toBe(200);
    const region = await api.post('/api/auth/staff/login', { username: 'sec_region', password: changedPassword });
    keep(region.body.token);

    // What is stored: only argon2id hashes, never the secrets themselves.
    const stored = JSON.stringify([
      await bff.services.models.enterprises.collection.find({ campaignId: campaign._id }).toArray(),
      await bff.services.models.staff.collection.find({}).toArray(),
      await bff.services.models.audit.collection.find({}).toArray(),
    ]);
    const hashes = stored.match(/\$argon2id\$[^"]+/g) ?? [];
    expect(hashes.length).toBeGreaterThanOrEqual(4);
    for (const hash of hashes) {
      keep(hash);
      expect(hash).toMatch(/^\$argon2id\$v=19\$m=(4096|19456),t=2,p=1\$/);
    }
    for (const secret of [...secrets].filter((s) => !s.startsWith('$argon2'))) expect(stored.includes(secret)).toBe(false);
    keep(bff.config.jwt.secret);

    // The scan: every log line, whole, against every secret (and each JWT's signature alone).
    for (const jwt of [...secrets].filter((s) => s.split('.').length === 3)) keep(jwt.split('.')[2]);
    expect(secrets.size).toBeGreaterThan(20);
    const lines = bff.logs.map((line) => JSON.stringify(line));
    expect(lines.length).toBeGreaterThan(15);
    const leaks = lines.flatMap((line) => [...secrets].filter((secret) => line.includes(secret)).map((secret) => `${secret.slice(0, 6)}… in ${line.slice(0, 160)}`));
    expect(leaks).toEqual([]);
    // And the logs are useful: every request line carries its request id.
    const requests = bff.logs.filter((line) => line.msg === 'request');
    expect(requests.length).toBeGreaterThan(12);
    expect(requests.every((line) => typeof line.requestId === 'string')).toBe(true);
  });

  it('When the H5 app is served, then its pages carry the security headers (CSP, no framing, no sniffing)', async () => {
    for (const page of ['/', '/pages/entry/index']) {
      const response = await fetch(`${bff.url}${page}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('测评');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});
