import type Koa from 'koa';
import { z } from 'zod';
import {
  chunkAckSchema,
  chunkParamsSchema,
  createUploadInputSchema,
  EVIDENCE_CHUNK_BYTES,
  EVIDENCE_CHUNK_MEDIA_TYPES,
  EVIDENCE_FILE_MEDIA_TYPES,
  evidenceAnswerInputSchema,
  evidenceChecklistInputSchema,
  evidenceChecklistViewSchema,
  evidenceDownloadQuerySchema,
  evidenceFileParamsSchema,
  evidenceItemParamsSchema,
  evidenceMarksInputSchema,
  evidenceNoteInputSchema,
  evidenceOwnFileQuerySchema,
  evidencePageSchema,
  evidenceRequestInputSchema,
  evidenceScopeQuerySchema,
  evidenceSetListSchema,
  evidenceSetQuerySchema,
  evidenceSetViewSchema,
  uploadParamsSchema,
  uploadViewSchema,
} from '@assess/shared';
import { mediaTypes, type FileKind } from '../../lib/files';
import { assertUploadType, readUpload } from '../../lib/rawBody';
import { asEnterprise, asStaff, defineRoute, enterpriseAccess, staffAccess, type RouteSpec } from '../../lib/route';
import { objectId } from '../../lib/validate';
import type { EvidenceService } from './service';

/** What these routes call. */
type EvidenceRouteServices = { evidence: EvidenceService };

const TAG = '示范评审材料';
const anyStaff = staffAccess('national', 'region', 'city');
const localBureaus = staffAccess('region', 'city');
const idParams = z.object({ id: objectId('CAMPAIGN_NOT_FOUND') });
const setParams = z.object({ enterpriseId: objectId('ENTERPRISE_NOT_FOUND') });
const setFileParams = z.object({ enterpriseId: objectId('ENTERPRISE_NOT_FOUND'), fileId: z.string().regex(/^[0-9a-f]{24}$/) });
/** Errors of every enterprise route that reads its set. */
const OWN = ['EVIDENCE_NOT_AVAILABLE', 'EVIDENCE_CHECKLIST_MISSING', 'ENTERPRISE_NOT_FOUND', 'CAMPAIGN_NOT_FOUND'] as const;
/** Errors of every bureau route on one enterprise's set. */
const STAFF_SET = ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'ENTERPRISE_NOT_FOUND', 'EVIDENCE_CHECKLIST_MISSING'] as const;
const WRITE = ['SERVICE_UNAVAILABLE'] as const;

/** Streams a stored file as its kind; `inline` lets a browser show it (PDF, images) instead of saving it. */
function sendFile(ctx: Koa.Context, file: { stream: NodeJS.ReadableStream; bytes: number; filename: string; kind: FileKind }, inline: boolean): undefined {
  ctx.type = mediaTypes[file.kind];
  ctx.attachment(file.filename, { type: inline ? 'inline' : 'attachment' });
  ctx.length = file.bytes;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = file.stream;
  return undefined;
}

