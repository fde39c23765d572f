import { z } from 'zod';
import { Types } from 'mongoose';
import {
  enterpriseRecordPageSchema,
  HISTORY_IMPORT_MEDIA_TYPES,
  historyImportReportSchema,
  MAX_IMPORT_BYTES,
  scoreHistorySchema,
  titleRiskListSchema,
  titleRiskQuerySchema,
  toBeijingIso,
  trackOverrideInputSchema,
  trackOverrideResultSchema,
  XLSX_MEDIA_TYPE,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { assertUploadType, readUpload } from '../../lib/rawBody';
import { asEnterprise, asStaff, defineRoute, enterpriseAccess, staffAccess, type RouteSpec } from '../../lib/route';
import { objectId } from '../../lib/validate';
import type { CampaignService } from '../campaigns/service';
import { resolveScope, withinScope } from '../dashboards/scope';
import type { EnterpriseService } from '../enterprises/service';
import { parseHistoryFile } from '../workbooks/enterpriseFile';
import { sniffImportMediaType } from '../workbooks/mediaType';
import type { ParseSlots } from '../workbooks/parseSlots';
import { buildTableExport } from '../workbooks/tableExport';
import type { ResultRepository } from '../results/repository';
import type { RecordService } from './service';

/** What these routes call. */
type RecordRouteServices = {
  records: RecordService;
  enterprises: Pick<EnterpriseService, 'placeOf'>;
  campaigns: Pick<CampaignService, 'get'>;
  results: Pick<ResultRepository, 'keyVersion'>;
  parseSlots: ParseSlots;
  clock: Clock;
};

const national = staffAccess('national');
const enterpriseParams = z.object({ id: objectId('ENTERPRISE_NOT_FOUND') });
const campaignParams = z.object({ id: objectId('CAMPAIGN_NOT_FOUND') });

const riskColumns = [
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '企业名称', key: 'name', width: 36 },
  { header: '地区', key: 'regionName', width: 14 },
  { header: '称号', key: 'titleLabel', width: 12 },
  { header: '本轮周期起始年份', key: 'cycleStart', width: 14, format: 'number' as const },
  { header: '提示', key: 'flagText', width: 60 },
  { header: '称号失效', key: 'lapsesText', width: 10 },
];

