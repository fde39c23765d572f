import { defaultQuestionnaire } from '@assess/shared';
import { Types } from 'mongoose';
import { Redis } from 'ioredis';
import { startTestBff, uniqueName, type TestBff } from '../helpers/bff';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, type TestEnterprise } from '../helpers/factories';
import { KEY_FAILURES_BEFORE_LOCK, IP_LOGINS_PER_MINUTE, IP_FAILURES_PER_15_MIN, STAFF_FAILURES_BEFORE_LOCK, PUBLIC_PATH_DELAYS } from '../../bff/src/modules/auth/service';
import { counters } from '../../bff/src/modules/auth/counters';
import { DRAFT_SAVE_LIMIT_PER_MINUTE, SUBMIT_LIMITS } from '../../bff/src/modules/attempts/service';

/**
 * Guessing and flooding, across two BFF instances on one database and one Redis (as behind a
 * load balancer). Both trust X-Forwarded-For, so each test speaks from its own addresses; a third
 * instance that does not trust the proxy shows a client cannot pick its address.
 */

let lastIp = 0;
const freshIp = () => `203.0.113.${++lastIp}`;

interface Call {
  status: number;
  code?: string;
  retryAfter: number | null;
  body: any;
}

describe('brute force and abuse (two instances)', () => {
  let one: TestBff;
  let two: TestBff;
  let untrusting: TestBff;
  const dbName = uniqueName('abuse');
  const keyPrefix = `test:${dbName}:`;

  beforeAll(async () => {
    one = await startTestBff({ dbName, keyPrefix, env: { TRUST_PROXY: 'true' } });
    two = await startTestBff({ dbName, keyPrefix, env: { TRUST_PROXY: 'true' } });
    untrusting = await startTestBff({ dbName, keyPrefix });
  });
  afterAll(async () => {
    await Promise.all([one.stop(), two.stop(), untrusting.stop()]);
  });

  const instances = () => [one, two];
  async function call(bff: TestBff, method: string, path: string, options: { body?: unknown; token?: string; ip?: string } = {}): Promise<Call> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.ip) headers['x-forwarded-for'] = options.ip;
    const response = await fetch(`${bff.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const body = (await response.json()) as any;
    const retry = response.headers.get('retry-after');
    return { status: response.status, code: body.code, retryAfter: retry === null ? null : Number(retry), body };
  }
  const enterpriseLogin = (bff: TestBff, target: TestEnterprise, key: string, ip: string) => call(bff, 'POST', '/api/auth/enterprise/login', { body: { scene: target.sceneToken, key }, ip });
  const staffLogin = (bff: TestBff, username: string, password: string, ip: string) => call(bff, 'POST', '/api/auth/staff/login', { body: { username, password }, ip });

  async function enterprises(count: number): Promise<TestEnterprise[]> {
    const campaign = await createCampaign(one.services);
    return createEnterprises(one.services, campaign._id, Array.from({ length: count }, () => enterpriseRow()));
  }

  describe('enterprise keys', () => {
    it('When wrong keys are tried across both instances from changing addresses, then the tenth locks the key for 15 minutes, for the right key too', async () => {
      const [target] = await enterprises(1);
      const codes: Array<string | undefined> = [];
      for (let i = 0; i < KEY_FAILURES_BEFORE_LOCK; i++) codes.push((await enterpriseLogin(instances()[i % 2]!, target!, 'WRONGKEY2345', freshIp())).code);
      expect(codes).toEqual([...Array(KEY_FAILURES_BEFORE_LOCK - 1).fill('KEY_WRONG'), 'KEY_LOCKED']);
      const right = await enterpriseLogin(two, target!, target!.key, freshIp());
      expect({ status: right.status, code: right.code }).toEqual({ status: 429, code: 'KEY_LOCKED' });
      expect(right.retryAfter).toBeGreaterThan(14 * 60);
    });

    it('When the tenth guess races with more guesses across both instances, then no more than ten tries are ever checked, and the right key is refused after', async () => {
      const [target] = await enterprises(1);
      for (let i = 0; i < KEY_FAILURES_BEFORE_LOCK - 1; i++) expect((await enterpriseLogin(instances()[i % 2]!, target!, 'WRONGKEY2345', freshIp())).code).toBe('KEY_WRONG');
      // The last allowed try, and seven more in flight at the same moment. (All wrong: a right key
      // among them that won the last try would rightly reset the count, and the rest would race that.)
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => enterpriseLogin(instances()[i % 2]!, target!, `WRONGKEY234${2 + i}`, freshIp())));
      expect(burst.filter((response) => response.code === 'KEY_WRONG').length).toBeLessThanOrEqual(1);
      expect(burst.filter((response) => response.status >= 500)).toEqual([]);
      expect((await enterpriseLogin(two, target!, target!.key, freshIp())).code).toBe('KEY_LOCKED');
    });

    it('When one enterprise’s key is locked, then another enterprise logs in as usual', async () => {
      const [locked, other] = await enterprises(2);
      for (let i = 0; i < KEY_FAILURES_BEFORE_LOCK; i++) await enterpriseLogin(one, locked!, 'WRONGKEY2345', freshIp());
      expect((await enterpriseLogin(two, other!, other!.key, freshIp())).status).toBe(200);
    });
  });

  describe('staff passwords', () => {
    let serial = 0;
    async function account(): Promise<{ id: string; username: string; password: string }> {
      const username = `guessme${++serial}_${Date.now().toString(36)}`;
      const password = 'Correct2026horse';
      const doc = await one.services.staff.upsert({ username, displayName: username, password, role: 'region', regionCode: '440000' });
      return { id: String(doc._id), username, password };
    }
    /** The device token the holder's own browser keeps from an earlier login. */
    async function holdersDevice(username: string, password: string): Promise<string> {
      const first = await staffLogin(one, username, password, freshIp());
      expect(first.status).toBe(200);
      return first.body.deviceToken as string;
    }
    const staffLoginOn = (bff: TestBff, username: string, password: string, ip: string, deviceToken: string) =>
      call(bff, 'POST', '/api/auth/staff/login', { body: { username, password, deviceToken }, ip });

    it('When wrong passwords are tried ten times on a device that logged in before, then that device is locked (429 ACCOUNT_LOCKED), for the right password too, and the holder elsewhere is not', async () => {
      const { username, password } = await account();
      const device = await holdersDevice(username, password);
      for (let i = 0; i < STAFF_FAILURES_BEFORE_LOCK; i++) expect((await staffLoginOn(instances()[i % 2]!, username, `Wrong${i}password`, freshIp(), device)).code).toBe('CREDENTIALS_WRONG');
      const right = await staffLoginOn(two, username, password, freshIp(), device);
      expect({ status: right.status, code: right.code }).toEqual({ status: 429, code: 'ACCOUNT_LOCKED' });
      expect(right.retryAfter).toBeGreaterThan(14 * 60);
      expect((await staffLogin(one, username, password, freshIp())).status).toBe(200);
    });

    it('When the tenth password guess on a device races with more across both instances, then at most one racing right password gets in', async () => {
      const { username, password } = await account();
      const device = await holdersDevice(username, password);
      for (let i = 0; i < STAFF_FAILURES_BEFORE_LOCK - 1; i++) await staffLoginOn(instances()[i % 2]!, username, `Wrong${i}password`, freshIp(), device);
      const burst = await Promise.all([
        staffLoginOn(one, username, 'Wrong9password', freshIp(), device),
        ...Array.from({ length: 7 }, (_, i) => staffLoginOn(instances()[i % 2]!, username, password, freshIp(), device)),
      ]);
      expect(burst.filter((response) => response.status === 200).length).toBeLessThanOrEqual(1);
    });

    it('When strangers guess a user name from many addresses, then they are slowed by growing delays (ACCOUNT_SLOWED), never a lock, and the holder on their own device gets in at once', async () => {
      const { username, password } = await account();
      const device = await holdersDevice(username, password);
      const waits: number[] = [];
      for (let i = 0; i < PUBLIC_PATH_DELAYS.free + 4; i++) {
        const guess = await staffLogin(instances()[i % 2]!, username, `Wrong${i}password`, freshIp());
        expect(guess.code).toBe('CREDENTIALS_WRONG');
        waits.push(guess.retryAfter ?? 0);
        // A stranger who does not wait is refused unchecked.
        if (guess.retryAfter) {
          // (Checked from the 2 s delay on, so a slow machine cannot outwait the gate between two calls.)
          if (guess.retryAfter >= 2) {
            const impatient = await staffLogin(two, username, password, freshIp());
            expect({ status: impatient.status, code: impatient.code }).toEqual({ status: 429, code: 'ACCOUNT_SLOWED' });
          }
          await one.services.limiter.reset(`${counters.staffName(username)}:gate`); // the test does not wait out the delay
        }
      }
      expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8]);
      expect((await staffLoginOn(two, username, password, freshIp(), device)).status).toBe(200);
    });

    it('When an unknown username is tried, then it answers in about the time a known one with a wrong password takes (no account discovery by timing)', async () => {
      const { username } = await account();
      const ip = freshIp();
      const time = async (name: string) => {
        await one.services.limiter.resetDelay(counters.staffName(name)); // stay within the free tries
        const started = process.hrtime.bigint();
        const response = await staffLogin(one, name, 'Wrong0password', ip);
        expect(response.code).toBe('CREDENTIALS_WRONG');
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 15; i++) {
        // Alternate which goes first, so neither gains from the other's warm-up.
        if (i % 2) unknown.push(await time(`nobody_${i}_${Date.now().toString(36)}`));
        known.push(await time(username));
        if (!(i % 2)) unknown.push(await time(`nobody_${i}_${Date.now().toString(36)}`));
      }
      // argon2 dominates (19 MiB for passwords): an unknown name must pay the same price. Without
      // the dummy verification an unknown name answers in under a tenth of the time, so 0.5 still
      // catches the defect while leaving room for a loaded CI machine (0.72 seen under load).
      expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
    });
  });

  describe('per address', () => {
    it(`When one address makes more than ${IP_LOGINS_PER_MINUTE} login calls in a minute (across both instances), then 429 RATE_LIMITED with Retry-After; another address is not affected`, async () => {
      const [target] = await enterprises(1);
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < IP_LOGINS_PER_MINUTE; i++) statuses.push((await enterpriseLogin(instances()[i % 2]!, target!, target!.key, ip)).status);
      expect(statuses.every((status) => status === 200)).toBe(true);
      const over = await enterpriseLogin(one, target!, target!.key, ip);
      expect({ status: over.status, code: over.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect(over.retryAfter).toBeGreaterThan(0);
      expect(over.retryAfter).toBeLessThanOrEqual(60);
      expect((await enterpriseLogin(two, target!, target!.key, freshIp())).status).toBe(200);
    });

    it(`When one address gets ${IP_FAILURES_PER_15_MIN} logins wrong across many enterprises and accounts, then it is refused for the rest of 15 minutes`, async () => {
      const targets = await enterprises(4);
      const ip = freshIp();
      for (let i = 0; i < IP_FAILURES_PER_15_MIN; i++) {
        const response = i % 3 === 2 ? await staffLogin(instances()[i % 2]!, `ghost${i}`, 'Wrong0password', ip) : await enterpriseLogin(instances()[i % 2]!, targets[i % 4]!, 'WRONGKEY2345', ip);
        expect(response.status).not.toBe(429);
        // Stay under the per-minute call limit: this is about failures, not speed.
        if (i === IP_LOGINS_PER_MINUTE - 2) await one.services.limiter.reset(`login:ip:${ip}`);
      }
      const next = await enterpriseLogin(one, targets[3]!, targets[3]!.key, ip);
      expect({ status: next.status, code: next.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect(next.retryAfter).toBeGreaterThan(60);
    });

    it('When the proxy is not trusted, then X-Forwarded-For does not change the address the limits count', async () => {
      const [target] = await enterprises(1);
      let last: Call | null = null;
      for (let i = 0; i <= IP_LOGINS_PER_MINUTE; i++) last = await enterpriseLogin(untrusting, target!, target!.key, freshIp());
      expect({ status: last!.status, code: last!.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
      await untrusting.services.limiter.reset('login:ip:127.0.0.1');
      await untrusting.services.limiter.reset('login:ip:::ffff:127.0.0.1');
    });
  });

  describe('submits and draft saves per enterprise', () => {
    async function loggedIn(): Promise<{ enterprise: TestEnterprise; token: string }> {
      const [enterprise] = await enterprises(1);
      const response = await enterpriseLogin(one, enterprise!, enterprise!.key, freshIp());
      return { enterprise: enterprise!, token: response.body.token };
    }

    it(`When an enterprise submits more than ${SUBMIT_LIMITS.perMinute} times in a minute across both instances, then 429 RATE_LIMITED with Retry-After, and only ${SUBMIT_LIMITS.perMinute} attempts are stored`, async () => {
      const { enterprise, token } = await loggedIn();
      const answers = completeAnswers(defaultQuestionnaire, 'low');
      const statuses: number[] = [];
      for (let i = 0; i < SUBMIT_LIMITS.perMinute + 2; i++) {
        statuses.push((await call(instances()[i % 2]!, 'POST', '/api/attempts/current/submit', { body: { idempotencyKey: idempotencyKey('flood'), answers }, token })).status);
      }
      expect(statuses).toEqual([...Array(SUBMIT_LIMITS.perMinute).fill(201), 429, 429]);
      expect(await one.services.models.attempts.countDocuments({ enterpriseId: new Types.ObjectId(enterprise.id) })).toBe(SUBMIT_LIMITS.perMinute);
    });

    it('When a client retries the same submit through an outage, then its retries do not use up its submits (same receipt, no 429), but a flood of tries is still capped', async () => {
      const { token } = await loggedIn();
      const answers = completeAnswers(defaultQuestionnaire, 'low');
      for (let i = 0; i < SUBMIT_LIMITS.perMinute - 1; i++) {
        expect((await call(instances()[i % 2]!, 'POST', '/api/attempts/current/submit', { body: { idempotencyKey: idempotencyKey('before'), answers }, token })).status).toBe(201);
      }
      const key = idempotencyKey('retried');
      const first = await call(one, 'POST', '/api/attempts/current/submit', { body: { idempotencyKey: key, answers }, token });
      expect(first.status).toBe(201);
      // The client did not see the answer (a timeout) and retries, on both instances.
      for (let i = 0; i < 6; i++) {
        const retry = await call(instances()[i % 2]!, 'POST', '/api/attempts/current/submit', { body: { idempotencyKey: key, answers }, token });
        expect({ status: retry.status, attemptId: retry.body.receipt?.attemptId }).toEqual({ status: 201, attemptId: first.body.receipt.attemptId });
      }
      const another = await call(two, 'POST', '/api/attempts/current/submit', { body: { idempotencyKey: idempotencyKey('new'), answers }, token });
      expect({ status: another.status, code: another.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
      const statuses: number[] = [];
      for (let i = 0; i < SUBMIT_LIMITS.triesPerMinute; i++) statuses.push((await call(instances()[i % 2]!, 'POST', '/api/attempts/current/submit', { body: { idempotencyKey: key, answers }, token })).status);
      expect(statuses.at(-1)).toBe(429);
    });

    it(`When ${SUBMIT_LIMITS.perDay} submits were already made today, then the next one is refused until the day's window ends`, async () => {
      const { enterprise, token } = await loggedIn();
      const redis = new Redis(process.env.TEST_REDIS_URL!, { keyPrefix });
      try {
        await redis.sadd(`rl:submits:d:${enterprise.id}`, ...Array.from({ length: SUBMIT_LIMITS.perDay }, (_, i) => `earlier-${i}`));
        await redis.expire(`rl:submits:d:${enterprise.id}`, 86_400);
      } finally {
        redis.disconnect();
      }
      const refused = await call(two, 'POST', '/api/attempts/current/submit', { body: { idempotencyKey: idempotencyKey('day'), answers: completeAnswers(defaultQuestionnaire) }, token });
      expect({ status: refused.status, code: refused.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect(refused.retryAfter).toBeGreaterThan(3600);
    });

    it(`When an enterprise saves its draft more than ${DRAFT_SAVE_LIMIT_PER_MINUTE} times in a minute across both instances, then 429 RATE_LIMITED, and the last accepted revision stays`, async () => {
      const { token } = await loggedIn();
      const started = await call(one, 'POST', '/api/attempts', { body: { clientKey: 'flood-device-01' }, token });
      const [questionId, value] = Object.entries(completeAnswers(defaultQuestionnaire))[0]!;
      let revision = started.body.revision as number;
      const statuses: number[] = [];
      for (let i = 0; i < DRAFT_SAVE_LIMIT_PER_MINUTE + 1; i++) {
        const saved = await call(instances()[i % 2]!, 'PATCH', '/api/attempts/current/draft', { body: { baseRevision: revision, set: { [questionId]: value } }, token });
        statuses.push(saved.status);
        if (saved.status === 200) revision = saved.body.revision;
      }
      expect(statuses.filter((status) => status === 200)).toHaveLength(DRAFT_SAVE_LIMIT_PER_MINUTE);
      expect(statuses.at(-1)).toBe(429);
      const draft = await call(two, 'GET', '/api/attempts/current/draft', { token });
      expect(draft.body.revision).toBe(revision);
    });
  });
});