export const evidenceRoutes: RouteSpec<EvidenceRouteServices>[] = [
  // ---- the national bureau's 评审要点 ----
  defineRoute<EvidenceRouteServices, undefined, undefined, typeof idParams>({
    method: 'get',
    path: '/api/admin/campaigns/:id/evidence-checklist',
    summary: '示范评审材料的评审要点（当前版本）与提交截止时间',
    tag: TAG,
    access: anyStaff,
    scope: 'campaign',
    params: idParams,
    response: evidenceChecklistViewSchema,
    errors: ['CAMPAIGN_NOT_FOUND', 'EVIDENCE_CHECKLIST_MISSING'],
    handle: ({ params, services }) => services.evidence.checklist(params.id),
  }),
  defineRoute<EvidenceRouteServices, typeof evidenceChecklistInputSchema, undefined, typeof idParams>({
    method: 'put',
    path: '/api/admin/campaigns/:id/evidence-checklist',
    summary: '发布评审要点的新版本（企业开始上传后不能再改项目，只能延后截止时间；记入审计）',
    tag: TAG,
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: evidenceChecklistInputSchema,
    response: evidenceChecklistViewSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'EVIDENCE_CHECKLIST_LOCKED', ...WRITE],
    handle: ({ ctx, actor, params, body, services }) => services.evidence.saveChecklist(params.id, body, asStaff(actor), ctx.ip),
  }),

  // ---- the enterprise ----
  defineRoute<EvidenceRouteServices>({
    method: 'get',
    path: '/api/evidence',
    summary: '本企业的示范评审材料：评审要点、各项文件与进度、补正要求、回执（不参加时说明原因）',
    tag: TAG,
    access: enterpriseAccess,
    scope: 'own-enterprise',
    response: evidencePageSchema,
    errors: ['EVIDENCE_CHECKLIST_MISSING', 'ENTERPRISE_NOT_FOUND', 'CAMPAIGN_NOT_FOUND'],
    handle: ({ actor, services }) => services.evidence.page(asEnterprise(actor)),
  }),
  defineRoute<EvidenceRouteServices, typeof evidenceAnswerInputSchema, undefined, typeof evidenceItemParamsSchema>({
    method: 'put',
    path: '/api/evidence/items/:itemId/answer',
    summary: '保存一项的文字说明（不超过该项字数上限）',
    tag: TAG,
    access: enterpriseAccess,
    scope: 'own-enterprise',
    params: evidenceItemParamsSchema,
    body: evidenceAnswerInputSchema,
    response: evidenceSetViewSchema,
    errors: ['VALIDATION_FAILED', ...OWN, 'EVIDENCE_ITEM_NOT_FOUND', 'EVIDENCE_LOCKED', ...WRITE],
    handle: ({ ctx, actor, params, body, services }) => services.evidence.saveAnswer(asEnterprise(actor), params.itemId, body.answer, ctx.ip),
  }),
  defineRoute<EvidenceRouteServices, typeof createUploadInputSchema>({
    method: 'post',
    path: '/api/evidence/uploads',
    summary: '开始上传一个文件（可续传）：先核对该项允许的类型、大小、文件数和企业总量，再分片发送',
    tag: TAG,
    access: enterpriseAccess,
    scope: 'own-enterprise',
    body: createUploadInputSchema,
    response: uploadViewSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', ...OWN, 'EVIDENCE_ITEM_NOT_FOUND', 'EVIDENCE_LOCKED', 'EVIDENCE_FILE_NOT_FOUND', 'EVIDENCE_KIND_INVALID', 'EVIDENCE_FILE_TOO_LARGE', 'EVIDENCE_TOO_MANY_FILES', 'EVIDENCE_QUOTA_EXCEEDED', 'UPLOAD_CHUNK_INVALID', ...WRITE],
    handle: ({ actor, body, services }) => services.evidence.createUpload(asEnterprise(actor), body),
  }),
  defineRoute<EvidenceRouteServices, undefined, undefined, typeof uploadParamsSchema>({
    method: 'get',
    path: '/api/evidence/uploads/:uploadId',
    summary: '上传进度：已收到的分片（断线后据此续传）',
    tag: TAG,
    access: enterpriseAccess,
    scope: 'own-enterprise',
    params: uploadParamsSchema,
    response: uploadViewSchema,
    errors: ['VALIDATION_FAILED', 'UPLOAD_NOT_FOUND'],
    handle: ({ actor, params, services }) => services.evidence.getUpload(asEnterprise(actor), params.uploadId),
  }),
  defineRoute<EvidenceRouteServices, undefined, undefined, typeof chunkParamsSchema>({
    method: 'put',
    path: '/api/evidence/uploads/:uploadId/chunks/:n',
    summary: '发送第 n 个分片（1 MB，最后一片可更短；重发同一片会覆盖；第一片按文件内容核对类型）',
    tag: TAG,
    access: enterpriseAccess,
    scope: 'own-enterprise',
    params: chunkParamsSchema,
    body: { raw: EVIDENCE_CHUNK_MEDIA_TYPES, maxBytes: EVIDENCE_CHUNK_BYTES },
    response: chunkAckSchema,
    errors: ['VALIDATION_FAILED', 'UPLOAD_NOT_FOUND', 'UPLOAD_CHUNK_INVALID', 'EVIDENCE_KIND_INVALID', 'UNSUPPORTED_MEDIA_TYPE', 'FILE_TOO_LARGE', 'FILE_INVALID'],
    handle: async ({ ctx, actor, params, services }) => {
      assertUploadType(ctx, EVIDENCE_CHUNK_MEDIA_TYPES);
      const data = await readUpload(ctx, EVIDENCE_CHUNK_BYTES);
      return services.evidence.putChunk(asEnterprise(actor), params.uploadId, params.n, data);
    },
  }),
  defineRoute<EvidenceRouteServices, undefined, undefined, typeof uploadParamsSchema>({
    method: 'post',
    path: '/api/evidence/uploads/:uploadId/complete',
    summary: '完成上传：核对全部分片、计算 SHA-256，记入该项（替换时旧版本保留）',
    tag: TAG,
    access: enterpriseAccess,
    scope: 'own-enterprise',
    params: uploadParamsSchema,
    response: evidenceSetViewSchema,
    errors: ['VALIDATION_FAILED', ...OWN, 'UPLOAD_NOT_FOUND', 'UPLOAD_INCOMPLETE', 'EVIDENCE_ITEM_NOT_FOUND', 'EVIDENCE_KIND_INVALID', 'EVIDENCE_LOCKED', 'EVIDENCE_FILE_NOT_FOUND', 'EVIDENCE_TOO_MANY_FILES', ...WRITE],
    handle: ({ ctx, actor, params, services }) => services.evidence.completeUpload(asEnterprise(actor), params.uploadId, ctx.ip),
  }),
  defineRoute<EvidenceRouteServices>({
    method: 'post',
    path: '/api/evidence/submit',
    summary: '提交材料：必填项目完成后生成回执（列出每个文件及其 SHA-256），已提交的文件不能再更改',
    tag: TAG,
    access: enterpriseAccess,
    scope: 'own-enterprise',
    response: evidenceSetViewSchema,
    errors: [...OWN, 'EVIDENCE_LOCKED', 'EVIDENCE_INCOMPLETE', ...WRITE],
    handle: ({ ctx, actor, services }) => services.evidence.submit(asEnterprise(actor), ctx.ip),
  }),
  defineRoute<EvidenceRouteServices, undefined, typeof evidenceOwnFileQuerySchema, typeof evidenceFileParamsSchema>({
    method: 'get',
    path: '/api/evidence/files/:fileId',
    summary: '下载本企业上传的材料文件（记入审计）',
    tag: TAG,
    access: enterpriseAccess,
    scope: 'own-enterprise',
    params: evidenceFileParamsSchema,
    query: evidenceOwnFileQuerySchema,
    produces: EVIDENCE_FILE_MEDIA_TYPES,
    errors: ['VALIDATION_FAILED', ...OWN, 'EVIDENCE_FILE_NOT_FOUND', 'NOT_FOUND'],
    handle: async ({ ctx, actor, params, query, services }) => sendFile(ctx, await services.evidence.ownFile(asEnterprise(actor), params.fileId, ctx.ip), query.inline === '1'),
  }),

  // ---- the bureaus ----
  defineRoute<EvidenceRouteServices, undefined, typeof evidenceScopeQuerySchema>({
    method: 'get',
    path: '/api/evidence/sets',
    summary: '本地区（地市）达到示范企业合格线的申报示范企业及其材料状态',
    tag: TAG,
    access: anyStaff,
    scope: 'region',
    query: evidenceScopeQuerySchema,
    response: evidenceSetListSchema,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND'],
    handle: ({ actor, query, services }) => services.evidence.listSets(asStaff(actor), query),
  }),
  defineRoute<EvidenceRouteServices, undefined, typeof evidenceSetQuerySchema, typeof setParams>({
    method: 'get',
    path: '/api/evidence/sets/:enterpriseId',
    summary: '一家企业的材料：各项文件（含旧版本）、文字说明、标记、补正要求与回执',
    tag: TAG,
    access: anyStaff,
    scope: 'region',
    params: setParams,
    query: evidenceSetQuerySchema,
    response: evidenceSetViewSchema,
    errors: STAFF_SET,
    handle: ({ actor, params, query, services }) => services.evidence.set(asStaff(actor), params.enterpriseId, query.campaignId),
  }),
  defineRoute<EvidenceRouteServices, undefined, typeof evidenceDownloadQuerySchema, typeof setFileParams>({
    method: 'get',
    path: '/api/evidence/sets/:enterpriseId/files/:fileId',
    summary: '查看（inline=1）或下载一家企业的材料文件（每次记入审计）',
    tag: TAG,
    access: anyStaff,
    scope: 'region',
    params: setFileParams,
    query: evidenceDownloadQuerySchema,
    produces: EVIDENCE_FILE_MEDIA_TYPES,
    errors: [...STAFF_SET, 'EVIDENCE_FILE_NOT_FOUND', 'NOT_FOUND'],
    handle: async ({ ctx, actor, params, query, services }) => sendFile(ctx, await services.evidence.staffFile(asStaff(actor), params.enterpriseId, query.campaignId, params.fileId, ctx.ip), query.inline === '1'),
  }),
  defineRoute<EvidenceRouteServices, typeof evidenceMarksInputSchema, typeof evidenceSetQuerySchema, typeof setParams>({
    method: 'put',
    path: '/api/evidence/sets/:enterpriseId/marks',
    summary: '逐项标记材料充分或需补充（需补充须写明内容；记入审计）',
    tag: TAG,
    access: anyStaff,
    scope: 'region',
    params: setParams,
    query: evidenceSetQuerySchema,
    body: evidenceMarksInputSchema,
    response: evidenceSetViewSchema,
    errors: [...STAFF_SET, 'EVIDENCE_ITEM_NOT_FOUND', 'EVIDENCE_MARK_INVALID', ...WRITE],
    handle: ({ ctx, actor, params, query, body, services }) => services.evidence.mark(asStaff(actor), params.enterpriseId, query.campaignId, body, ctx.ip),
  }),
  defineRoute<EvidenceRouteServices, typeof evidenceRequestInputSchema, typeof evidenceSetQuerySchema, typeof setParams>({
    method: 'post',
    path: '/api/evidence/sets/:enterpriseId/requests',
    summary: '要求补正：只重新开放所列项目，并设定新的截止时间（记入审计）',
    tag: TAG,
    access: anyStaff,
    scope: 'region',
    params: setParams,
    query: evidenceSetQuerySchema,
    body: evidenceRequestInputSchema,
    response: evidenceSetViewSchema,
    status: 201,
    errors: [...STAFF_SET, 'EVIDENCE_NOT_SUBMITTED', 'EVIDENCE_REQUEST_INVALID', ...WRITE],
    handle: ({ ctx, actor, params, query, body, services }) => services.evidence.request(asStaff(actor), params.enterpriseId, query.campaignId, body, ctx.ip),
  }),
  defineRoute<EvidenceRouteServices, typeof evidenceNoteInputSchema, typeof evidenceSetQuerySchema, typeof setParams>({
    method: 'put',
    path: '/api/evidence/sets/:enterpriseId/note',
    summary: '材料审查意见：写入该企业在上报材料中的评审意见（评审情况），地市局的为意见、由地区局确认',
    tag: TAG,
    access: localBureaus,
    scope: 'region',
    params: setParams,
    query: evidenceSetQuerySchema,
    body: evidenceNoteInputSchema,
    response: evidenceSetViewSchema,
    errors: [...STAFF_SET, 'REVIEW_NOT_OPEN', 'REVIEW_NOT_APPLICABLE', 'PACKAGE_LOCKED', ...WRITE],
    handle: ({ ctx, actor, params, query, body, services }) => services.evidence.note(asStaff(actor), params.enterpriseId, query.campaignId, body, ctx.ip),
  }),
];
