import { z } from 'zod';
import { staffAccountListSchema, staffAccountInputSchema as createSchema, staffAccountPatchSchema as patchSchema, staffAccountViewSchema as staffViewSchema, staffMeSchema } from '@assess/shared';
import { Types } from 'mongoose';
import { AppError } from '../../lib/errors';
import { defineRoute, staffAccess, type RouteSpec, asStaff } from '../../lib/route';
import { toStaffView, type StaffService } from './service';

const idParams = z.object({ id: z.string() });

/** What these routes call. */
type StaffRouteServices = { staff: StaffService };

export const staffRoutes: RouteSpec<StaffRouteServices>[] = [
  defineRoute<StaffRouteServices>({
    method: 'get',
    path: '/api/staff/me',
    summary: '当前工作人员账号与权限范围',
    tag: '认证',
    access: staffAccess('national', 'region', 'city'),
    scope: 'none',
    response: staffMeSchema,
    errors: ['TOKEN_INVALID'],
    handle: async ({ actor, services }) => {
      const staff = asStaff(actor);
      const account = await services.staff.findById(staff.staffId);
      if (!account) throw new AppError('TOKEN_INVALID');
      return { id: staff.staffId, username: account.username, displayName: account.displayName, role: staff.role, regionCode: staff.region, cityCode: staff.city };
    },
  }),
  defineRoute<StaffRouteServices>({
    method: 'get',
    path: '/api/admin/staff',
    summary: '工作人员账号列表',
    tag: '账号管理',
    access: staffAccess('national'),
    scope: 'national',
    response: staffAccountListSchema,
    errors: [],
    handle: async ({ services }) => ({ accounts: (await services.staff.list()).map(toStaffView) }),
  }),
  defineRoute<StaffRouteServices, typeof createSchema>({
    method: 'post',
    path: '/api/admin/staff',
    summary: '创建地方局或地市局账号（范围：一个地区或其下一个地市）',
    tag: '账号管理',
    access: staffAccess('national'),
    scope: 'national',
    body: createSchema,
    response: staffViewSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'STAFF_USERNAME_TAKEN', 'STAFF_SCOPE_INVALID'],
    handle: async ({ ctx, actor, body, services }) => toStaffView(await services.staff.create(body, { id: asStaff(actor).staffId, ip: ctx.ip })),
  }),
  defineRoute<StaffRouteServices, typeof patchSchema, undefined, typeof idParams>({
    method: 'patch',
    path: '/api/admin/staff/:id',
    summary: '修改账号（重置密码、调整范围、停用）；已签发的令牌随之失效',
    tag: '账号管理',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: patchSchema,
    response: staffViewSchema,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'STAFF_SCOPE_INVALID'],
    handle: async ({ ctx, actor, params, body, services }) => {
      if (!Types.ObjectId.isValid(params.id)) throw new AppError('NOT_FOUND');
      return toStaffView(await services.staff.update(params.id, body, { id: asStaff(actor).staffId, ip: ctx.ip }));
    },
  }),
];
