import { Types } from 'mongoose';
import { normalizeKey, toBeijingIso, validateUscc, type EnterpriseLoginRequest, type TokenPair } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { Models } from '../../lib/models';
import type { TokenService, StaffClaims, EnterpriseClaims } from '../../lib/jwt';
import { RedisUnavailableError, type RateLimiter } from '../../lib/rateLimit';
import { decoyKeyHash, decoyPasswordHash, verifySecret } from '../../lib/secrets';
import type { AuditService } from '../audit/service';
import type { KeyedMutex } from '../../lib/keyedMutex';
import type { Metrics } from '../../lib/metrics';
import type { CampaignService } from '../campaigns/service';
import type { ResultService } from '../results/service';
import type { StaffService } from '../staff/service';
import type { EnterpriseDoc } from '../enterprises/model';
import type { ResultDoc } from '../results/model';

/** ≤10 consecutive wrong keys per enterprise, then locked (issue 5). */
export const KEY_FAILURES_BEFORE_LOCK = 10;
export const KEY_LOCK_SECONDS = 15 * 60;
/** Per address: wrong guesses across any accounts, and login calls of any outcome. */
export const IP_FAILURES_PER_15_MIN = 30;
export const IP_LOGINS_PER_MINUTE = 30;
export const STAFF_FAILURES_BEFORE_LOCK = 10;

