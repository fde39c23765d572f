import { z } from 'zod';
import { Types } from 'mongoose';
import { questionnaireAddedSchema, questionnaireDefinitionSchema, questionnaireListSchema, XLSX_MEDIA_TYPE } from '@assess/shared';
import { defineRoute, enterpriseAccess, staffAccess, type RouteSpec, asEnterprise, asStaff } from '../../lib/route';
import type { AttemptService } from '../attempts/service';
import type { CampaignService } from '../campaigns/service';
import { buildQuestionnaireWorkbook } from '../workbooks/questionnaireWorkbook';
import type { QuestionnaireService } from './service';

/** What these routes call. */
type QuestionnaireRouteServices = { questionnaires: QuestionnaireService; attempts: Pick<AttemptService, 'assertKeyCurrent'>; campaigns: Pick<CampaignService, 'get'> };

const refParams = z.object({ ref: z.string().regex(/^[a-z0-9-]+@[A-Za-z0-9.-]+$/) });


export const questionnaireRoutes: RouteSpec<QuestionnaireRouteServices>[] = [
  defineRoute<QuestionnaireRouteServices>({
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
  defineRoute<QuestionnaireRouteServices>({
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
  defineRoute<QuestionnaireRouteServices>({
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
        services.campaigns.get(new Types.ObjectId(enterprise.campaignId)).then(
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
  defineRoute<QuestionnaireRouteServices, undefined, undefined, typeof refParams>({
    method: 'get',
    path: '/api/staff/questionnaires/:ref',
    summary: '问卷定义（工作人员查看企业答案时对照题目）',
    tag: '问卷',
    access: staffAccess('national', 'region', 'city'),
    scope: 'none',
    params: refParams,
    response: questionnaireDefinitionSchema,
    errors: ['QUESTIONNAIRE_NOT_FOUND'],
    handle: ({ params, services }) => services.questionnaires.definition(params.ref),
  }),
  defineRoute<QuestionnaireRouteServices, typeof questionnaireDefinitionSchema>({
    method: 'post',
    path: '/api/admin/questionnaires',
    summary: '上传新的问卷版本（问卷是数据：校验引用、除零与条件循环后保存，已存在的版本不可覆盖）',
    tag: '问卷',
    access: staffAccess('national'),
    scope: 'national',
    // The shape here; references, cycles and sums are checked by loadQuestionnaire in the service.
    body: questionnaireDefinitionSchema,
    response: questionnaireAddedSchema,
    status: 201,
    errors: ['VALIDATION_FAILED'],
    handle: async ({ ctx, actor, body, services }) => ({ ref: await services.questionnaires.upload(body, asStaff(actor), ctx.ip) }),
  }),
];
