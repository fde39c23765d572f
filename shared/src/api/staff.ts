import { z } from 'zod';
import { beijingTimeSchema } from './time';
import { isGuessablePassword } from './passwordStrength';
import { tokenPairSchema } from './tokens';
import { staffRoleSchema } from './roles';

export { staffRoleSchema, type StaffRole } from './roles';

const placeCode = z.string().regex(/^\d{6}$/, '应为6位行政区划代码');

/**
 * At least 10 characters with letters and digits, and not guessable (zxcvbn score ≥ 3, see
 * passwordStrength.ts): bureau accounts guard many enterprises' results. The workbench form, the
 * BFF and `npm run staff` all parse with this one schema.
 */
export const staffPasswordSchema = z
  .string()
  .min(10, '密码至少10位')
  .max(200)
  .regex(/[A-Za-z]/, '密码须包含字母')
  .regex(/\d/, '密码须包含数字')
  // Over-long input is refused by max() already; never hand it to the estimator.
  .refine((password) => password.length > 200 || !isGuessablePassword(password), '密码太容易被猜到（常见密码、单词加年份、键盘顺序或重复字符），请换一个更长、更不常见的密码');

/** POST /api/admin/staff */
export const staffAccountInputSchema = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9_.-]{3,40}$/, '用户名为 3–40 位字母、数字、点、下划线或连字符'),
    displayName: z.string().trim().min(1).max(50),
    password: staffPasswordSchema,
    role: staffRoleSchema,
    regionCode: placeCode.nullable().optional(),
    cityCode: placeCode.nullable().optional(),
  })
  .strict().meta({ id: 'StaffAccountInput', examples: [{ username: 'guangzhou', displayName: '广州市知识产权局', password: 'Guangzhou-ip-2026-seven', role: 'city', regionCode: '440000', cityCode: '440100' }] });
export type StaffAccountInput = z.infer<typeof staffAccountInputSchema>;

/** PATCH /api/admin/staff/:id — reset the password, change the scope, disable. */
export const staffAccountPatchSchema = staffAccountInputSchema.omit({ username: true }).partial().extend({ disabled: z.boolean().optional() }).strict().meta({ id: 'StaffAccountPatch' });
export type StaffAccountPatch = z.infer<typeof staffAccountPatchSchema>;

/** GET /api/staff/me */
export const staffMeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  regionCode: z.string().nullable(),
  cityCode: z.string().nullable(),
}).meta({ id: 'StaffMe' });
export type StaffMe = z.infer<typeof staffMeSchema>;

/** One account in GET /api/admin/staff and the answer to a create or change. */
export const staffAccountViewSchema = staffMeSchema.extend({ disabled: z.boolean() }).meta({ id: 'StaffAccount' });
export type StaffAccount = z.infer<typeof staffAccountViewSchema>;

/**
 * POST /api/auth/staff/login. `deviceToken` is what an earlier successful login on this device
 * answered: with it, wrong passwords are counted for this device alone, so strangers guessing the
 * user name elsewhere never slow down the account holder at their own desk.
 */
export const staffLoginRequestSchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200), deviceToken: z.string().min(1).max(2048).optional() })
  .strict().meta({ id: 'StaffLoginRequest', examples: [{ username: 'guangdong', password: 'Guangdong2026' }] });
export type StaffLoginRequest = z.infer<typeof staffLoginRequestSchema>;
export const staffLoginResponseSchema = tokenPairSchema.extend({ deviceToken: z.string() }).meta({ id: 'StaffLoginResponse' });
export type StaffLoginResponse = z.infer<typeof staffLoginResponseSchema>;

/** A growing-delay counter (the public login paths): wrong tries in its window and when the next try is allowed. */
export const loginDelaySchema = z.object({ failures: z.number().int(), nextTryAt: beijingTimeSchema.nullable() }).meta({ id: 'LoginDelay', description: '公开登录途径的递增延时：窗口内错误次数、下次可尝试时间' });

/** GET /api/auth/locks/enterprises/:id — the login lock state a bureau sees (and may clear). */
export const enterpriseLoginLockSchema = z.object({
  /** The QR scene path (secret): a hard lock after `limit` wrong keys. */
  scene: z.object({ failures: z.number().int(), limit: z.number().int(), lockedUntil: beijingTimeSchema.nullable() }),
  /** The USCC path (public): growing delays, never a lock. */
  uscc: loginDelaySchema,
}).meta({ id: 'EnterpriseLoginLock' });
export type EnterpriseLoginLock = z.infer<typeof enterpriseLoginLockSchema>;

/** GET /api/auth/locks/staff/:id */
export const staffLoginLockSchema = z.object({
  /** Logins from devices the account never logged in on: growing delays. */
  untrusted: loginDelaySchema,
  /** Devices of the account locked after too many wrong passwords. */
  lockedDevices: z.number().int(),
}).meta({ id: 'StaffLoginLock' });
export type StaffLoginLock = z.infer<typeof staffLoginLockSchema>;
