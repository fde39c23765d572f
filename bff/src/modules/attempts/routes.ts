import { z } from 'zod';
import {
  MAX_IMPORT_BYTES,
  XLSX_MEDIA_TYPE,
  attemptDetailSchema,
  attemptSummarySchema,
  draftSchema,
  saveDraftRequestSchema,
  saveDraftResponseSchema,
  startAttemptRequestSchema,
  submitRequestSchema,
  submitResponseSchema,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Metrics } from '../../lib/metrics';
import { readUpload } from '../../lib/rawBody';
import { defineRoute, enterpriseAccess, type RouteSpec, asEnterprise } from '../../lib/route';
import { objectId } from '../../lib/validate';
import type { QuestionnaireService } from '../questionnaires/service';
import type { ParseSlots } from '../workbooks/parseSlots';
import { readQuestionnaireWorkbook } from '../workbooks/questionnaireWorkbook';
import type { AttemptService } from './service';

/** What these routes call. */
type AttemptRouteServices = { attempts: AttemptService; questionnaires: QuestionnaireService; parseSlots: ParseSlots; metrics: Metrics };

const clientOf = (ctx: { ip: string; get(name: string): string }) => ({ ip: ctx.ip, userAgent: ctx.get('user-agent') });
const attemptParams = z.object({ id: objectId('ATTEMPT_NOT_FOUND') });

export const attemptRoutes: RouteSpec<AttemptRouteServices>[] = [
  defineRoute<AttemptRouteServices, typeof startAttemptRequestSchema>({
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
  defineRoute<AttemptRouteServices>({
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
  defineRoute<AttemptRouteServices, typeof saveDraftRequestSchema>({
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
  defineRoute<AttemptRouteServices, typeof submitRequestSchema>({
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
  defineRoute<AttemptRouteServices>({
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
  defineRoute<AttemptRouteServices, undefined, undefined, typeof attemptParams>({
    method: 'get',
    path: '/api/attempts/:id',
    summary: '一次测评的回执与答案（只读）',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    params: attemptParams,
    response: attemptDetailSchema,
    errors: ['ATTEMPT_NOT_FOUND', 'TOKEN_INVALID'],
    handle: ({ actor, params, services }) => services.attempts.detail(asEnterprise(actor), params.id),
  }),
  defineRoute<AttemptRouteServices>({
    method: 'post',
    path: '/api/attempts/current/draft/import',
    summary: '上传填好的问卷工作簿，预填草稿（不会提交）；返回逐单元格的采纳/拒绝报告',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    body: { raw: [XLSX_MEDIA_TYPE], maxBytes: MAX_IMPORT_BYTES },
    errors: ['FILE_INVALID', 'FILE_TOO_LARGE', 'FILE_TOO_COMPLEX', 'UNSUPPORTED_MEDIA_TYPE', 'NO_DRAFT', 'WINDOW_CLOSED', 'TOKEN_INVALID', 'RATE_LIMITED', 'UPLOADS_BUSY', 'ANSWERS_INVALID'],
    handle: async ({ ctx, actor, services }) => {
      const enterprise = asEnterprise(actor);
      await services.attempts.assertKeyCurrent(enterprise);
      if (!ctx.is(XLSX_MEDIA_TYPE)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      // Every upload is a draft save, counted before the file is read: a blank or hostile workbook too.
      await services.attempts.countDraftSave(enterprise);
      const bytes = await readUpload(ctx, MAX_IMPORT_BYTES);
      const questionnaire = await services.questionnaires.get(enterprise.questionnaire);
      const read = await services.parseSlots.run(() => readQuestionnaireWorkbook(bytes, questionnaire));
      const saved = Object.keys(read.answers).length > 0 ? await services.attempts.mergeIntoDraft(enterprise, read.answers) : await services.attempts.getDraft(enterprise);
      return { revision: saved.revision, taken: read.taken, refused: read.refused };
    },
  }),
];
