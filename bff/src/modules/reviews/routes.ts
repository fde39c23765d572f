import { z } from 'zod';
import {
  applicantReviewsInputSchema,
  confirmPackageInputSchema,
  confirmProposalsInputSchema,
  packageQuerySchema,
  packagesTableSchema,
  packageDecisionResultSchema,
  packageViewSchema,
  recommendationListInputSchema,
  returnPackageInputSchema,
  SCAN_FILE_MEDIA_TYPES,
  SCAN_UPLOAD_MEDIA_TYPES,
  reviewDecisionsInputSchema,
  reviewHistorySchema,
  reviewSummaryInputSchema,
  scanQuerySchema,
  scanViewSchema,
  scopeQuerySchema,
  submitPackageInputSchema,
  workPageSchema,
} from '@assess/shared';
import { assertUploadType } from '../../lib/rawBody';
import { sendStoredFile } from '../../lib/sendFile';
import { AppError } from '../../lib/errors';
import { asStaff, defineRoute, staffAccess, type RouteSpec } from '../../lib/route';
import { objectId } from '../../lib/validate';
import { MAX_SCAN_BYTES, type ReviewService } from './service';

/** What these routes call. */
type ReviewRouteServices = { reviews: ReviewService };

const anyStaff = staffAccess('national', 'region', 'city');
/** Who works on a region's review: the region decides, a city proposes for its own enterprises. */
const localBureaus = staffAccess('region', 'city');
const regionBureau = staffAccess('region');
/** The package covers the whole region: the region and the national bureau read it. */
const packageReaders = staffAccess('region', 'national');
const idParams = z.object({ id: objectId('CAMPAIGN_NOT_FOUND') });
const OPEN_ERRORS = ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'REVIEW_NOT_OPEN', 'PACKAGE_LOCKED'] as const;