export function authService(deps: {
  models: Models;
  clock: Clock;
  tokens: TokenService;
  limiter: RateLimiter;
  audit: AuditService;
  campaigns: CampaignService;
  results: ResultService;
  staff: StaffService;
  locks: KeyedMutex;
  metrics: Metrics;
}) {
  const { models, clock, tokens, limiter, audit, campaigns, results, staff, locks, metrics } = deps;

  function pair(claims: EnterpriseClaims | StaffClaims): TokenPair {
    const now = clock.now();
    const access = tokens.sign(claims, 'access', now);
    const refresh = tokens.sign(claims, 'refresh', now);
    return { token: access.token, expiresAt: toBeijingIso(access.expiresAt), refreshToken: refresh.token };
  }

  /**
   * Login needs Redis to count wrong guesses across instances. Without it we refuse logins
   * (503 LOGIN_UNAVAILABLE) rather than allow unlimited guessing; people already logged in keep
   * working, because submits and draft saves never depend on Redis.
   */
  async function guarded<T>(kind: 'enterprise' | 'staff', work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      metrics.logins.inc({ kind, outcome: 'ok' });
      return result;
    } catch (error) {
      const refusal = error instanceof RedisUnavailableError ? new AppError('LOGIN_UNAVAILABLE') : error;
      metrics.logins.inc({ kind, outcome: refusal instanceof AppError ? refusal.code : 'error' });
      throw refusal;
    }
  }

  const locked = (code: 'KEY_LOCKED' | 'ACCOUNT_LOCKED', seconds: number) =>
    new AppError(code, { lockedUntil: toBeijingIso(new Date(clock.now().getTime() + seconds * 1000)), retryAfterSeconds: seconds }, { headers: { 'Retry-After': String(seconds) } });

  /**
   * Takes one of an account's tries *before* its secret is checked. The count is one atomic INCR
   * shared by every instance, so guesses sent at the same moment never check more than `limit`
   * secrets per window (checking first and counting after let a burst of 8 through, all checked).
   * The count is not reset when the account locks: it runs out with its window, before the lock.
   * Returns the try's number, or null when the tries are used up (the account is then locked).
   */
  async function takeTry(account: { counter: string; lock: string }, limit: number): Promise<number | null> {
    const tries = await limiter.hit(account.counter, limit, KEY_LOCK_SECONDS);
    if (tries.allowed) return tries.count;
    await limiter.setFlag(account.lock, KEY_LOCK_SECONDS);
    return null;
  }

  async function limitAddress(ip: string): Promise<void> {
    const calls = await limiter.hit(`login:ip:${ip}`, IP_LOGINS_PER_MINUTE, 60);
    const failures = await limiter.peek(`loginfail:ip:${ip}`);
    const blocked = !calls.allowed ? calls.retryAfterSeconds : failures.count >= IP_FAILURES_PER_15_MIN ? failures.ttlSeconds : 0;
    if (blocked > 0) throw new AppError('RATE_LIMITED', { retryAfterSeconds: blocked }, { headers: { 'Retry-After': String(blocked) } });
  }

  async function findEnterprise(request: EnterpriseLoginRequest): Promise<EnterpriseDoc | null> {
    if ('scene' in request) return (await models.enterprises.collection.findOne({ sceneToken: request.scene })) as EnterpriseDoc | null;
    const uscc = validateUscc(request.uscc);
    if (!uscc.ok) throw new AppError('USCC_INVALID', { reason: uscc.message }, { message: uscc.message });
    const campaign = await campaigns.latest();
    if (!campaign) return null;
    return (await models.enterprises.collection.findOne({ campaignId: campaign._id, uscc: uscc.uscc })) as EnterpriseDoc | null;
  }

  return {
    async enterpriseLogin(request: EnterpriseLoginRequest, ip: string): Promise<TokenPair> {
      return guarded('enterprise', async () => {
        await limitAddress(ip);
        const key = normalizeKey(request.key);
        const enterprise = await findEnterprise(request);
        if (!enterprise) {
          await verifySecret(await decoyKeyHash(), key); // same cost as a real check
          await limiter.hit(`loginfail:ip:${ip}`, IP_FAILURES_PER_15_MIN, 15 * 60);
          throw new AppError('ENTERPRISE_NOT_FOUND');
        }
        const id = String(enterprise._id);
        const account = { counter: `keyfail:${id}`, lock: `keylock:${id}` };
        const lockSeconds = await limiter.flagTtl(account.lock);
        if (lockSeconds > 0) throw locked('KEY_LOCKED', lockSeconds);
        if (!enterprise.keyHash) throw new AppError('KEY_NOT_ISSUED');
        const attempt = await takeTry(account, KEY_FAILURES_BEFORE_LOCK);
        if (attempt === null) throw locked('KEY_LOCKED', KEY_LOCK_SECONDS);
        if (!(await verifySecret(enterprise.keyHash, key))) {
          await limiter.hit(`loginfail:ip:${ip}`, IP_FAILURES_PER_15_MIN, 15 * 60);
          const actor = { kind: 'anonymous' as const, id: null, ip };
          if (attempt >= KEY_FAILURES_BEFORE_LOCK) {
            await limiter.setFlag(account.lock, KEY_LOCK_SECONDS);
            metrics.keysLocked.inc();
            await audit.recordQuietly({ action: 'enterprise.key_locked', actor, campaignId: enterprise.campaignId, target: id });
            throw locked('KEY_LOCKED', KEY_LOCK_SECONDS);
          }
          await audit.recordQuietly({ action: 'enterprise.login_failed', actor, campaignId: enterprise.campaignId, target: id });
          throw new AppError('KEY_WRONG', { triesLeft: KEY_FAILURES_BEFORE_LOCK - attempt });
        }
        await limiter.reset(account.counter);
        const campaign = await campaigns.get(enterprise.campaignId);
        await locks.run(id, () => results.markLoggedIn(enterprise._id, enterprise.campaignId, enterprise.regionCode));
        await audit.record({ action: 'enterprise.login', actor: { kind: 'enterprise', id, ip }, campaignId: enterprise.campaignId, target: id, details: { via: 'scene' in request ? 'scene' : 'uscc' } });
        return pair({ role: 'enterprise', sub: id, cid: String(enterprise.campaignId), kv: enterprise.keyVersion, q: campaign.questionnaire });
      });
    },

    async staffLogin(username: string, password: string, ip: string): Promise<TokenPair> {
      return guarded('staff', async () => {
        await limitAddress(ip);
        // Counted by username whether or not it exists, so locking says nothing about existence.
        const tries = { counter: `stafffail:${username}`, lock: `stafflock:${username}` };
        const lockSeconds = await limiter.flagTtl(tries.lock);
        if (lockSeconds > 0) throw locked('ACCOUNT_LOCKED', lockSeconds);
        const attempt = await takeTry(tries, STAFF_FAILURES_BEFORE_LOCK);
        if (attempt === null) throw locked('ACCOUNT_LOCKED', KEY_LOCK_SECONDS);
        const account = await staff.findByUsername(username);
        const ok = await verifySecret(account?.passwordHash ?? (await decoyPasswordHash()), password);
        if (!account || !ok || account.disabled) {
          await limiter.hit(`loginfail:ip:${ip}`, IP_FAILURES_PER_15_MIN, 15 * 60);
          if (attempt >= STAFF_FAILURES_BEFORE_LOCK) await limiter.setFlag(tries.lock, KEY_LOCK_SECONDS);
          await audit.recordQuietly({ action: 'staff.login_failed', actor: { kind: 'anonymous', id: null, ip }, target: account ? String(account._id) : 'unknown' });
          throw new AppError('CREDENTIALS_WRONG');
        }
        await limiter.reset(tries.counter);
        await audit.record({ action: 'staff.login', actor: { kind: 'staff', id: String(account._id), ip }, target: String(account._id) });
        return pair({ role: 'staff', sub: String(account._id), staffRole: account.role, region: account.regionCode, city: account.cityCode, pv: account.passwordVersion });
      });
    },

    /** A new token pair for a valid refresh token whose key or password has not changed since. */
    async refresh(refreshToken: string): Promise<TokenPair> {
      const claims = tokens.verify(refreshToken, 'refresh', clock.now());
      if (claims.role === 'enterprise') {
        const result = (await models.results.collection.findOne({ _id: new Types.ObjectId(claims.sub) })) as ResultDoc | null;
        if (!result || result.keyVersion !== claims.kv) throw new AppError('TOKEN_INVALID');
        return pair(claims);
      }
      await staff.assertTokenCurrent(claims);
      return pair(claims);
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
