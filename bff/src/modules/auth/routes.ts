import type Koa from 'koa';
import { z } from 'zod';
import {
  enterpriseLoginLockSchema,
  enterpriseLoginRequestSchema,
  enterpriseLoginResponseSchema,
  logoutRequestSchema,
  logoutResponseSchema,
  refreshRequestSchema,
  staffLoginLockSchema,
  staffLoginRequestSchema,
  staffLoginResponseSchema,
  tokenPairSchema,
} from '@assess/shared';
import { asStaff, defineRoute, publicAccess, staffAccess, type RouteSpec } from '../../lib/route';
import { IP_FAILURES_PER_15_MIN, IP_LOGINS_PER_MINUTE, KEY_FAILURES_BEFORE_LOCK, KEY_LOCK_SECONDS, PUBLIC_PATH_DELAYS, STAFF_FAILURES_BEFORE_LOCK } from './counters';
import type { RateLimitDoc } from '../../lib/route';
import { objectId } from '../../lib/validate';
import type { LoginLocks } from './locks';
import type { AuthService } from './service';

/** What these routes call. */
type AuthRouteServices = { auth: AuthService; loginLocks: LoginLocks };

const enterpriseParams = z.object({ id: objectId('ENTERPRISE_NOT_FOUND') });
const staffParams = z.object({ id: objectId('NOT_FOUND') });
const anyStaff = staffAccess('national', 'region', 'city');

/** What every login counts per address, before any secret is checked. */
const addressLimits: RateLimitDoc[] = [
  { per: '每个 IP 地址', limit: IP_LOGINS_PER_MINUTE, windowSeconds: 60, note: '登录请求，无论结果' },
  { per: '每个 IP 地址', limit: IP_FAILURES_PER_15_MIN, windowSeconds: 15 * 60, note: '错误的密钥或密码，跨所有账号' },
];
const publicPathDelays = `前 ${PUBLIC_PATH_DELAYS.free} 次错误免延时，此后每次须等待 ${PUBLIC_PATH_DELAYS.firstDelaySeconds} 秒起、逐次加倍、最长 ${PUBLIC_PATH_DELAYS.maxDelaySeconds / 60} 分钟（429，带 Retry-After），从不锁定`;

/** Token responses must never be stored by a browser or a proxy (RFC 6749 §5.1). */
function noStore(ctx: Koa.Context): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Pragma', 'no-cache');
}

