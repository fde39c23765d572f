import { z } from 'zod';
import { cityByCode, extensionGrantedSchema, extensionRequestSchema, importReportSchema, keyResetSchema, keyIssueRequestSchema, MAX_IMPORT_BYTES, regionByCode, XLSX_MEDIA_TYPE } from '@assess/shared';
import { assertUploadType, IMPORT_MEDIA_TYPES, readUpload } from '../../lib/rawBody';
import type { Config } from '../../config';
import { defineRoute, staffAccess, type RouteSpec, asStaff } from '../../lib/route';
import { objectId } from '../../lib/validate';
import type { CampaignService } from '../campaigns/service';
import { parseEnterpriseFile } from '../workbooks/enterpriseFile';
import { sniffImportMediaType } from '../workbooks/mediaType';
import type { ParseSlots } from '../workbooks/parseSlots';
import { buildImportTemplate } from '../workbooks/importTemplate';
import { buildKeySheet } from '../workbooks/keySheet';
import { h5LoginUrl, type QrCodeService } from './qrcode';
import type { EnterpriseService } from './service';

/** What these routes call. */
type EnterpriseRouteServices = {
  enterprises: EnterpriseService;
  campaigns: Pick<CampaignService, 'getFresh'>;
  qrcodes: QrCodeService;
  parseSlots: ParseSlots;
  config: Pick<Config, 'publicUrl'>;
};

const campaignParams = z.object({ id: objectId('CAMPAIGN_NOT_FOUND') });
const enterpriseParams = z.object({ id: objectId('ENTERPRISE_NOT_FOUND') });
const jobParams = z.object({ jobId: z.string() });
const importQuery = z.object({ wait: z.enum(['true', 'false']).optional() });

