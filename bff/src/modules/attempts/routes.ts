import { z } from 'zod';
import {
  attemptDetailSchema,
  attemptSummarySchema,
  draftSchema,
  saveDraftRequestSchema,
  saveDraftResponseSchema,
  startAttemptRequestSchema,
  submitRequestSchema,
  submitResponseSchema,
} from '@assess/shared';
import { defineRoute, enterpriseAccess, type RouteSpec, asEnterprise } from '../../lib/route';
import { parseObjectId } from '../campaigns/service';
import type { Services } from '../../services';


const clientOf = (ctx: { ip: string; get(name: string): string }) => ({ ip: ctx.ip, userAgent: ctx.get('user-agent') });
const attemptParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });

export const attemptRoutes: RouteSpec<Services>[] = [
  defineRoute<Services, typeof startAttemptRequestSchema>({
    method: 'post',
    path: '/api/attempts',
    summary: '开始（或继续）一次测评：返回工作草稿，按 clientKey 幂等',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    body: startAttemptRequestSchema,
    response: draftSchema,
    errors: ['WINDOW_NOT_OPEN', 'WINDOW_CLOSED', 'TOKEN_INVALID'],
    handle: ({ actor, body, services }) => services.attempts.start(asEnterprise(actor), body.clientKey),
  }),
  defineRoute<Services>({
    method: 'get',
    path: '/api/attempts/current/draft',
    summary: '读取工作草稿（换设备继续作答）',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    response: draftSchema,
    errors: ['NO_DRAFT', 'TOKEN_INVALID'],
    handle: ({ actor, services }) => services.attempts.getDraft(asEnterprise(actor)),
  }),
  defineRoute<Services, typeof saveDraftRequestSchema>({
    method: 'patch',
    path: '/api/attempts/current/draft',
    summary: '保存草稿中改动的答案（基于版本号，冲突时返回服务器上的草稿）',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    body: saveDraftRequestSchema,
    response: saveDraftResponseSchema,
    errors: ['DRAFT_CONFLICT', 'NO_DRAFT', 'ANSWERS_INVALID', 'WINDOW_CLOSED', 'WINDOW_NOT_OPEN', 'RATE_LIMITED', 'TOKEN_INVALID'],
    handle: ({ actor, body, services }) => services.attempts.saveDraft(asEnterprise(actor), body),
  }),
  defineRoute<Services, typeof submitRequestSchema>({
    method: 'post',
    path: '/api/attempts/current/submit',
    summary: '提交测评：服务器校验、评分并记录接收时间；按 idempotencyKey 幂等，重试返回同一回执',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    body: submitRequestSchema,
    response: submitResponseSchema,
    status: 201,
    errors: ['ANSWERS_INVALID', 'WINDOW_CLOSED', 'WINDOW_NOT_OPEN', 'IDEMPOTENCY_KEY_REUSED', 'RATE_LIMITED', 'TOKEN_INVALID'],
    handle: async ({ ctx, actor, body, services }) => {
      try {
        const response = await services.attempts.submit(asEnterprise(actor), body, clientOf(ctx));
        services.metrics.submits.inc({ outcome: 'accepted' });
        return response;
      } catch (error) {
        services.metrics.submits.inc({ outcome: (error as { code?: string }).code ?? 'error' });
        throw error;
      }
    },
  }),
  defineRoute<Services>({
    method: 'get',
    path: '/api/attempts',
    summary: '本企业已提交的测评记录，以及当前计分的一次',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    response: z.object({ attempts: z.array(attemptSummarySchema), finalAttemptId: z.string().nullable() }),
    errors: ['TOKEN_INVALID'],
    handle: async ({ actor, services }) => {
      const { attempts, finalAttemptId } = await services.attempts.listOwn(asEnterprise(actor));
      return { attempts, finalAttemptId };
    },
  }),
  defineRoute<Services, undefined, undefined, typeof attemptParams>({
    method: 'get',
    path: '/api/attempts/:id',
    summary: '一次测评的回执与答案（只读）',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    params: attemptParams,
    response: attemptDetailSchema,
    errors: ['ATTEMPT_NOT_FOUND', 'TOKEN_INVALID'],
    handle: ({ actor, params, services }) => services.attempts.detail(asEnterprise(actor), parseObjectId(params.id, 'ATTEMPT_NOT_FOUND')),
  }),
];
