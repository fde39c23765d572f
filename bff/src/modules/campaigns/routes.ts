import { z } from 'zod';
import { campaignInputSchema, campaignListSchema, campaignPatchSchema, campaignViewSchema, passLineInputSchema, passLinePreviewSchema, quotaEditInputSchema, quotaTableViewSchema, yearRulesInputSchema, yearRulesViewSchema } from '@assess/shared';
import type { Clock } from '../../lib/clock';
import { defineRoute, staffAccess, type RouteSpec, asStaff } from '../../lib/route';
import { objectId } from '../../lib/validate';
import type { DashboardService } from '../dashboards/service';
import { quotasOf, toCampaignView, type CampaignService } from './service';

/** What these routes call (the pass-line preview counts passes from the region summaries, as the national table does). */
type CampaignRouteServices = { campaigns: CampaignService; dashboards: Pick<DashboardService, 'preview'>; clock: Clock };

const idParams = z.object({ id: objectId('CAMPAIGN_NOT_FOUND') });

export const campaignRoutes: RouteSpec<CampaignRouteServices>[] = [
  defineRoute<CampaignRouteServices>({
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
  defineRoute<CampaignRouteServices, typeof campaignInputSchema>({
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
  defineRoute<CampaignRouteServices, typeof campaignPatchSchema, undefined, typeof idParams>({
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
      toCampaignView(await services.campaigns.update(params.id, body, asStaff(actor), ctx.ip), services.clock.now(), asStaff(actor).role),
  }),
  defineRoute<CampaignRouteServices, typeof passLineInputSchema, undefined, typeof idParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/passlines/preview',
    summary: '合格线试算：各地区合格数、优秀分数线、与名额的匹配（不保存）',
    tag: '合格线',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: passLineInputSchema,
    response: passLinePreviewSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND'],
    handle: ({ params, body, services }) => services.dashboards.preview(String(params.id), body),
  }),
  defineRoute<CampaignRouteServices, typeof passLineInputSchema, undefined, typeof idParams>({
    method: 'put',
    path: '/api/admin/campaigns/:id/passlines',
    summary: '设置优势企业合格线和示范企业合格线（草稿，记入审计）',
    tag: '合格线',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: passLineInputSchema,
    response: campaignViewSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'PASSLINES_PUBLISHED'],
    handle: async ({ ctx, actor, params, body, services }) =>
      toCampaignView(await services.campaigns.setPassLines(params.id, body, asStaff(actor), ctx.ip), services.clock.now(), asStaff(actor).role),
  }),
  defineRoute<CampaignRouteServices, undefined, undefined, typeof idParams>({
    method: 'post',
    path: '/api/admin/campaigns/:id/passlines/publish',
    summary: '公布合格线：此后企业可见合格与否及等级，地方局可见成绩（记入审计）',
    tag: '合格线',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    response: campaignViewSchema,
    errors: ['CAMPAIGN_NOT_FOUND', 'PASSLINES_INCOMPLETE', 'PASSLINES_PUBLISHED'],
    handle: async ({ ctx, actor, params, services }) =>
      toCampaignView(await services.campaigns.publishPassLines(params.id, asStaff(actor), ctx.ip), services.clock.now(), asStaff(actor).role),
  }),
  defineRoute<CampaignRouteServices, typeof quotaEditInputSchema, undefined, typeof idParams>({
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
    handle: async ({ ctx, actor, params, body, services }) => quotasOf(await services.campaigns.setQuota(params.id, body, asStaff(actor), ctx.ip)),
  }),
  defineRoute<CampaignRouteServices, undefined, undefined, typeof idParams>({
    method: 'get',
    path: '/api/campaigns/:id/year-rules',
    summary: '年度规则：复核范围、考核范围、申报示范范围（活动未设置时为该年度通知的默认值）',
    tag: '活动',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    response: yearRulesViewSchema,
    errors: ['CAMPAIGN_NOT_FOUND'],
    handle: ({ params, services }) => services.campaigns.yearRules(params.id),
  }),
  defineRoute<CampaignRouteServices, typeof yearRulesInputSchema, undefined, typeof idParams>({
    method: 'put',
    path: '/api/campaigns/:id/year-rules',
    summary: '设置年度规则（各范围年份不得晚于本年度；须写明原因，记入审计）',
    tag: '活动',
    access: staffAccess('national'),
    scope: 'national',
    params: idParams,
    body: yearRulesInputSchema,
    response: yearRulesViewSchema,
    errors: ['VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND', 'YEAR_RULES_INVALID'],
    handle: ({ ctx, actor, params, body, services }) => services.campaigns.setYearRules(params.id, body, asStaff(actor), ctx.ip),
  }),
];