export const enterpriseAdminRoutes: RouteSpec<EnterpriseRouteServices>[] = [
  defineRoute<EnterpriseRouteServices>({
    method: 'get',
    path: '/api/admin/import-template.xlsx',
    summary: '下载企业导入模板',
    tag: '企业管理',
    access: staffAccess('national'),
    scope: 'national',
    produces: XLSX_MEDIA_TYPE,
    errors: [],
    handle: async ({ ctx }) => {
      ctx.type = XLSX_MEDIA_TYPE;
      ctx.attachment('企业导入模板.xlsx');
      return buildImportTemplate();
    },
  }),
  defineRoute<EnterpriseRouteServices, undefined, typeof importQuery, typeof campaignParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/imports',
    summary: '导入经地方局审核通过的企业（CSV、XLSX 或 JSON；按统一社会信用代码幂等）；默认后台执行并可查询进度',
    tag: '企业管理',
    access: staffAccess('national'),
    scope: 'national',
    params: campaignParams,
    query: importQuery,
    body: { raw: IMPORT_MEDIA_TYPES, maxBytes: MAX_IMPORT_BYTES },
    response: importReportSchema,
    status: 202,
    otherResponses: { 200: { description: 'wait=true：导入完成后返回完整报告' } },
    errors: ['CAMPAIGN_NOT_FOUND', 'FILE_INVALID', 'FILE_TOO_LARGE', 'FILE_TOO_COMPLEX', 'TOO_MANY_ROWS', 'UNSUPPORTED_MEDIA_TYPE', 'UPLOADS_BUSY'],
    handle: async ({ ctx, actor, params, query, services }) => {
      const campaignId = params.id;
      await services.campaigns.getFresh(campaignId);
      assertUploadType(ctx, IMPORT_MEDIA_TYPES);
      const bytes = await readUpload(ctx, MAX_IMPORT_BYTES);
      // The declared type is often wrong (a .csv sent as application/vnd.ms-excel): trust the bytes.
      const kind = sniffImportMediaType(bytes);
      // Parsing (and its size, row, cell, zip-bomb and time guards) happens before anything is
      // written, in one of the instance's few parse slots.
      const { rows } = await services.parseSlots.run(() => parseEnterpriseFile(bytes, kind));
      const wait = query.wait === 'true';
      const report = await services.enterprises.runImport(campaignId, rows, asStaff(actor), ctx.ip, wait);
      ctx.status = wait ? 200 : 202;
      ctx.body = report;
      return undefined;
    },
  }),
  defineRoute<EnterpriseRouteServices, undefined, undefined, typeof jobParams>({
    method: 'get',
    path: '/api/admin/imports/:jobId',
    summary: '导入进度与报告（错误行：行号、字段、原因）',
    tag: '企业管理',
    access: staffAccess('national'),
    scope: 'national',
    params: jobParams,
    response: importReportSchema,
    errors: ['IMPORT_NOT_FOUND'],
    handle: ({ params, services }) => services.enterprises.importJob(params.jobId),
  }),
  defineRoute<EnterpriseRouteServices, typeof keyIssueRequestSchema, undefined, typeof campaignParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/key-sheets',
    summary: '为一个地区的企业发放密钥，并导出可打印的密钥表（XLSX，密钥只显示这一次）',
    tag: '企业管理',
    access: staffAccess('national'),
    scope: 'national',
    params: campaignParams,
    body: keyIssueRequestSchema,
    produces: XLSX_MEDIA_TYPE,
    errors: ['CAMPAIGN_NOT_FOUND', 'VALIDATION_FAILED'],
    handle: async ({ ctx, actor, params, body, services }) => {
      const campaignId = params.id;
      const campaign = await services.campaigns.getFresh(campaignId);
      const rows = await services.enterprises.issueKeys(campaignId, body.regionCode, body.reissueAll, asStaff(actor), ctx.ip);
      const regionName = regionByCode(body.regionCode)?.name ?? body.regionCode;
      const sheet = await buildKeySheet({
        campaignName: campaign.name,
        regionName,
        rows: rows.map((row) => ({
          uscc: row.uscc,
          name: row.name,
          city: row.cityCode ? (cityByCode(row.cityCode)?.name ?? '') : '',
          key: row.key,
          loginUrl: h5LoginUrl(services.config.publicUrl, row.sceneToken),
        })),
      });
      ctx.set('Cache-Control', 'no-store');
      ctx.type = XLSX_MEDIA_TYPE;
      ctx.attachment(`密钥表-${regionName}.xlsx`);
      return sheet;
    },
  }),
  defineRoute<EnterpriseRouteServices, undefined, undefined, typeof enterpriseParams>({
    method: 'post',
    path: '/api/admin/enterprises/:id/key-reset',
    summary: '重置一家企业的密钥（旧密钥与已签发的登录令牌立即失效；新密钥只显示这一次）',
    tag: '企业管理',
    access: staffAccess('national'),
    scope: 'national',
    params: enterpriseParams,
    response: keyResetSchema,
    errors: ['ENTERPRISE_NOT_FOUND'],
    handle: async ({ ctx, actor, params, services }) => {
      const { key, enterprise } = await services.enterprises.resetKey(params.id, asStaff(actor), ctx.ip);
      ctx.set('Cache-Control', 'no-store');
      return { key, loginUrl: h5LoginUrl(services.config.publicUrl, enterprise.sceneToken) };
    },
  }),
  defineRoute<EnterpriseRouteServices, typeof extensionRequestSchema, undefined, typeof enterpriseParams>({
    method: 'post',
    path: '/api/admin/enterprises/:id/extension',
    summary: '为一家企业延长测评截止时间（原因、操作人、截止时间均记入审计）',
    tag: '企业管理',
    access: staffAccess('national'),
    scope: 'national',
    params: enterpriseParams,
    body: extensionRequestSchema,
    response: extensionGrantedSchema,
    errors: ['ENTERPRISE_NOT_FOUND', 'EXTENSION_INVALID', 'VALIDATION_FAILED'],
    handle: ({ ctx, actor, params, body, services }) =>
      services.enterprises.grantExtension(params.id, new Date(body.until), body.reason, asStaff(actor), ctx.ip),
  }),
  defineRoute<EnterpriseRouteServices, undefined, undefined, typeof enterpriseParams>({
    method: 'get',
    path: '/api/admin/enterprises/:id/qrcode.png',
    summary: '企业测评二维码（配置微信时为小程序码，否则为携带同一场景值的 H5 登录链接二维码；每次下载记入审计）',
    tag: '企业管理',
    access: staffAccess('national'),
    scope: 'national',
    params: enterpriseParams,
    produces: 'image/png',
    errors: ['ENTERPRISE_NOT_FOUND', 'SERVICE_UNAVAILABLE'],
    handle: async ({ ctx, actor, params, services }) => {
      const scene = await services.enterprises.sceneForQrCode(params.id, asStaff(actor), ctx.ip);
      const qr = await services.qrcodes.qrPng(scene);
      ctx.type = 'image/png';
      ctx.set('X-QR-Kind', qr.kind);
      return qr.png;
    },
  }),
];
