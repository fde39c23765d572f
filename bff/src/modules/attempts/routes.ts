import { z } from 'zod';
import {
  MAX_IMPORT_BYTES,
  XLSX_MEDIA_TYPE,
  attemptDetailSchema,
  draftImportReportSchema,
  attemptListSchema,
  draftSchema,
  idempotencyKeySchema,
  receiptFileSchema,
  saveDraftRequestSchema,
  saveDraftResponseSchema,
  startAttemptRequestSchema,
  submitRequestSchema,
  submitResponseSchema,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { Metrics } from '../../lib/metrics';
import { readUpload } from '../../lib/rawBody';
import { defineRoute, enterpriseAccess, type RouteSpec, asEnterprise } from '../../lib/route';
import { objectId } from '../../lib/validate';
import type { HomeService } from '../home/service';
import type { QuestionnaireService } from '../questionnaires/service';
import type { ParseSlots } from '../workbooks/parseSlots';
import { readQuestionnaireWorkbook } from '../workbooks/questionnaireWorkbook';
import { DRAFT_SAVE_LIMIT_PER_MINUTE, SUBMIT_LIMITS } from './limits';
import { toReceiptFile } from './receipt';
import type { AttemptService } from './service';

/** What these routes call. */
type AttemptRouteServices = { attempts: AttemptService; questionnaires: QuestionnaireService; parseSlots: ParseSlots; metrics: Metrics; home: Pick<HomeService, 'me'>; clock: Clock };

const clientOf = (ctx: { ip: string; get(name: string): string }) => ({ ip: ctx.ip, userAgent: ctx.get('user-agent') });
const attemptParams = z.object({ id: objectId('ATTEMPT_NOT_FOUND') });
const refusedKey = (message: string) => new AppError('VALIDATION_FAILED', { issues: [{ path: 'Idempotency-Key', message }] });

/**
 * The submit's idempotency key: the standard `Idempotency-Key` header, or the body's
 * `idempotencyKey` (the mini-program's); when both are sent they must be the same key.
 */
function idempotencyKeyOf(ctx: { get(name: string): string }, body: { idempotencyKey?: string }): string {
  const header = ctx.get('idempotency-key');
  if (header === '') {
    if (!body.idempotencyKey) throw refusedKey('缺少幂等键：请求头 Idempotency-Key 或请求体 idempotencyKey');
    return body.idempotencyKey;
  }
  if (!idempotencyKeySchema.safeParse(header).success) throw refusedKey('Idempotency-Key 应为 8–64 位字母、数字、下划线或连字符');
  if (body.idempotencyKey !== undefined && body.idempotencyKey !== header) throw refusedKey('请求头 Idempotency-Key 与请求体 idempotencyKey 不一致');
  return header;
}

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
    rateLimits: [{ per: '每家企业', limit: DRAFT_SAVE_LIMIT_PER_MINUTE, windowSeconds: 60, note: '与工作簿预填共用' }],
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
    rateLimits: [
      { per: '每家企业', limit: SUBMIT_LIMITS.triesPerMinute, windowSeconds: 60, note: '提交请求，含重试' },
      { per: '每家企业', limit: SUBMIT_LIMITS.perMinute, windowSeconds: 60, note: '不同的幂等键，即新的提交' },
      { per: '每家企业', limit: SUBMIT_LIMITS.perDay, windowSeconds: 86_400, note: '不同的幂等键' },
    ],
    errors: ['ANSWERS_INVALID', 'WINDOW_CLOSED', 'WINDOW_NOT_OPEN', 'IDEMPOTENCY_KEY_REUSED', 'RATE_LIMITED', 'TOKEN_INVALID'],
    requestHeaders: [{ name: 'Idempotency-Key', description: '幂等键（IETF draft-ietf-httpapi-idempotency-key-header）：与请求体 idempotencyKey 二选一，两处都给时须相同，否则 400', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } }],
    responseHeaders: { 'Idempotent-Replayed': { description: 'true：本次是重试，返回的是先前已接收的同一次提交的回执；false：新接收', required: true } },
    handle: async ({ ctx, actor, body, services }) => {
      try {
        const enterprise = asEnterprise(actor);
        let key: string;
        try {
          key = idempotencyKeyOf(ctx, body);
        } catch (refusal) {
          // A revoked token is told that first, as the service does for every refusal.
          await services.attempts.assertKeyCurrent(enterprise);
          throw refusal;
        }
        const { replayed, ...response } = await services.attempts.submit(enterprise, { ...body, idempotencyKey: key }, clientOf(ctx));
        services.metrics.submits.inc({ outcome: 'accepted' });
        ctx.set('Idempotent-Replayed', String(replayed));
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
    response: attemptListSchema,
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
    response: draftImportReportSchema,
    rateLimits: [{ per: '每家企业', limit: DRAFT_SAVE_LIMIT_PER_MINUTE, windowSeconds: 60, note: '与草稿保存共用' }],
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
  defineRoute<AttemptRouteServices, undefined, undefined, typeof attemptParams>({
    method: 'get',
    path: '/api/attempts/:id/receipt-file',
    summary: '下载回执文件（JSON）：回执与其覆盖的答案，可离线重新计算校验码',
    description: '用 npx verify-receipt <文件> 或 H5 页面 /pages/verify/index（无需登录）校验；算法见 Receipt 模式与 README「回执校验」。',
    tag: '测评',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    params: attemptParams,
    response: receiptFileSchema,
    responseHeaders: { 'Content-Disposition': { description: 'attachment; filename="receipt-<次序>-<回执编号>.json"', required: true } },
    errors: ['ATTEMPT_NOT_FOUND', 'TOKEN_INVALID'],
    handle: async ({ ctx, actor, params, services }) => {
      const enterprise = asEnterprise(actor);
      const detail = await services.attempts.detail(enterprise, params.id);
      const file = toReceiptFile(detail, await services.home.me(enterprise), services.clock.now());
      ctx.attachment(`receipt-${file.receipt.number}-${file.receipt.attemptId}.json`);
      ctx.type = 'application/json';
      return file;
    },
  }),
];
