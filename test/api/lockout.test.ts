import { Types } from 'mongoose';
import { startTestBff, uniqueName, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { createCampaign, createEnterprises, enterpriseRow, testAdmin, type TestEnterprise, loginStaff } from '../helpers/factories';
import { demoUscc } from '../../scripts/demo-data';
import { KEY_FAILURES_BEFORE_LOCK, PUBLIC_PATH_DELAYS } from '../../bff/src/modules/auth/service';
import { counters } from '../../bff/src/modules/auth/counters';

/**
 * Log-in on the public paths (issue 13): a stranger who knows an enterprise's USCC (it is on the
 * business licence) or a bureau's user name cannot lock the holder out, guessing stays
 * infeasible, a bureau sees and clears the counters, the USCC path tells nobody who is
 * registered, and it finds the enterprise in every campaign it is in.
 */

let lastIp = 0;
const freshIp = () => `198.51.100.${++lastIp % 250}`;
const WRONG_KEY = 'WRONGKEY2345';

interface Answer {
  status: number;
  body: any;
  retryAfter: number | null;
}

describe('public login paths', () => {
  let bff: TestBff;
  let api: ApiClient;
  const dbName = uniqueName('lockout');
  const keyPrefix = `test:${dbName}:`;
  let campaignId: Types.ObjectId;
  let tokens: { regionBureau: string; otherCityBureau: string; national: string };

  async function post(path: string, body: unknown, ip = freshIp()): Promise<Answer> {
    const response = await fetch(`${bff.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) });
    const retry = response.headers.get('retry-after');
    return { status: response.status, body: await response.json(), retryAfter: retry === null ? null : Number(retry) };
  }
  const byUscc = (uscc: string, key: string, extra: Record<string, unknown> = {}) => post('/api/auth/enterprise/login', { uscc, key, ...extra });
  const byScene = (target: TestEnterprise, key: string) => post('/api/auth/enterprise/login', { scene: target.sceneToken, key });
  /** The test does not wait out a delay: it opens the gate, as the passing of time would. */
  const waitOut = (uscc: string) => bff.services.limiter.reset(`${counters.uscc(uscc)}:gate`);

  async function staffToken(username: string, role: 'national' | 'region' | 'city', regionCode: string | null, cityCode: string | null): Promise<string> {
    await bff.services.staff.upsert({ username, displayName: username, password: 'Lantern2026harbour', role, regionCode, cityCode });
    return await loginStaff(api, username, 'Lantern2026harbour');
  }

  beforeAll(async () => {
    bff = await startTestBff({ dbName, keyPrefix, env: { TRUST_PROXY: 'true', DB_COMMAND_COUNTS: 'true' } });
    api = apiClient(bff.url);
    campaignId = (await createCampaign(bff.services))._id;
    tokens = {
      regionBureau: await staffToken('lock_gd', 'region', '440000', null),
      otherCityBureau: await staffToken('lock_fs', 'city', '440000', '440600'),
      national: await staffToken('lock_nat', 'national', null, null),
    };
  });
  afterAll(async () => {
    await bff.stop();
  });

  async function enterprise(campaign = campaignId): Promise<TestEnterprise> {
    const [created] = await createEnterprises(bff.services, campaign, [enterpriseRow({ region: '广东省', city: '广州市' })]);
    return created!;
  }

  describe('the USCC path', () => {
    it('When strangers send wrong keys for a USCC from many addresses, then they meet delays doubling up to 15 minutes — never a lock — and the key holder on the QR path gets in at once', async () => {
      const target = await enterprise();
      const waits: number[] = [];
      for (let i = 0; i < PUBLIC_PATH_DELAYS.free + 14; i++) {
        const guess = await byUscc(target.uscc, WRONG_KEY);
        expect({ status: guess.status, code: guess.body.code }).toEqual({ status: 401, code: 'USCC_OR_KEY_WRONG' });
        waits.push(guess.retryAfter ?? 0);
        if (guess.retryAfter) {
          // Not waiting does not help: the next try is refused before any key is checked, even the right
          // key. (Checked from the 2 s delay on, so a slow machine cannot outwait the gate between two calls.)
          if (guess.retryAfter >= 2) {
            const early = await byUscc(target.uscc, target.key);
            expect({ status: early.status, code: early.body.code }).toEqual({ status: 429, code: 'KEY_SLOWED' });
            expect(early.retryAfter).toBeGreaterThan(0);
            expect(early.body.details.nextTryAt).toMatch(/\+08:00$/);
          }
          await waitOut(target.uscc);
        }
      }
      expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
      // About a hundred guesses a day against 31^12 keys: guessing is infeasible.
      const perDay = PUBLIC_PATH_DELAYS.free + 10 + (86_400 - 1023) / PUBLIC_PATH_DELAYS.maxDelaySeconds;
      expect(perDay * 31 ** -12 * 365).toBeLessThan(1e-12);

      const holder = await byScene(target, target.key);
      expect(holder.status).toBe(200);
    });

    it('When a burst of guesses arrives together, then one key at most is checked per delay', async () => {
      const target = await enterprise();
      for (let i = 0; i < PUBLIC_PATH_DELAYS.free; i++) await byUscc(target.uscc, WRONG_KEY);
      const burst = await Promise.all(Array.from({ length: 8 }, () => byUscc(target.uscc, WRONG_KEY)));
      expect(burst.filter((answer) => answer.body.code === 'USCC_OR_KEY_WRONG')).toHaveLength(1);
      expect(burst.filter((answer) => answer.body.code === 'KEY_SLOWED')).toHaveLength(7);
    });

    it('When the QR path has locked after ten wrong keys, then the USCC path still lets the holder in: each path counts its own tries', async () => {
      const target = await enterprise();
      for (let i = 0; i < KEY_FAILURES_BEFORE_LOCK; i++) await byScene(target, WRONG_KEY);
      expect((await byScene(target, target.key)).body.code).toBe('KEY_LOCKED');
      expect((await byUscc(target.uscc, target.key)).status).toBe(200);
    });

    it('When a USCC nobody registered and a registered one with a wrong key are tried, then the answers are alike: status, code, body, delays and time', async () => {
      const target = await enterprise();
      const stranger = demoUscc('440100', 900_000 + Math.floor(Math.random() * 90_000));
      expect(await bff.services.models.enterprises.countDocuments({ uscc: stranger })).toBe(0);
      const shape = (answer: Answer) => ({ status: answer.status, body: { ...answer.body, details: answer.body.details ? Object.keys(answer.body.details) : null }, retryAfter: answer.retryAfter });
      for (let i = 0; i < PUBLIC_PATH_DELAYS.free + 3; i++) {
        const [known, unknown] = [await byUscc(target.uscc, WRONG_KEY), await byUscc(stranger, WRONG_KEY)];
        expect(shape(unknown)).toEqual(shape(known));
        expect(known.body.code).toBe('USCC_OR_KEY_WRONG');
        await Promise.all([waitOut(target.uscc), waitOut(stranger)]);
      }
      const early = [await byUscc(target.uscc, WRONG_KEY), await byUscc(stranger, WRONG_KEY)];
      await Promise.all([waitOut(target.uscc), waitOut(stranger)]);
      expect(shape(early[1]!)).toEqual(shape(early[0]!));

      // The same work, counted: every database command each answer sends (the background compactor's
      // collections aside). Wall time cannot show it reliably: a key check is ~1 ms of a ~10 ms answer,
      // less than a loaded machine's noise, while a skipped look-up or audit record shows here at once.
      const background = new Set(['summary_deltas', 'region_summaries', 'region_rosters', 'leases']);
      const commands = async () => {
        const { values } = await bff.services.metrics.dbCommands.get();
        return new Map(values.filter((v) => !background.has(String(v.labels.collection))).map((v) => [`${v.labels.command} ${v.labels.collection}`, v.value]));
      };
      const workOf = async (uscc: string) => {
        await bff.services.limiter.resetDelay(counters.uscc(uscc));
        const before = await commands();
        expect((await byUscc(uscc, WRONG_KEY)).body.code).toBe('USCC_OR_KEY_WRONG');
        const after = await commands();
        return Object.fromEntries([...after].map(([key, n]) => [key, n - (before.get(key) ?? 0)]).filter(([, n]) => n !== 0));
      };
      const knownWork = await workOf(target.uscc);
      expect(Object.keys(knownWork).length).toBeGreaterThan(0);
      expect(await workOf(stranger)).toEqual(knownWork);

      // And a loose look at the time, on the fastest of interleaved samples (what a loaded machine
      // only ever adds to): neither answer does a different kind of work.
      const time = async (uscc: string) => {
        await bff.services.limiter.resetDelay(counters.uscc(uscc));
        const started = process.hrtime.bigint();
        expect((await byUscc(uscc, WRONG_KEY)).body.code).toBe('USCC_OR_KEY_WRONG');
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 21; i++) {
        // Alternate which goes first, so neither gains from the other's warm-up.
        if (i % 2) unknown.push(await time(stranger));
        known.push(await time(target.uscc));
        if (!(i % 2)) unknown.push(await time(stranger));
      }
      const ratio = Math.min(...unknown) / Math.min(...known);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    });
  });

  describe('the bureau sees and clears login locks', () => {
    it('When an enterprise is slowed and locked, then its region bureau sees both, another city’s bureau may not, and clearing them is audited and lets the key in at once', async () => {
      const target = await enterprise();
      for (let i = 0; i < KEY_FAILURES_BEFORE_LOCK; i++) await byScene(target, WRONG_KEY);
      // Five tries past the free ones: the last leaves a 16 s delay, long enough to be seen below.
      for (let i = 0; i < PUBLIC_PATH_DELAYS.free + 5; i++) {
        await waitOut(target.uscc);
        await byUscc(target.uscc, WRONG_KEY);
      }
      const path = `/api/auth/locks/enterprises/${target.id}`;
      const seen = await api.get(path, tokens.regionBureau);
      expect(seen.status).toBe(200);
      expect(seen.body.scene).toMatchObject({ failures: KEY_FAILURES_BEFORE_LOCK, limit: KEY_FAILURES_BEFORE_LOCK });
      expect(seen.body.scene.lockedUntil).toMatch(/\+08:00$/);
      expect(seen.body.uscc.failures).toBe(PUBLIC_PATH_DELAYS.free + 5);
      expect(seen.body.uscc.nextTryAt).toMatch(/\+08:00$/);
      expect((await api.get(path, tokens.otherCityBureau)).body.code).toBe('FORBIDDEN');
      expect((await api.raw('DELETE', path, { token: tokens.otherCityBureau })).body.code).toBe('FORBIDDEN');

      const cleared = await api.raw('DELETE', path, { token: tokens.regionBureau });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({ scene: { failures: 0, limit: KEY_FAILURES_BEFORE_LOCK, lockedUntil: null }, uscc: { failures: 0, nextTryAt: null } });
      expect((await byUscc(target.uscc, target.key)).status).toBe(200);
      expect((await byScene(target, target.key)).status).toBe(200);
      const audit = await bff.services.models.audit.collection.find({ action: 'enterprise.login_lock_cleared', target: target.id }).toArray();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor).toMatchObject({ kind: 'staff' });
      expect(audit[0]!.details.before.scene.failures).toBe(KEY_FAILURES_BEFORE_LOCK);
    });

    it('When a staff user name is being guessed, then the national bureau sees the delay and the locked devices and clears both, audited', async () => {
      const username = `lock_target_${Date.now().toString(36)}`;
      const account = await bff.services.staff.upsert({ username, displayName: username, password: 'Lantern2026harbour', role: 'region', regionCode: '440000' });
      const device = (await post('/api/auth/staff/login', { username, password: 'Lantern2026harbour' })).body.deviceToken as string;
      for (let i = 0; i < 10; i++) await post('/api/auth/staff/login', { username, password: `Wrong${i}password`, deviceToken: device });
      for (let i = 0; i < PUBLIC_PATH_DELAYS.free + 5; i++) {
        await bff.services.limiter.reset(`${counters.staffName(username)}:gate`);
        await post('/api/auth/staff/login', { username, password: `Wrong${i}password` });
      }
      const path = `/api/auth/locks/staff/${String(account._id)}`;
      const seen = await api.get(path, tokens.national);
      expect(seen.status).toBe(200);
      expect(seen.body.untrusted.failures).toBe(PUBLIC_PATH_DELAYS.free + 5);
      expect(seen.body.untrusted.nextTryAt).toMatch(/\+08:00$/);
      expect(seen.body.lockedDevices).toBe(1);
      expect((await api.get(path, tokens.regionBureau)).body.code).toBe('FORBIDDEN');
      const cleared = await api.raw('DELETE', path, { token: tokens.national });
      expect(cleared.body).toEqual({ untrusted: { failures: 0, nextTryAt: null }, lockedDevices: 0 });
      expect((await post('/api/auth/staff/login', { username, password: 'Lantern2026harbour', deviceToken: device })).status).toBe(200);
      expect(await bff.services.models.audit.collection.countDocuments({ action: 'staff.login_lock_cleared', target: String(account._id) })).toBe(1);
    });
  });

  describe('an enterprise in several campaigns', () => {
    it('When a newer campaign exists, then the USCC login still finds the enterprise in the older open one', async () => {
      const older = await createCampaign(bff.services);
      const target = await enterprise(older._id);
      await createCampaign(bff.services);
      const login = await byUscc(target.uscc, target.key);
      expect(login.status).toBe(200);
      const claims = JSON.parse(Buffer.from(login.body.token.split('.')[1], 'base64url').toString('utf8'));
      expect(claims.cid).toBe(String(older._id));
      expect((await api.get('/api/me', login.body.token)).body.campaign.id).toBe(String(older._id));
    });

    it('When the enterprise is in two open campaigns and its key fits both, then the answer lists them to choose from, and naming one logs in there', async () => {
      const first = await createCampaign(bff.services);
      const second = await createCampaign(bff.services, { closesAt: new Date(Date.now() + 3 * 3_600_000) });
      const row = enterpriseRow({ region: '广东省', city: '广州市' });
      const [a] = await createEnterprises(bff.services, first._id, [row]);
      const [b] = await createEnterprises(bff.services, second._id, [row]);
      // The same key issued for both (the bureau handed the enterprise one key sheet).
      const { keyHash } = (await bff.services.models.enterprises.findById(a!.id).lean())!;
      await bff.services.models.enterprises.updateOne({ _id: new Types.ObjectId(b!.id) }, { $set: { keyHash } });

      const choice = await byUscc(a!.uscc, a!.key);
      expect(choice.status).toBe(200);
      expect(choice.body.token).toBeUndefined();
      expect(choice.body.choose.map((c: { campaignId: string }) => c.campaignId).sort()).toEqual([String(first._id), String(second._id)].sort());
      expect(choice.body.choose[0]).toMatchObject({ state: 'open', name: expect.any(String), year: 2026, closesAt: expect.stringMatching(/\+08:00$/) });

      const chosen = await byUscc(a!.uscc, a!.key, { campaignId: String(second._id) });
      expect(chosen.status).toBe(200);
      expect((await api.get('/api/me', chosen.body.token)).body.enterprise.id).toBe(b!.id);
      // A campaign the key does not open is just a wrong login.
      const elsewhere = await byUscc(a!.uscc, a!.key, { campaignId: String(campaignId) });
      expect(elsewhere.body.code).toBe('USCC_OR_KEY_WRONG');
      await bff.services.enterprises.resetKey(new Types.ObjectId(b!.id), testAdmin, '127.0.0.1');
      expect((await byUscc(a!.uscc, a!.key)).body.token).toEqual(expect.any(String));
    });
  });
});
