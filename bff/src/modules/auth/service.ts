import { Types } from 'mongoose';
import {
  campaignState,
  normalizeKey,
  toBeijingIso,
  validateUscc,
  type CampaignChoice,
  type EnterpriseLoginRequest,
  type EnterpriseLoginResponse,
  type StaffLoginRequest,
  type StaffLoginResponse,
  type TokenPair,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { randomId, type TokenService, type Claims, type StaffClaims, type EnterpriseClaims } from '../../lib/jwt';
import type { RateLimiter } from '../../lib/rateLimit';
import { RedisUnavailableError } from '../../lib/redis';
import { decoyKeyHash, decoyPasswordHash, verifySecret } from '../../lib/secrets';
import type { AuditService } from '../audit/service';
import type { Metrics } from '../../lib/metrics';
import type { CampaignService } from '../campaigns/service';
import type { EnterpriseCandidate, EnterpriseService } from '../enterprises/service';
import type { ResultRepository } from '../results/repository';
import type { StaffService } from '../staff/service';
import type { SessionStore } from './sessions';
import { counters, IP_FAILURES_PER_15_MIN, IP_LOGINS_PER_MINUTE, KEY_FAILURES_BEFORE_LOCK, KEY_LOCK_SECONDS, PUBLIC_PATH_DELAYS, STAFF_FAILURES_BEFORE_LOCK } from './counters';

export { KEY_FAILURES_BEFORE_LOCK, KEY_LOCK_SECONDS, PUBLIC_PATH_DELAYS, IP_FAILURES_PER_15_MIN, IP_LOGINS_PER_MINUTE, STAFF_FAILURES_BEFORE_LOCK };

export function authService(deps: {
  enterprises: Pick<EnterpriseService, 'bySceneToken' | 'byUscc'>;
  clock: Clock;
  tokens: TokenService;
  limiter: RateLimiter;
  sessions: SessionStore;
  audit: AuditService;
  campaigns: CampaignService;
  results: Pick<ResultRepository, 'markLoggedIn' | 'keyVersion'>;
  staff: StaffService;
  metrics: Metrics;
}) {
  const { enterprises, clock, tokens, limiter, sessions, audit, campaigns, results, staff, metrics } = deps;

  /** A token pair signed at `at`: the refresh token is `jti`, spent at its first exchange. */
  function pair(claims: Claims, at: Date, jti: string): TokenPair {
    const access = tokens.sign(claims, 'access', at);
    const refresh = tokens.sign(claims, 'refresh', at, jti);
    return { token: access.token, expiresAt: toBeijingIso(access.expiresAt), refreshToken: refresh.token };
  }

  /** A new session's tokens. */
  function startSession<T extends Omit<EnterpriseClaims, 'sid' | 'authTime'> | Omit<StaffClaims, 'sid' | 'authTime'>>(claims: T): TokenPair {
    const now = clock.now();
    return pair({ ...claims, sid: randomId(), authTime: Math.floor(now.getTime() / 1000) } as Claims, now, randomId());
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

  /** A locked secret path (`lockedUntil`), or a public path's delay (`nextTryAt`). */
  const waitFor = (code: 'KEY_LOCKED' | 'ACCOUNT_LOCKED' | 'KEY_SLOWED' | 'ACCOUNT_SLOWED', seconds: number) => {
    const until = toBeijingIso(new Date(clock.now().getTime() + seconds * 1000));
    const details = code.endsWith('LOCKED') ? { lockedUntil: until, retryAfterSeconds: seconds } : { nextTryAt: until, retryAfterSeconds: seconds };
    return new AppError(code, details, { headers: { 'Retry-After': String(seconds) } });
  };
  /** A wrong secret on a public path: when a delay now applies, it says how long (the same for every caller). */
  const wrongOnPublicPath = (code: 'USCC_OR_KEY_WRONG' | 'CREDENTIALS_WRONG', delaySeconds: number) =>
    new AppError(code, delaySeconds > 0 ? { retryAfterSeconds: delaySeconds } : undefined, delaySeconds > 0 ? { headers: { 'Retry-After': String(delaySeconds) } } : undefined);

  /**
   * Takes one of a secret path's tries *before* its secret is checked. The count is one atomic
   * INCR shared by every instance, so guesses sent at the same moment never check more than
   * `limit` secrets per window (checking first and counting after let a burst of 8 through, all
   * checked). Returns the try's number, or null when the tries are used up (the path is then locked).
   */
  async function takeTry(account: { counter: string; lock: string }, limit: number): Promise<number | null> {
    const tries = await limiter.hit(account.counter, limit, KEY_LOCK_SECONDS);
    if (tries.allowed) return tries.count;
    await limiter.setFlag(account.lock, KEY_LOCK_SECONDS);
    return null;
  }

  const failedFrom = (ip: string) => limiter.hit(`loginfail:ip:${ip}`, IP_FAILURES_PER_15_MIN, 15 * 60);

  async function limitAddress(ip: string): Promise<void> {
    const calls = await limiter.hit(`login:ip:${ip}`, IP_LOGINS_PER_MINUTE, 60);
    const failures = await limiter.peek(`loginfail:ip:${ip}`);
    const blocked = !calls.allowed ? calls.retryAfterSeconds : failures.count >= IP_FAILURES_PER_15_MIN ? failures.ttlSeconds : 0;
    if (blocked > 0) throw new AppError('RATE_LIMITED', { retryAfterSeconds: blocked }, { headers: { 'Retry-After': String(blocked) } });
  }

  async function enterpriseSession(enterprise: EnterpriseCandidate, via: 'scene' | 'uscc', ip: string): Promise<TokenPair> {
    const id = String(enterprise._id);
    const campaign = await campaigns.get(enterprise.campaignId);
    await results.markLoggedIn(enterprise._id, enterprise.campaignId, enterprise.regionCode);
    await audit.record({ action: 'enterprise.login', actor: { kind: 'enterprise', id, ip }, campaignId: enterprise.campaignId, target: id, details: { via } });
    return startSession({ role: 'enterprise', sub: id, cid: String(enterprise.campaignId), kv: enterprise.keyVersion, q: campaign.questionnaire });
  }

  /** The QR scene path: the scene is secret, so a hard lock after ten wrong keys blocks no one but its holder. */
  async function sceneLogin(scene: string, key: string, ip: string): Promise<TokenPair> {
    const enterprise = await enterprises.bySceneToken(scene);
    if (!enterprise) {
      await verifySecret(await decoyKeyHash(), key); // same cost as a real check
      await failedFrom(ip);
      throw new AppError('ENTERPRISE_NOT_FOUND');
    }
    const id = String(enterprise._id);
    const path = counters.scene(id);
    const lockSeconds = await limiter.flagTtl(path.lock);
    if (lockSeconds > 0) throw waitFor('KEY_LOCKED', lockSeconds);
    if (!enterprise.keyHash) throw new AppError('KEY_NOT_ISSUED');
    const attempt = await takeTry(path, KEY_FAILURES_BEFORE_LOCK);
    if (attempt === null) throw waitFor('KEY_LOCKED', KEY_LOCK_SECONDS);
    if (!(await verifySecret(enterprise.keyHash, key))) {
      await failedFrom(ip);
      const actor = { kind: 'anonymous' as const, id: null, ip };
      if (attempt >= KEY_FAILURES_BEFORE_LOCK) {
        await limiter.setFlag(path.lock, KEY_LOCK_SECONDS);
        metrics.keysLocked.inc();
        await audit.recordQuietly({ action: 'enterprise.key_locked', actor, campaignId: enterprise.campaignId, target: id });
        throw waitFor('KEY_LOCKED', KEY_LOCK_SECONDS);
      }
      await audit.recordQuietly({ action: 'enterprise.login_failed', actor, campaignId: enterprise.campaignId, target: id, details: { via: 'scene' } });
      throw new AppError('KEY_WRONG', { triesLeft: KEY_FAILURES_BEFORE_LOCK - attempt });
    }
    await limiter.reset(path.counter);
    return enterpriseSession(enterprise, 'scene', ip);
  }

  const choiceOf = (campaign: { _id: Types.ObjectId; name: string; year: number; opensAt: Date; closesAt: Date }, now: Date): CampaignChoice => ({
    campaignId: String(campaign._id),
    name: campaign.name,
    year: campaign.year,
    state: campaignState(now, campaign.opensAt, campaign.closesAt),
    closesAt: toBeijingIso(campaign.closesAt),
  });

  /**
   * The USCC path. A USCC is public, so this path must say nothing about who is registered: an
   * unknown USCC and a known one with a wrong key take the same steps (one look-up, one key check
   * per campaign — decoys where the enterprise has no key — one audit record, the same counters,
   * which are kept per USCC whether it is known or not) and answer the same 401. The enterprise
   * is looked for in every campaign: the key picks the one it was issued for (an older campaign
   * still open, or a closed one whose result the enterprise wants to see); when it fits several,
   * the user chooses.
   */
  async function usccLogin(request: Extract<EnterpriseLoginRequest, { uscc: string }>, key: string, ip: string): Promise<EnterpriseLoginResponse> {
    const checked = validateUscc(request.uscc);
    if (!checked.ok) throw new AppError('USCC_INVALID', { reason: checked.message }, { message: checked.message });
    const path = counters.uscc(checked.uscc);
    const attempt = await limiter.delayedTry(path, PUBLIC_PATH_DELAYS);
    if (!attempt.allowed) throw waitFor('KEY_SLOWED', attempt.retryAfterSeconds);

    const [everyCampaign, candidates] = await Promise.all([campaigns.list(), enterprises.byUscc(checked.uscc, request.campaignId ? new Types.ObjectId(request.campaignId) : undefined)]);
    const fitting: EnterpriseCandidate[] = [];
    for (let i = 0; i < Math.max(everyCampaign.length, candidates.length, 1); i++) {
      const candidate = candidates[i];
      const fits = await verifySecret(candidate?.keyHash ?? (await decoyKeyHash()), key);
      if (candidate?.keyHash && fits) fitting.push(candidate);
    }

    if (fitting.length === 0) {
      await failedFrom(ip);
      const known = candidates[0];
      await audit.recordQuietly({
        action: 'enterprise.login_failed',
        actor: { kind: 'anonymous', id: null, ip },
        campaignId: known?.campaignId ?? null,
        target: known ? String(known._id) : null,
        details: { via: 'uscc' },
      });
      throw wrongOnPublicPath('USCC_OR_KEY_WRONG', attempt.delaySeconds);
    }
    await limiter.resetDelay(path);
    if (fitting.length === 1) return enterpriseSession(fitting[0]!, 'uscc', ip);
    const now = clock.now();
    const byId = new Map(everyCampaign.map((campaign) => [String(campaign._id), campaign]));
    const choose = fitting
      .flatMap((candidate) => {
        const campaign = byId.get(String(candidate.campaignId));
        return campaign ? [choiceOf(campaign, now)] : [];
      })
      // Open campaigns first, then the newest.
      .sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open') || b.closesAt.localeCompare(a.closesAt));
    return { choose };
  }

  /** Which counter a staff login's tries go to: the device's own (it logged in before), or the user name's (anyone else). */
  async function staffTry(username: string, device: { staffId: string; deviceId: string } | null): Promise<{ attempt: number; delaySeconds: number }> {
    if (!device) {
      const attempt = await limiter.delayedTry(counters.staffName(username), PUBLIC_PATH_DELAYS);
      if (!attempt.allowed) throw waitFor('ACCOUNT_SLOWED', attempt.retryAfterSeconds);
      return { attempt: attempt.count, delaySeconds: attempt.delaySeconds };
    }
    const path = counters.staffDevice(device.staffId, device.deviceId);
    const lockSeconds = await limiter.flagTtl(path.lock);
    if (lockSeconds > 0) throw waitFor('ACCOUNT_LOCKED', lockSeconds);
    const attempt = await takeTry(path, STAFF_FAILURES_BEFORE_LOCK);
    if (attempt === null) throw waitFor('ACCOUNT_LOCKED', KEY_LOCK_SECONDS);
    return { attempt, delaySeconds: 0 };
  }

  return {
    async enterpriseLogin(request: EnterpriseLoginRequest, ip: string): Promise<EnterpriseLoginResponse> {
      return guarded('enterprise', async () => {
        await limitAddress(ip);
        const key = normalizeKey(request.key);
        return 'scene' in request ? sceneLogin(request.scene, key, ip) : usccLogin(request, key, ip);
      });
    },

    /**
     * A staff login. A device that logged in to this account before shows its device token: its
     * wrong passwords lock that device alone. Every other try counts against the user name with
     * growing delays, never a lock, so a stranger who knows the name cannot lock the holder out.
     */
    async staffLogin(request: StaffLoginRequest, ip: string): Promise<StaffLoginResponse> {
      return guarded('staff', async () => {
        await limitAddress(ip);
        const { username, password } = request;
        const now = clock.now();
        const account = await staff.findByUsername(username);
        const staffId = account ? String(account._id) : null;
        const deviceId = staffId ? tokens.deviceOf(request.deviceToken, staffId, now) : null;
        const device = staffId && deviceId ? { staffId, deviceId } : null;
        const { attempt, delaySeconds } = await staffTry(username, device);
        const ok = await verifySecret(account?.passwordHash ?? (await decoyPasswordHash()), password);
        if (!account || !ok || account.disabled) {
          await failedFrom(ip);
          if (device) {
            await limiter.remember(counters.staffDevices(device.staffId), device.deviceId, KEY_LOCK_SECONDS);
            if (attempt >= STAFF_FAILURES_BEFORE_LOCK) await limiter.setFlag(counters.staffDevice(device.staffId, device.deviceId).lock, KEY_LOCK_SECONDS);
          }
          await audit.recordQuietly({ action: 'staff.login_failed', actor: { kind: 'anonymous', id: null, ip }, target: account ? String(account._id) : 'unknown' });
          throw wrongOnPublicPath('CREDENTIALS_WRONG', delaySeconds);
        }
        if (device) await limiter.reset(counters.staffDevice(device.staffId, device.deviceId).counter);
        else await limiter.resetDelay(counters.staffName(username));
        await audit.record({ action: 'staff.login', actor: { kind: 'staff', id: String(account._id), ip }, target: String(account._id) });
        const tokensOut = startSession({ role: 'staff', sub: String(account._id), staffRole: account.role, region: account.regionCode, city: account.cityCode, pv: account.passwordVersion });
        return { ...tokensOut, deviceToken: device ? request.deviceToken! : tokens.signDevice(String(account._id), now) };
      });
    },

    /**
     * The next token pair for a refresh token, which is spent by the exchange. A spent token
     * shown again ends the session — unless it is the same client retrying a lost answer within
     * REFRESH_REPLAY_SECONDS, which gets the same pair again. The key or password must not have
     * changed since the login, and the session never outlives its absolute lifetime (jwt.ts).
     */
    async refresh(refreshToken: string, ip: string): Promise<TokenPair> {
      const now = clock.now();
      const claims = tokens.verify(refreshToken, 'refresh', now);
      if (claims.role === 'enterprise') {
        if ((await results.keyVersion(claims.sub)) !== claims.kv) throw new AppError('TOKEN_INVALID');
      } else {
        await staff.assertTokenCurrent(claims);
      }
      const rotation = await sessions.rotate(claims, randomId(), now).catch((error: unknown) => {
        throw error instanceof RedisUnavailableError ? new AppError('LOGIN_UNAVAILABLE') : error;
      });
      if (!('jti' in rotation)) {
        if (rotation.outcome === 'reused') {
          await audit.recordQuietly({ action: 'session.reuse_detected', actor: { kind: 'anonymous', id: null, ip }, campaignId: claims.role === 'enterprise' ? new Types.ObjectId(claims.cid) : null, target: claims.sub, details: { role: claims.role } });
        }
        throw new AppError('TOKEN_INVALID');
      }
      const { jti: _spent, ...session } = claims;
      return pair(session, rotation.at, rotation.jti);
    },

    /** Ends the session the refresh token belongs to: its access and refresh tokens stop working at once. */
    async logout(refreshToken: string, ip: string): Promise<{ loggedOut: true }> {
      const claims = tokens.verify(refreshToken, 'refresh', clock.now());
      try {
        await sessions.end(claims, 'logout');
      } catch (error) {
        throw error instanceof RedisUnavailableError ? new AppError('LOGIN_UNAVAILABLE') : error;
      }
      await audit.recordQuietly({
        action: claims.role === 'enterprise' ? 'enterprise.logout' : 'staff.logout',
        actor: { kind: claims.role, id: claims.sub, ip },
        campaignId: claims.role === 'enterprise' ? new Types.ObjectId(claims.cid) : null,
        target: claims.sub,
      });
      return { loggedOut: true };
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