export const recordRoutes: RouteSpec<RecordRouteServices>[] = [
  defineRoute<RecordRouteServices, undefined, undefined, typeof enterpriseParams>({
    method: 'get',
    path: '/api/dashboard/enterprises/:id/record',
    summary: '企业的长期记录：称号历史（认定、复核通过、撤销）、历年参加情况、名称变更与资格提示（如“连续 2 年未参加考核，取消复核资格”）',
    tag: '看板',
    access: staffAccess('national', 'region', 'city'),
    scope: 'region',
    params: enterpriseParams,
    response: enterpriseRecordPageSchema,
    errors: ['FORBIDDEN', 'ENTERPRISE_NOT_FOUND'],
    handle: async ({ actor, params, services }) => {
      const place = await services.enterprises.placeOf(params.id);
      if (!place) throw new AppError('ENTERPRISE_NOT_FOUND');
      if (!withinScope(resolveScope(asStaff(actor), {}), place.regionCode, place.cityCode)) throw new AppError('FORBIDDEN');
      const campaign = await services.campaigns.get(place.campaignId);
      return { record: await services.records.recordOf(place.uscc, campaign.year), year: campaign.year };
    },
  }),
  defineRoute<RecordRouteServices, undefined, typeof titleRiskQuerySchema>({
    method: 'get',
    path: '/api/admin/records/risks',
    summary: '称号风险：连续 2 年未参加考核、取消复核资格（称号失效）的企业，及上年未通过或未参加复核、须再次复核的企业',
    tag: '企业记录',
    access: national,
    scope: 'national',
    query: titleRiskQuerySchema,
    response: titleRiskListSchema,
    errors: ['VALIDATION_FAILED'],
    handle: ({ query, services }) => services.records.risks(query.year),
  }),
  defineRoute<RecordRouteServices, undefined, typeof titleRiskQuerySchema>({
    method: 'get',
    path: '/api/admin/records/risks.xlsx',
    summary: '导出称号风险名单（Excel）',
    tag: '企业记录',
    access: national,
    scope: 'national',
    query: titleRiskQuerySchema,
    produces: XLSX_MEDIA_TYPE,
    errors: ['VALIDATION_FAILED'],
    handle: async ({ ctx, query, services }) => {
      const list = await services.records.risks(query.year);
      ctx.type = XLSX_MEDIA_TYPE;
      ctx.attachment(`称号风险-${list.year}年-${toBeijingIso(services.clock.now()).slice(0, 10)}.xlsx`);
      return buildTableExport({
        sheetName: `称号风险 ${list.year}`,
        columns: riskColumns,
        rows: list.rows.map((row) => ({ ...row, regionName: row.regionName ?? '', flagText: row.flags.map((flag) => flag.label).join('；'), lapsesText: row.lapses ? '是' : '否' })),
        notes: [`${list.year} 年度：按企业历年记录与各年度规则计算。`, '“称号失效”为是：连续 2 年未参加考核，取消复核资格；否：上年未通过或未参加复核，保留资格 1 年，须再次复核。'],
      });
    },
  }),
  defineRoute<RecordRouteServices>({
    method: 'post',
    path: '/api/admin/records/history-imports',
    summary: '一次性导入历史称号（CSV 或 XLSX：统一社会信用代码、企业名称、称号、年份、来源 认定/复核通过/撤销、备注；重复导入不重复记录）',
    tag: '企业记录',
    access: national,
    scope: 'national',
    body: { raw: HISTORY_IMPORT_MEDIA_TYPES, maxBytes: MAX_IMPORT_BYTES },
    response: historyImportReportSchema,
    errors: ['FILE_INVALID', 'FILE_TOO_LARGE', 'FILE_TOO_COMPLEX', 'TOO_MANY_ROWS', 'UNSUPPORTED_MEDIA_TYPE', 'UPLOADS_BUSY', 'SERVICE_UNAVAILABLE'],
    handle: async ({ ctx, actor, services }) => {
      assertUploadType(ctx, HISTORY_IMPORT_MEDIA_TYPES);
      const bytes = await readUpload(ctx, MAX_IMPORT_BYTES);
      const kind = sniffImportMediaType(bytes);
      const { rows } = await services.parseSlots.run(() => parseHistoryFile(bytes, kind));
      return services.records.importHistory(rows, asStaff(actor), ctx.ip);
    },
  }),
  defineRoute<RecordRouteServices, typeof trackOverrideInputSchema, undefined, typeof campaignParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/track-overrides',
    summary: '全国局确认接受一家企业本年度与记录不一致的参加类型（须写明原因，记入审计）；再次导入时该行以提示导入',
    tag: '企业记录',
    access: national,
    scope: 'national',
    params: campaignParams,
    body: trackOverrideInputSchema,
    response: trackOverrideResultSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'USCC_INVALID', 'SERVICE_UNAVAILABLE'],
    handle: ({ ctx, actor, params, body, services }) => services.records.overrideTrack(params.id, body, asStaff(actor), ctx.ip),
  }),
  defineRoute<RecordRouteServices>({
    method: 'get',
    path: '/api/me/history',
    summary: '历年测评：本企业每个已认定年度的参加类型、最终成绩与结果',
    tag: '企业',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    response: scoreHistorySchema,
    errors: ['TOKEN_INVALID'],
    handle: async ({ actor, services }) => {
      const enterprise = asEnterprise(actor);
      // A token issued before a key reset stops working here too.
      if ((await services.results.keyVersion(enterprise.enterpriseId)) !== enterprise.keyVersion) throw new AppError('TOKEN_INVALID');
      const place = await services.enterprises.placeOf(new Types.ObjectId(enterprise.enterpriseId));
      return place ? services.records.historyOf(place.uscc) : { years: [] };
    },
  }),
];
