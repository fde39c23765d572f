import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { cityByCode, regionByCode, type StaffAccountInput, type StaffAccountPatch } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { StaffClaims, StaffRole } from '../../lib/jwt';
import { collectionOf, withTimeout } from '../../lib/mongo';
import { hashPassword } from '../../lib/secrets';
import type { AuditService } from '../audit/service';
import type { StaffDoc, StaffModel } from './model';

const CURRENT_TTL_SECONDS = 300;

/** A region account needs a programme region; a city account a prefecture city inside it. */
export function checkScope(role: StaffRole, regionCode: string | null, cityCode: string | null): void {
  const invalid = () => new AppError('STAFF_SCOPE_INVALID');
  if (role === 'national') {
    if (regionCode || cityCode) throw invalid();
    return;
  }
  if (!regionCode || !regionByCode(regionCode)) throw invalid();
  if (role === 'region' && cityCode) throw invalid();
  if (role === 'city') {
    const city = cityCode ? cityByCode(cityCode) : undefined;
    if (!city || city.regionCode !== regionCode) throw invalid();
  }
}

export function toStaffView(account: StaffDoc) {
  return {
    id: String(account._id),
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    regionCode: account.regionCode,
    cityCode: account.cityCode,
    disabled: account.disabled,
  };
}

export function staffService(deps: { staff: StaffModel; clock: Clock; redis: Redis; audit: AuditService }) {
  const { clock, redis, audit } = deps;
  const accounts = collectionOf(deps.staff);
  const currentKey = (id: string) => `staffcur:${id}`;

  async function forget(id: string): Promise<void> {
    await withTimeout(redis.del(currentKey(id)), 300).catch(() => undefined);
  }

  return {
    async findById(id: string): Promise<StaffDoc | null> {
      if (!Types.ObjectId.isValid(id)) return null;
      return await accounts.findOne({ _id: new Types.ObjectId(id) }, { projection: { passwordHash: 0 } });
    },

    async findByUsername(username: string): Promise<StaffDoc | null> {
      return await accounts.findOne({ username });
    },

    async create(input: StaffAccountInput, by: { id: string | null; ip: string | null }): Promise<StaffDoc> {
      checkScope(input.role, input.regionCode ?? null, input.cityCode ?? null);
      const now = clock.now();
      const doc = {
        _id: new Types.ObjectId(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        regionCode: input.regionCode ?? null,
        cityCode: input.cityCode ?? null,
        passwordHash: await hashPassword(input.password),
        passwordVersion: 0,
        disabled: false,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await accounts.insertOne(doc);
      } catch (error) {
        if ((error as { code?: number }).code === 11000) throw new AppError('STAFF_USERNAME_TAKEN');
        throw error;
      }
      await audit.record({ action: 'staff.account_created', actor: { kind: by.id ? 'staff' : 'system', id: by.id, ip: by.ip }, target: String(doc._id), details: { username: doc.username, role: doc.role, regionCode: doc.regionCode, cityCode: doc.cityCode } });
      return doc;
    },

    /** Creates the account, or sets its password and scope if the username exists (CLI and seeds). */
    async upsert(input: StaffAccountInput): Promise<StaffDoc> {
      const existing = await this.findByUsername(input.username);
      if (!existing) return this.create(input, { id: null, ip: null });
      return this.update(String(existing._id), input, { id: null, ip: null });
    },

    async update(id: string, patch: StaffAccountPatch, by: { id: string | null; ip: string | null }): Promise<StaffDoc> {
      if (!Types.ObjectId.isValid(id)) throw new AppError('NOT_FOUND');
      const current = await accounts.findOne({ _id: new Types.ObjectId(id) });
      if (!current) throw new AppError('NOT_FOUND');
      const role = patch.role ?? current.role;
      const regionCode = patch.regionCode !== undefined ? patch.regionCode : current.regionCode;
      const cityCode = patch.cityCode !== undefined ? patch.cityCode : current.cityCode;
      checkScope(role, regionCode ?? null, cityCode ?? null);
      const set: Record<string, unknown> = { role, regionCode, cityCode, updatedAt: clock.now() };
      if (patch.displayName) set.displayName = patch.displayName;
      if (patch.disabled !== undefined) set.disabled = patch.disabled;
      if (patch.password) set.passwordHash = await hashPassword(patch.password);
      const updated = await accounts.findOneAndUpdate(
        { _id: current._id },
        { $set: set, $inc: { passwordVersion: 1 } },
        { returnDocument: 'after' },
      );
      if (!updated) throw new AppError('NOT_FOUND');
      await forget(id);
      await audit.record({ action: 'staff.account_changed', actor: { kind: by.id ? 'staff' : 'system', id: by.id, ip: by.ip }, target: id, details: { role, regionCode, cityCode, disabled: patch.disabled, passwordChanged: Boolean(patch.password) } });
      return updated;
    },

    async list(): Promise<StaffDoc[]> {
      return accounts.find({}, { projection: { passwordHash: 0 } }).sort({ role: 1, regionCode: 1, username: 1 }).toArray();
    },

    /**
     * A staff token is current while the account exists, is enabled and has the same password
     * version and scope. The answer is cached in Redis (cleared on change) so a dashboard request
     * spends no database command on it; without Redis it reads the account.
     */
    async assertTokenCurrent(claims: StaffClaims): Promise<void> {
      const expected = `${claims.pv}|${claims.staffRole}|${claims.region ?? ''}|${claims.city ?? ''}`;
      const cached = await withTimeout(redis.get(currentKey(claims.sub)), 300).catch(() => null);
      if (cached !== null) {
        if (cached === expected) return;
        throw new AppError('TOKEN_INVALID');
      }
      if (!Types.ObjectId.isValid(claims.sub)) throw new AppError('TOKEN_INVALID');
      const account = await accounts.findOne({ _id: new Types.ObjectId(claims.sub) });
      if (!account || account.disabled) throw new AppError('TOKEN_INVALID');
      const actual = `${account.passwordVersion}|${account.role}|${account.regionCode ?? ''}|${account.cityCode ?? ''}`;
      await withTimeout(redis.set(currentKey(claims.sub), actual, 'EX', CURRENT_TTL_SECONDS), 300).catch(() => undefined);
      if (actual !== expected) throw new AppError('TOKEN_INVALID');
    },
  };
}

export type StaffService = ReturnType<typeof staffService>;
