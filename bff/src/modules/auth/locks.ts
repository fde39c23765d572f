import type { Types } from 'mongoose';
import { toBeijingIso, type EnterpriseLoginLock, type StaffLoginLock } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { RateLimiter } from '../../lib/rateLimit';
import { RedisUnavailableError } from '../../lib/redis';
import type { StaffActor } from '../../lib/route';
import type { AuditService } from '../audit/service';
import { resolveScope, withinScope } from '../dashboards/scope';
import type { EnterpriseDoc } from '../enterprises/model';
import type { EnterpriseService } from '../enterprises/service';
import type { StaffDoc } from '../staff/model';
import type { StaffService } from '../staff/service';
import { counters, KEY_FAILURES_BEFORE_LOCK } from './counters';

/**
 * What a bureau sees of the login counters, and its one action on them: clearing them, for an
 * enterprise (or a bureau account) that cannot get in. Every clear is an audited decision.
 */
export function loginLocks(deps: { enterprises: Pick<EnterpriseService, 'placeOf'>; staff: Pick<StaffService, 'findById'>; clock: Clock; limiter: RateLimiter; audit: AuditService }) {
  const { enterprises, staff, clock, limiter, audit } = deps;
  const at = (seconds: number) => (seconds > 0 ? toBeijingIso(new Date(clock.now().getTime() + seconds * 1000)) : null);

  /** The counters live in Redis: without it there is nothing to show (503), and nothing is locked either. */
  async function withRedis<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw error instanceof RedisUnavailableError ? new AppError('SERVICE_UNAVAILABLE') : error;
    }
  }

  /** The enterprise, when it lies in the bureau's scope (a region or city bureau sees its own only). */
  async function enterpriseFor(actor: StaffActor, id: Types.ObjectId): Promise<Pick<EnterpriseDoc, '_id' | 'uscc' | 'campaignId' | 'regionCode' | 'cityCode'>> {
    const enterprise = await enterprises.placeOf(id);
    if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND');
    if (!withinScope(resolveScope(actor, {}), enterprise.regionCode, enterprise.cityCode)) throw new AppError('FORBIDDEN');
    return enterprise;
  }

  async function enterpriseState(enterprise: Pick<EnterpriseDoc, '_id' | 'uscc'>): Promise<EnterpriseLoginLock> {
    const scene = counters.scene(String(enterprise._id));
    const [tries, lock, uscc] = await Promise.all([limiter.peek(scene.counter), limiter.flagTtl(scene.lock), limiter.peekDelay(counters.uscc(enterprise.uscc))]);
    return {
      scene: { failures: lock > 0 ? Math.max(tries.count, KEY_FAILURES_BEFORE_LOCK) : tries.count, limit: KEY_FAILURES_BEFORE_LOCK, lockedUntil: at(lock) },
      uscc: { failures: uscc.count, nextTryAt: at(uscc.closedSeconds) },
    };
  }

  async function staffAccount(id: Types.ObjectId): Promise<Pick<StaffDoc, '_id' | 'username'>> {
    const account = await staff.findById(String(id));
    if (!account) throw new AppError('NOT_FOUND');
    return account;
  }

  async function staffState(account: Pick<StaffDoc, '_id' | 'username'>): Promise<StaffLoginLock> {
    const staffId = String(account._id);
    const [untrusted, devices] = await Promise.all([limiter.peekDelay(counters.staffName(account.username)), limiter.members(counters.staffDevices(staffId))]);
    const locks = await Promise.all(devices.map((device) => limiter.flagTtl(counters.staffDevice(staffId, device).lock)));
    return { untrusted: { failures: untrusted.count, nextTryAt: at(untrusted.closedSeconds) }, lockedDevices: locks.filter((seconds) => seconds > 0).length };
  }

  return {
    enterprise: (actor: StaffActor, id: Types.ObjectId) => withRedis(async () => enterpriseState(await enterpriseFor(actor, id))),

    /** Clears both paths' counters (the QR lock and the USCC delay) and records who did it. */
    clearEnterprise: (actor: StaffActor, id: Types.ObjectId, ip: string) =>
      withRedis(async () => {
        const enterprise = await enterpriseFor(actor, id);
        const before = await enterpriseState(enterprise);
        const scene = counters.scene(String(enterprise._id));
        await Promise.all([limiter.reset(scene.counter), limiter.reset(scene.lock), limiter.resetDelay(counters.uscc(enterprise.uscc))]);
        await audit.record({ action: 'enterprise.login_lock_cleared', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: enterprise.campaignId, target: String(enterprise._id), details: { before } });
        return enterpriseState(enterprise);
      }),

    staff: (id: Types.ObjectId) => withRedis(async () => staffState(await staffAccount(id))),

    /** Clears the user name's delay and every locked device of the account, and records who did it. */
    clearStaff: (actor: StaffActor, id: Types.ObjectId, ip: string) =>
      withRedis(async () => {
        const account = await staffAccount(id);
        const before = await staffState(account);
        const staffId = String(account._id);
        const devices = await limiter.members(counters.staffDevices(staffId));
        await Promise.all([
          limiter.resetDelay(counters.staffName(account.username)),
          limiter.reset(counters.staffDevices(staffId)),
          ...devices.flatMap((device) => [limiter.reset(counters.staffDevice(staffId, device).counter), limiter.reset(counters.staffDevice(staffId, device).lock)]),
        ]);
        await audit.record({ action: 'staff.login_lock_cleared', actor: { kind: 'staff', id: actor.staffId, ip }, target: staffId, details: { before } });
        return staffState(account);
      }),
  };
}

export type LoginLocks = ReturnType<typeof loginLocks>;
