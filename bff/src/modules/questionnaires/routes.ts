import { AppError } from '../../lib/errors';
import { readUpload } from '../../lib/rawBody';
import { defineRoute, enterpriseAccess, staffAccess, type RouteSpec, asEnterprise } from '../../lib/route';
import { buildQuestionnaireWorkbook, readQuestionnaireWorkbook } from '../workbooks/questionnaireWorkbook';
import { parseObjectId } from '../campaigns/service';
import type { Services } from '../../services';
import { draftImportReportSchema, MAX_IMPORT_BYTES, questionnaireDefinitionSchema, questionnaireListSchema, XLSX_MEDIA_TYPE } from '@assess/shared';
import { DRAFT_SAVE_LIMIT_PER_MINUTE } from '../attempts/service';


export const questionnaireRoutes: RouteSpec<Services>[] = [
  defineRoute<Services>({
    method: 'get',
    path: '/api/admin/questionnaires',
    summary: '已存储的问卷版本（标题、版本、年度），供创建或修改测评活动时选择',
    tag: '问卷',
    access: staffAccess('national'),
    scope: 'national',
    response: questionnaireListSchema,
    errors: [],
    handle: async ({ services }) => ({ questionnaires: await services.questionnaires.list() }),
  }),
  defineRoute<Services>({
    method: 'get',
    path: '/api/questionnaire',
    summary: '本活动所用问卷（按版本固定，运行时获取）',
    tag: '问卷',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    response: questionnaireDefinitionSchema,
    otherResponses: { 304: { description: '未修改：If-None-Match 与本版本的 ETag 相同' } },
    requestHeaders: [{ name: 'If-None-Match', description: '上次响应的 ETag：版本未变时返回 304' }],
    responseHeaders: { ETag: { description: '问卷版本（id@version），强校验' }, 'Cache-Control': { description: 'private, max-age=3600' } },
    errors: ['QUESTIONNAIRE_NOT_FOUND'],
    handle: async ({ ctx, actor, services }) => {
      await services.attempts.assertKeyCurrent(asEnterprise(actor));
      const ref = asEnterprise(actor).questionnaire;
      // A version never changes, so its ref is a strong validator.
      const etag = `"${ref}"`;
      ctx.set('ETag', etag);
      ctx.set('Cache-Control', 'private, max-age=3600');
      if (ctx.get('if-none-match') === etag) {
        ctx.status = 304;
        return undefined;
      }
      return services.questionnaires.definition(ref);
    },
  }),
  defineRoute<Services>({
    method: 'get',
    path: '/api/questionnaire.xlsx',
    summary: '下载问卷 Excel 工作簿，用于线下收集数据',
    tag: '问卷',
    access: enterpriseAccess,
    scope: 'own-enterprise',
    produces: XLSX_MEDIA_TYPE,
    errors: ['QUESTIONNAIRE_NOT_FOUND'],
    handle: async ({ ctx, actor, services }) => {
      await services.attempts.assertKeyCurrent(asEnterprise(actor));
      const enterprise = asEnterprise(actor);
      // 年度 is the campaign's: one questionnaire version serves several years' campaigns (the
      // definition's own year if the campaign cannot be read, rather than no workbook).
      const [definition, year] = await Promise.all([
        services.questionnaires.definition(enterprise.questionnaire),
        services.campaigns.get(parseObjectId(enterprise.campaignId, 'CAMPAIGN_NOT_FOUND')).then(
          (campaign) => campaign.year,
          () => undefined,
        ),
      ]);
      const workbook = await buildQuestionnaireWorkbook(definition, year === undefined ? {} : { year });
      ctx.type = XLSX_MEDIA_TYPE;
      ctx.attachment(`测评问卷-${definition.version}版.xlsx`);
      return workbook;
    },
  }),
  defineRoute<Services>({
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
];
