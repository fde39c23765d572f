import { z } from 'zod';
import { entryInfoSchema, meResponseSchema, sceneSchema } from '@assess/shared';
import { defineRoute, enterpriseAccess, publicAccess, type RouteSpec, asEnterprise } from '../../lib/route';
import { AppError } from '../../lib/errors';
import type { RateLimiter } from '../../lib/rateLimit';
import type { HomeService } from './service';

const sceneParams = z.object({ scene: sceneSchema });
/** The landing page is public: limit how fast one address can walk scene tokens. */
const ENTRY_LOOKUPS_PER_MINUTE = 60;

/** What these routes call. */
type HomeRouteServices = { home: HomeService; limiter: RateLimiter };

export const homeRoutes: RouteSpec<HomeRouteServices>[] = [
  defineRoute<HomeRouteServices, undefined, undefined, typeof sceneParams>({
    method: 'get',
    path: '/api/entry/:scene',
    summary: '扫码落地页：企业名称（脱敏）与测评时间',
    tag: '企业',
    access: publicAccess,
    scope: 'none',
    params: sceneParams,
    response: entryInfoSchema,
    rateLimits: [{ per: '每个 IP 地址', limit: ENTRY_LOOKUPS_PER_MINUTE, windowSeconds: 60 }],
    errors: ['ENTERPRISE_NOT_FOUND', 'VALIDATION_FAILED', 'RATE_LIMITED'],
    handle: async ({ ctx, params, services }) => {
      const hit = await services.limiter.hitOrAllow(`entry:ip:${ctx.ip}`, ENTRY_LOOKUPS_PER_MINUTE, 60);
      if (!hit.allowed) throw new AppError('RATE_LIMITED', { retryAfterSeconds: hit.retryAfterSeconds }, { headers: { 'Retry-After': String(hit.retryAfterSeconds) } });
      return services.home.entry(params.scene);
    },
  }),
  defineRoute<HomeRouteServices>({
    method: 'get',
    path: '/api/me',
    summary: '企业首页：活动时间（服务器时间）、测评记录、当前计分的一次、草稿、结果',
    tag: '企业',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    response: meResponseSchema,
    errors: ['TOKEN_INVALID'],
    handle: ({ actor, services }) => services.home.me(asEnterprise(actor)),
  }),
];