export const authRoutes: RouteSpec<AuthRouteServices>[] = [
  defineRoute<AuthRouteServices, typeof enterpriseLoginRequestSchema>({
    method: 'post',
    path: '/api/auth/enterprise/login',
    summary: '企业登录（扫码场景值或统一社会信用代码 + 密钥）；密钥适用于多个测评活动时返回活动列表，带 campaignId 再次登录',
    tag: '企业',
    access: publicAccess,
    scope: 'none',
    body: enterpriseLoginRequestSchema,
    response: enterpriseLoginResponseSchema,
    description: `扫码登录：同一企业连续 ${KEY_FAILURES_BEFORE_LOCK} 次密钥错误后锁定 ${KEY_LOCK_SECONDS / 60} 分钟（429 KEY_LOCKED）。统一社会信用代码登录：${publicPathDelays}（KEY_SLOWED）。未登记的代码与错误的密钥答复相同（401 USCC_OR_KEY_WRONG）。Redis 不可用时拒绝登录（503 LOGIN_UNAVAILABLE）。`,
    rateLimits: addressLimits,
    errors: ['VALIDATION_FAILED', 'ENTERPRISE_NOT_FOUND', 'USCC_INVALID', 'KEY_WRONG', 'KEY_LOCKED', 'KEY_NOT_ISSUED', 'USCC_OR_KEY_WRONG', 'KEY_SLOWED', 'RATE_LIMITED', 'LOGIN_UNAVAILABLE'],
    handle: ({ ctx, body, services }) => {
      noStore(ctx);
      return services.auth.enterpriseLogin(body, ctx.ip);
    },
  }),
  defineRoute<AuthRouteServices, typeof refreshRequestSchema>({
    method: 'post',
    path: '/api/auth/refresh',
    summary: '用刷新令牌换取新的令牌对（刷新令牌只能用一次；重复使用已用过的刷新令牌将结束整个会话）',
    tag: '认证',
    access: publicAccess,
    scope: 'none',
    body: refreshRequestSchema,
    response: tokenPairSchema,
    errors: ['VALIDATION_FAILED', 'TOKEN_INVALID', 'LOGIN_UNAVAILABLE'],
    handle: ({ ctx, body, services }) => {
      noStore(ctx);
      return services.auth.refresh(body.refreshToken, ctx.ip);
    },
  }),
  defineRoute<AuthRouteServices, typeof logoutRequestSchema>({
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出登录：结束刷新令牌所属的会话（企业或工作人员），其访问令牌与刷新令牌立即失效',
    tag: '认证',
    access: publicAccess,
    scope: 'none',
    body: logoutRequestSchema,
    response: logoutResponseSchema,
    errors: ['VALIDATION_FAILED', 'TOKEN_INVALID', 'LOGIN_UNAVAILABLE'],
    handle: ({ ctx, body, services }) => {
      noStore(ctx);
      return services.auth.logout(body.refreshToken, ctx.ip);
    },
  }),
  defineRoute<AuthRouteServices, typeof staffLoginRequestSchema>({
    method: 'post',
    path: '/api/auth/staff/login',
    summary: '知识产权局工作人员登录（带上次登录得到的 deviceToken 时，只按本设备计错误次数）',
    tag: '认证',
    access: publicAccess,
    scope: 'none',
    body: staffLoginRequestSchema,
    response: staffLoginResponseSchema,
    description: `陌生设备：${publicPathDelays}（ACCOUNT_SLOWED）。带 deviceToken 的设备：连续 ${STAFF_FAILURES_BEFORE_LOCK} 次密码错误后只锁定这台设备 ${KEY_LOCK_SECONDS / 60} 分钟（429 ACCOUNT_LOCKED）。Redis 不可用时拒绝登录（503 LOGIN_UNAVAILABLE）。`,
    rateLimits: addressLimits,
    errors: ['VALIDATION_FAILED', 'CREDENTIALS_WRONG', 'ACCOUNT_LOCKED', 'ACCOUNT_SLOWED', 'RATE_LIMITED', 'LOGIN_UNAVAILABLE'],
    handle: ({ ctx, body, services }) => {
      noStore(ctx);
      return services.auth.staffLogin(body, ctx.ip);
    },
  }),
  defineRoute<AuthRouteServices, undefined, undefined, typeof enterpriseParams>({
    method: 'get',
    path: '/api/auth/locks/enterprises/:id',
    summary: '企业登录锁定状态：扫码登录的错误次数与锁定、统一社会信用代码登录的延时',
    tag: '登录锁定',
    access: anyStaff,
    scope: 'region',
    params: enterpriseParams,
    response: enterpriseLoginLockSchema,
    errors: ['FORBIDDEN', 'ENTERPRISE_NOT_FOUND', 'SERVICE_UNAVAILABLE'],
    handle: ({ actor, params, services }) => services.loginLocks.enterprise(asStaff(actor), params.id),
  }),
  defineRoute<AuthRouteServices, undefined, undefined, typeof enterpriseParams>({
    method: 'delete',
    path: '/api/auth/locks/enterprises/:id',
    summary: '解除企业登录锁定（两种登录方式的错误计数一并清零；记入审计日志）',
    tag: '登录锁定',
    access: anyStaff,
    scope: 'region',
    params: enterpriseParams,
    response: enterpriseLoginLockSchema,
    errors: ['FORBIDDEN', 'ENTERPRISE_NOT_FOUND', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, services }) => services.loginLocks.clearEnterprise(asStaff(actor), params.id, ctx.ip),
  }),
  defineRoute<AuthRouteServices, undefined, undefined, typeof staffParams>({
    method: 'get',
    path: '/api/auth/locks/staff/:id',
    summary: '工作人员账号登录锁定状态：陌生设备的延时、被锁定的设备数',
    tag: '登录锁定',
    access: staffAccess('national'),
    scope: 'national',
    params: staffParams,
    response: staffLoginLockSchema,
    errors: ['NOT_FOUND', 'SERVICE_UNAVAILABLE'],
    handle: ({ params, services }) => services.loginLocks.staff(params.id),
  }),
  defineRoute<AuthRouteServices, undefined, undefined, typeof staffParams>({
    method: 'delete',
    path: '/api/auth/locks/staff/:id',
    summary: '解除工作人员账号登录锁定（记入审计日志）',
    tag: '登录锁定',
    access: staffAccess('national'),
    scope: 'national',
    params: staffParams,
    response: staffLoginLockSchema,
    errors: ['NOT_FOUND', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, services }) => services.loginLocks.clearStaff(asStaff(actor), params.id, ctx.ip),
  }),
];