export const reviewRoutes: RouteSpec<ReviewRouteServices>[] = [
  defineRoute<ReviewRouteServices, undefined, typeof scopeQuerySchema>({
    method: 'get',
    path: '/api/reviews/work',
    summary: '合格线公布、系统关闭后的工作页：考核/复核初核、申报企业评审、推荐名单（名额内、专精特新优先）、上报状态',
    tag: '初核与推荐',
    access: anyStaff,
    scope: 'region',
    query: scopeQuerySchema,
    response: workPageSchema,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND'],
    handle: ({ actor, query, services }) => services.reviews.work(asStaff(actor), query),
  }),
  defineRoute<ReviewRouteServices, typeof reviewDecisionsInputSchema, typeof scopeQuerySchema>({
    method: 'post',
    path: '/api/reviews/decisions',
    summary: '初核结论（通过 / 不通过并写明理由；未达合格线不能通过）：地区局直接作出，地市局为本市企业提出意见、由地区局确认',
    tag: '初核与推荐',
    access: localBureaus,
    scope: 'region',
    query: scopeQuerySchema,
    body: reviewDecisionsInputSchema,
    response: workPageSchema,
    errors: [...OPEN_ERRORS, 'ENTERPRISE_NOT_FOUND', 'REVIEW_NOT_APPLICABLE', 'REVIEW_DECISION_INVALID', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, query, body, services }) => services.reviews.decide(asStaff(actor), query, body, ctx.ip),
  }),
  defineRoute<ReviewRouteServices, typeof applicantReviewsInputSchema, typeof scopeQuerySchema>({
    method: 'post',
    path: '/api/reviews/applicant-reviews',
    summary: '评审达线申报企业：评分和/或意见（均可选，记录人与时间）；地市局的为意见，由地区局确认',
    tag: '初核与推荐',
    access: localBureaus,
    scope: 'region',
    query: scopeQuerySchema,
    body: applicantReviewsInputSchema,
    response: workPageSchema,
    errors: [...OPEN_ERRORS, 'ENTERPRISE_NOT_FOUND', 'REVIEW_NOT_APPLICABLE', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, query, body, services }) => services.reviews.reviewApplicants(asStaff(actor), query, body, ctx.ip),
  }),
  defineRoute<ReviewRouteServices, typeof recommendationListInputSchema, typeof scopeQuerySchema>({
    method: 'put',
    path: '/api/reviews/lists',
    summary: '保存一类称号的推荐名单草稿：只能列入达线申报企业，占名额不超过名额（央企一级公司不占）；专精特新优先的理由在上报时必填',
    tag: '初核与推荐',
    access: regionBureau,
    scope: 'region',
    query: scopeQuerySchema,
    body: recommendationListInputSchema,
    response: workPageSchema,
    errors: [...OPEN_ERRORS, 'LIST_INVALID', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, query, body, services }) => services.reviews.saveList(asStaff(actor), query, body, ctx.ip),
  }),
  defineRoute<ReviewRouteServices, typeof reviewSummaryInputSchema, typeof scopeQuerySchema>({
    method: 'put',
    path: '/api/reviews/summary',
    summary: '评审情况（随上报材料一并上报）',
    tag: '初核与推荐',
    access: regionBureau,
    scope: 'region',
    query: scopeQuerySchema,
    body: reviewSummaryInputSchema,
    response: workPageSchema,
    errors: [...OPEN_ERRORS, 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, query, body, services }) => services.reviews.saveSummary(asStaff(actor), query, body, ctx.ip),
  }),
  defineRoute<ReviewRouteServices, typeof confirmProposalsInputSchema, typeof scopeQuerySchema>({
    method: 'post',
    path: '/api/reviews/proposals/confirm',
    summary: '地区局确认地市局提出的初核和评审意见',
    tag: '初核与推荐',
    access: regionBureau,
    scope: 'region',
    query: scopeQuerySchema,
    body: confirmProposalsInputSchema,
    response: workPageSchema,
    errors: [...OPEN_ERRORS, 'ENTERPRISE_NOT_FOUND', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, query, body, services }) => services.reviews.confirmProposals(asStaff(actor), query, body, ctx.ip),
  }),
  defineRoute<ReviewRouteServices, typeof submitPackageInputSchema, typeof scopeQuerySchema>({
    method: 'post',
    path: '/api/reviews/package/submit',
    summary: '上报：校验后生成新版本（快照、SHA-256 摘要、文号、PDF）并锁定，国家知识产权局退回前不能修改',
    tag: '上报',
    access: regionBureau,
    scope: 'region',
    query: scopeQuerySchema,
    body: submitPackageInputSchema,
    response: workPageSchema,
    errors: [...OPEN_ERRORS, 'PACKAGE_STALE', 'PACKAGE_INVALID', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, query, body, services }) => services.reviews.submit(asStaff(actor), query, body, ctx.ip),
  }),
  defineRoute<ReviewRouteServices, undefined, typeof packageQuerySchema>({
    method: 'get',
    path: '/api/reviews/package',
    summary: '上报材料：各版本（文号、摘要、盖章扫描件、国家局的确认或退回）与所选版本的内容',
    tag: '上报',
    access: packageReaders,
    scope: 'region',
    query: packageQuerySchema,
    response: packageViewSchema,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'PACKAGE_NOT_FOUND'],
    handle: ({ actor, query, services }) => services.reviews.packageView(asStaff(actor), query),
  }),
  defineRoute<ReviewRouteServices, undefined, typeof packageQuerySchema>({
    method: 'get',
    path: '/api/reviews/package.pdf',
    summary: '下载上报材料 PDF（A4，每页印有文号、日期、页码和 SHA-256 摘要；记入审计）',
    tag: '上报',
    access: packageReaders,
    scope: 'region',
    query: packageQuerySchema,
    produces: 'application/pdf',
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'PACKAGE_NOT_FOUND'],
    handle: async ({ ctx, actor, query, services }) => {
      return sendStoredFile(ctx, { ...(await services.reviews.packagePdf(asStaff(actor), query, ctx.ip)), kind: 'pdf' });
    },
  }),
  defineRoute<ReviewRouteServices, undefined, typeof packageQuerySchema>({
    method: 'post',
    path: '/api/reviews/package/scans',
    summary: '上传盖章扫描件（PDF、JPEG 或 PNG，按文件内容识别，不超过 20 MB，流式存入文件库）',
    tag: '上报',
    access: regionBureau,
    scope: 'region',
    query: packageQuerySchema,
    body: { raw: SCAN_UPLOAD_MEDIA_TYPES, maxBytes: MAX_SCAN_BYTES },
    response: scanViewSchema,
    status: 201,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'REVIEW_NOT_OPEN', 'PACKAGE_NOT_FOUND', 'PACKAGE_STATE_CONFLICT', 'UNSUPPORTED_MEDIA_TYPE', 'SCAN_INVALID', 'FILE_TOO_LARGE', 'FILE_INVALID', 'SERVICE_UNAVAILABLE'],
    handle: async ({ ctx, actor, query, services }) => {
      assertUploadType(ctx, SCAN_UPLOAD_MEDIA_TYPES);
      if (Number(ctx.get('content-length') || 0) > MAX_SCAN_BYTES) throw new AppError('FILE_TOO_LARGE', { maxBytes: MAX_SCAN_BYTES });
      return services.reviews.uploadScan(asStaff(actor), query, ctx.req, ctx.ip);
    },
  }),
  defineRoute<ReviewRouteServices, undefined, typeof scanQuerySchema>({
    method: 'get',
    path: '/api/reviews/package/scan',
    summary: '下载盖章扫描件（最新一份，或第 n 份；记入审计）',
    tag: '上报',
    access: packageReaders,
    scope: 'region',
    query: scanQuerySchema,
    produces: SCAN_FILE_MEDIA_TYPES,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'PACKAGE_NOT_FOUND', 'NOT_FOUND'],
    handle: async ({ ctx, actor, query, services }) => {
      return sendStoredFile(ctx, await services.reviews.scan(asStaff(actor), query, ctx.ip));
    },
  }),
  defineRoute<ReviewRouteServices, undefined, typeof scopeQuerySchema>({
    method: 'get',
    path: '/api/reviews/history',
    summary: '初核、评审、推荐与上报的全部修改记录（只增不改：谁、何时、改了什么、理由）',
    tag: '初核与推荐',
    access: packageReaders,
    scope: 'region',
    query: scopeQuerySchema,
    response: reviewHistorySchema,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND'],
    handle: ({ actor, query, services }) => services.reviews.history(asStaff(actor), query),
  }),

  // ---- national ----
  defineRoute<ReviewRouteServices, undefined, undefined, typeof idParams>({
    method: 'get',
    path: '/api/admin/campaigns/:id/packages',
    summary: '各地区上报材料状态（未开始/草稿/已上报/已退回/已确认）、推荐数与名额',
    tag: '上报',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    response: packagesTableSchema,
    errors: ['CAMPAIGN_NOT_FOUND'],
    handle: ({ params, services }) => services.reviews.packagesTable(params.id),
  }),
  defineRoute<ReviewRouteServices, typeof confirmPackageInputSchema, undefined, typeof idParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/packages/confirm',
    summary: '确认一个地区已上报的材料（核对盖章件与摘要后；记入审计）',
    tag: '上报',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: confirmPackageInputSchema,
    response: packageDecisionResultSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'PACKAGE_NOT_FOUND', 'PACKAGE_STATE_CONFLICT', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, body, services }) => services.reviews.confirmPackage(params.id, body, asStaff(actor), ctx.ip),
  }),
  defineRoute<ReviewRouteServices, typeof returnPackageInputSchema, undefined, typeof idParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/packages/return',
    summary: '退回一个地区已上报的材料并写明理由（解除锁定，已上报的版本保留；记入审计）',
    tag: '上报',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: returnPackageInputSchema,
    response: packageDecisionResultSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'PACKAGE_NOT_FOUND', 'PACKAGE_STATE_CONFLICT', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, body, services }) => services.reviews.returnPackage(params.id, body, asStaff(actor), ctx.ip),
  }),
];
