import { z } from 'zod';
import {
  objectionDecisionInputSchema,
  objectionInputSchema,
  publicityPeriodInputSchema,
  publicityViewSchema,
  publicPublicitySchema,
  toBeijingIso,
  XLSX_MEDIA_TYPE,
} from '@assess/shared';
import { asStaff, defineRoute, publicAccess, staffAccess, type RouteSpec } from '../../lib/route';
import type { Clock } from '../../lib/clock';
import { objectId } from '../../lib/validate';
import { buildTableExport } from '../workbooks/tableExport';
import { publicityPdf } from './pdf';
import type { PublicityService } from './service';

/** What these routes call. */
type PublicityRouteServices = { publicity: PublicityService; clock: Clock };

const national = staffAccess('national');
const idParams = z.object({ id: objectId('CAMPAIGN_NOT_FOUND') });

const exportColumns = [
  { header: '类别', key: 'kind', width: 16 },
  { header: '地区', key: 'regionName', width: 16 },
  { header: '序号', key: 'place', width: 8 },
  { header: '企业名称', key: 'name', width: 36 },
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '结果', key: 'outcome', width: 14 },
];

export const publicityRoutes: RouteSpec<PublicityRouteServices>[] = [
  defineRoute<PublicityRouteServices, undefined, undefined, typeof idParams>({
    method: 'get',
    path: '/api/admin/campaigns/:id/publicity',
    summary: '公示与认定：公示期、公示名单（来自已确认的上报材料）、异议及处理、认定情况',
    tag: '公示与认定',
    access: national,
    scope: 'national',
    params: idParams,
    response: publicityViewSchema,
    errors: ['CAMPAIGN_NOT_FOUND'],
    handle: ({ params, services }) => services.publicity.view(params.id),
  }),
  defineRoute<PublicityRouteServices, typeof publicityPeriodInputSchema, undefined, typeof idParams>({
    method: 'put',
    path: '/api/admin/campaigns/:id/publicity',
    summary: '设置公示期（开始前可重设，名单按届时已确认的材料生成；开始后只能延后结束时间；记入审计）',
    tag: '公示与认定',
    access: national,
    scope: 'national',
    params: idParams,
    body: publicityPeriodInputSchema,
    response: publicityViewSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'PUBLICITY_NOT_READY', 'PUBLICITY_PERIOD_INVALID', 'PUBLICITY_LOCKED', 'CERTIFIED', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, body, services }) => services.publicity.schedule(params.id, body, asStaff(actor), ctx.ip),
  }),
  defineRoute<PublicityRouteServices, typeof objectionInputSchema, undefined, typeof idParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/publicity/objections',
    summary: '登记收到的异议（反映人、收到时间、内容、涉及企业；只增不改）',
    tag: '公示与认定',
    access: national,
    scope: 'national',
    params: idParams,
    body: objectionInputSchema,
    response: publicityViewSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'OBJECTION_NOT_ALLOWED', 'ENTERPRISE_NOT_FOUND', 'CERTIFIED', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, body, services }) => services.publicity.recordObjection(params.id, body, asStaff(actor), ctx.ip),
  }),
  defineRoute<PublicityRouteServices, typeof objectionDecisionInputSchema, undefined, typeof idParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/publicity/objections/decision',
    summary: '记录异议处理结论（成立：该企业不予认定；不成立）；结论一经记录不能更改',
    tag: '公示与认定',
    access: national,
    scope: 'national',
    params: idParams,
    body: objectionDecisionInputSchema,
    response: publicityViewSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'OBJECTION_NOT_FOUND', 'OBJECTION_DECIDED', 'CERTIFIED', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, body, services }) => services.publicity.decideObjection(params.id, body, asStaff(actor), ctx.ip),
  }),
  defineRoute<PublicityRouteServices, undefined, undefined, typeof idParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/publicity/certify',
    summary: '认定：公示期满、异议处理完毕后，固定认定名单和考核复核结果（附摘要；记入审计）',
    tag: '公示与认定',
    access: national,
    scope: 'national',
    params: idParams,
    response: publicityViewSchema,
    errors: ['CAMPAIGN_NOT_FOUND', 'CERTIFY_NOT_READY', 'CERTIFIED', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, services }) => services.publicity.certify(params.id, asStaff(actor), ctx.ip),
  }),
  defineRoute<PublicityRouteServices, undefined, undefined, typeof idParams>({
    method: 'get',
    path: '/api/admin/campaigns/:id/publicity.xlsx',
    summary: '导出公示名单或认定名单与考核复核结果（Excel；记入审计）',
    tag: '公示与认定',
    access: national,
    scope: 'national',
    params: idParams,
    produces: XLSX_MEDIA_TYPE,
    errors: ['CAMPAIGN_NOT_FOUND', 'PUBLICITY_NOT_OPEN'],
    handle: async ({ ctx, actor, params, services }) => {
      const data = await services.publicity.exportRows(params.id, asStaff(actor), ctx.ip, 'xlsx');
      ctx.type = XLSX_MEDIA_TYPE;
      ctx.attachment(`${data.campaign.name}-${data.certified ? '认定名单' : '公示名单'}-${toBeijingIso(services.clock.now()).slice(0, 10)}.xlsx`);
      return buildTableExport({ sheetName: data.certified ? '认定名单' : '公示名单', columns: exportColumns, rows: [...data.entries, ...data.results] });
    },
  }),
  defineRoute<PublicityRouteServices, undefined, undefined, typeof idParams>({
    method: 'get',
    path: '/api/admin/campaigns/:id/publicity.pdf',
    summary: '导出公示名单或认定名单与考核复核结果（PDF，每页印有摘要；记入审计）',
    tag: '公示与认定',
    access: national,
    scope: 'national',
    params: idParams,
    produces: 'application/pdf',
    errors: ['CAMPAIGN_NOT_FOUND', 'PUBLICITY_NOT_OPEN'],
    handle: async ({ ctx, actor, params, services }) => {
      const data = await services.publicity.exportRows(params.id, asStaff(actor), ctx.ip, 'pdf');
      ctx.type = 'application/pdf';
      ctx.attachment(`${data.campaign.name}-${data.certified ? '认定名单' : '公示名单'}.pdf`);
      return publicityPdf(data, services.clock.now());
    },
  }),
  defineRoute<PublicityRouteServices, undefined, undefined, typeof idParams>({
    method: 'get',
    path: '/api/public/campaigns/:id/publicity',
    summary: '公示页（无需登录）：公示期间及之后，按称号和地区列出拟认定企业（统一社会信用代码部分隐去）',
    tag: '公示与认定',
    access: publicAccess,
    scope: 'none',
    params: idParams,
    response: publicPublicitySchema,
    errors: ['CAMPAIGN_NOT_FOUND', 'PUBLICITY_NOT_OPEN'],
    handle: async ({ ctx, params, services }) => {
      const { value, cached } = await services.publicity.publicPage(params.id);
      ctx.set('X-Cache', cached ? 'hit' : 'miss');
      ctx.set('Cache-Control', 'public, max-age=60');
      return value;
    },
  }),
];
