import { z } from 'zod';

/** Staff accounts: the national bureau, a region bureau (one of the 37), a city bureau (one prefecture city). */
export const staffRoleSchema = z.enum(['national', 'region', 'city']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

const placeCode = z.string().regex(/^\d{6}$/, '应为6位行政区划代码');

/** At least 10 characters with letters and digits: bureau accounts guard many enterprises' results. */
export const staffPasswordSchema = z.string().min(10, '密码至少10位').max(200).regex(/[A-Za-z]/, '密码须包含字母').regex(/\d/, '密码须包含数字');

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
  .strict();
export type StaffAccountInput = z.infer<typeof staffAccountInputSchema>;

/** PATCH /api/admin/staff/:id — reset the password, change the scope, disable. */
export const staffAccountPatchSchema = staffAccountInputSchema.omit({ username: true }).partial().extend({ disabled: z.boolean().optional() }).strict();
export type StaffAccountPatch = z.infer<typeof staffAccountPatchSchema>;

/** GET /api/staff/me */
export const staffMeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  regionCode: z.string().nullable(),
  cityCode: z.string().nullable(),
});
export type StaffMe = z.infer<typeof staffMeSchema>;

/** One account in GET /api/admin/staff and the answer to a create or change. */
export const staffAccountViewSchema = staffMeSchema.extend({ disabled: z.boolean() });
export type StaffAccount = z.infer<typeof staffAccountViewSchema>;
