import { z } from 'zod';
import { enterpriseLoginRequestSchema, refreshRequestSchema, tokenPairSchema } from '@assess/shared';
import { defineRoute, publicAccess, type RouteSpec } from '../../lib/route';
import type { Services } from '../../services';

const staffLoginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

export const authRoutes: RouteSpec<Services>[] = [
  defineRoute<Services, typeof enterpriseLoginRequestSchema>({
    method: 'post',
    path: '/api/auth/enterprise/login',
    summary: '企业登录（扫码场景值或统一社会信用代码 + 密钥）',
    tag: '企业',
    access: publicAccess,
    scope: 'none',
    body: enterpriseLoginRequestSchema,
    response: tokenPairSchema,
    errors: ['VALIDATION_FAILED', 'ENTERPRISE_NOT_FOUND', 'USCC_INVALID', 'KEY_WRONG', 'KEY_LOCKED', 'KEY_NOT_ISSUED', 'RATE_LIMITED', 'LOGIN_UNAVAILABLE'],
    handle: ({ ctx, body, services }) => services.auth.enterpriseLogin(body, ctx.ip),
  }),
  defineRoute<Services, typeof refreshRequestSchema>({
    method: 'post',
    path: '/api/auth/refresh',
    summary: '用刷新令牌换取新的访问令牌',
    tag: '认证',
    access: publicAccess,
    scope: 'none',
    body: refreshRequestSchema,
    response: tokenPairSchema,
    errors: ['VALIDATION_FAILED', 'TOKEN_INVALID'],
    handle: ({ body, services }) => services.auth.refresh(body.refreshToken),
  }),
  defineRoute<Services, typeof staffLoginSchema>({
    method: 'post',
    path: '/api/auth/staff/login',
    summary: '知识产权局工作人员登录',
    tag: '认证',
    access: publicAccess,
    scope: 'none',
    body: staffLoginSchema,
    response: tokenPairSchema,
    errors: ['VALIDATION_FAILED', 'CREDENTIALS_WRONG', 'ACCOUNT_LOCKED', 'RATE_LIMITED', 'LOGIN_UNAVAILABLE'],
    handle: ({ ctx, body, services }) => services.auth.staffLogin(body.username, body.password, ctx.ip),
  }),
];
