import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient } from '../helpers/http';
import { repoRoot } from '../../scripts/lib/paths';
import { loginStaff } from '../helpers/factories';

/** Guessable staff passwords are refused alike by the API and `npm run staff` (issue 13, item 11). */
describe('weak staff passwords', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff();
  });
  afterAll(async () => {
    await bff.stop();
  });

  it('When the national bureau creates an account or resets a password with a guessable password, then 400 VALIDATION_FAILED saying so; a strong one is accepted', async () => {
    const api = apiClient(bff.url);
    await bff.services.staff.upsert({ username: 'pw_admin', displayName: '国家局', password: 'Lantern2026harbour', role: 'national' });
    const token = await loginStaff(api, 'pw_admin', 'Lantern2026harbour');
    const account = { username: 'pw_region', displayName: '广东', role: 'region', regionCode: '440000' };
    for (const password of ['Password123', 'aaaaaaaaa1']) {
      const refused = await api.post('/api/admin/staff', { ...account, password }, token);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(refused.body.details)).toMatch(/太容易被猜到/);
    }
    const created = await api.post('/api/admin/staff', { ...account, password: 'Correct2026horse' }, token);
    expect(created.status).toBe(201);
    const reset = await api.patch(`/api/admin/staff/${created.body.id}`, { password: 'Password123' }, token);
    expect({ status: reset.status, code: reset.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('When npm run staff is given a guessable password, then it refuses before touching the database', () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(repoRoot, 'scripts', 'create-staff.ts'), '--username', 'cli_admin', '--password', 'Password123'], {
      cwd: repoRoot,
      encoding: 'utf8',
      // Nothing answers here: a refusal must come from the schema, not from a failed connection.
      env: { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:9/none', REDIS_URL: 'redis://127.0.0.1:9' },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/password：密码太容易被猜到/);
  });
});
