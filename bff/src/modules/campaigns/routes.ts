import { z } from 'zod';
import { campaignInputSchema, campaignListSchema, campaignPatchSchema, campaignViewSchema, questionnaireAddedSchema, questionnaireDefinitionSchema, quotaEditInputSchema, quotaTableViewSchema } from '@assess/shared';
import { defineRoute, staffAccess, type RouteSpec, asStaff } from '../../lib/route';
import type { Services } from '../../services';
import { parseObjectId, quotasOf, toCampaignView } from './service';

const idParams = z.object({ id: z.string() });

export const campaignRoutes: RouteSpec<Services>[] = [
  defineRoute<Services>({
    method: 'get',
    path: '/api/campaigns',
    summary: '测评活动列表（工作人员）',
    tag: '活动',
    access: staffAccess('national', 'region', 'city'),
    scope: 'campaign',
    response: campaignListSchema,
    errors: [],
    handle: async ({ actor, services }) => {
      const now = services.clock.now();
      const role = asStaff(actor).role;
      return { campaigns: (await services.campaigns.list()).map((c) => toCampaignView(c, now, role)) };
    },
  }),
  defineRoute<Services, typeof campaignInputSchema>({
    method: 'post',
    path: '/api/admin/campaigns',
    summary: '创建测评活动（开放/关闭时间、所用问卷版本）',
    tag: '活动',
    access: staffAccess('national'),
    scope: 'national',
    body: campaignInputSchema,
    response: campaignViewSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_WINDOW_INVALID', 'QUESTIONNAIRE_NOT_FOUND'],
    handle: async ({ ctx, actor, body, services }) => toCampaignView(await services.campaigns.create(body, asStaff(actor), ctx.ip), services.clock.now(), asStaff(actor).role),
  }),
  defineRoute<Services, typeof campaignPatchSchema, undefined, typeof idParams>({
    method: 'patch',
    path: '/api/admin/campaigns/:id',
    summary: '修改测评活动（如调整关闭时间）；时间变化同步到每家企业',
    tag: '活动',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: campaignPatchSchema,
    response: campaignViewSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'CAMPAIGN_WINDOW_INVALID', 'CAMPAIGN_LOCKED', 'QUESTIONNAIRE_NOT_FOUND'],
    handle: async ({ ctx, actor, params, body, services }) =>
      toCampaignView(await services.campaigns.update(parseObjectId(params.id, 'CAMPAIGN_NOT_FOUND'), body, asStaff(actor), ctx.ip), services.clock.now(), asStaff(actor).role),
  }),
  defineRoute<Services, typeof questionnaireDefinitionSchema>({
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
    handle: async ({ ctx, actor, body, services }) => ({ ref: await services.campaigns.addQuestionnaire(body, asStaff(actor), ctx.ip) }),
  }),
  defineRoute<Services, typeof quotaEditInputSchema, undefined, typeof idParams>({
    method: 'put',
    path: '/api/admin/campaigns/:id/quotas',
    summary: '调整一个地区的推荐名额（活动按年度带有名额表；须写明理由，记入审计）',
    tag: '活动',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: quotaEditInputSchema,
    response: quotaTableViewSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND'],
    handle: async ({ ctx, actor, params, body, services }) => quotasOf(await services.campaigns.setQuota(parseObjectId(params.id, 'CAMPAIGN_NOT_FOUND'), body, asStaff(actor), ctx.ip)),
  }),
];
