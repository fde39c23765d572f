import { z } from 'zod';
import {
  campaignQuerySchema,
  enterpriseContactsSchema,
  enterpriseDetailSchema,
  nationalTableSchema,
  overviewSchema,
  quotaPanelSchema,
  scopeQuerySchema,
  tablePageSchema,
  tableQuerySchema,
  toBeijingIso,
  XLSX_MEDIA_TYPE,
} from '@assess/shared';
import type { Clock } from '../../lib/clock';
import { defineRoute, staffAccess, type RouteSpec, asStaff } from '../../lib/route';
import { objectId } from '../../lib/validate';
import { buildTableExport } from '../workbooks/tableExport';
import type { DashboardService } from './service';

/** What these routes call. */
type DashboardRouteServices = { dashboards: DashboardService; clock: Clock };

const anyStaff = staffAccess('national', 'region', 'city');
const enterpriseParams = z.object({ id: objectId('ENTERPRISE_NOT_FOUND') });
const campaignQuery = campaignQuerySchema;

/** Table columns of the Excel export, with Chinese headers. */
const exportColumns = [
  { header: '统一社会信用代码', key: 'uscc', width: 22, format: 'text' as const },
  { header: '企业名称', key: 'name', width: 34, format: 'text' as const },
  { header: '地市', key: 'cityName', width: 10, format: 'text' as const },
  { header: '参加类型', key: 'trackLabel', width: 10, format: 'text' as const },
  { header: '状态', key: 'statusLabel', width: 12, format: 'text' as const },
  { header: '提交次数', key: 'attempts', width: 9, format: 'number' as const },
  { header: '最后提交时间', key: 'lastSubmittedAt', width: 20, format: 'datetime' as const },
  { header: '最终成绩', key: 'total', width: 10, format: 'number' as const },
  { header: '是否合格', key: 'passedLabel', width: 9, format: 'text' as const },
  { header: '等级', key: 'tierLabel', width: 8, format: 'text' as const },
  { header: '专精特新', key: 'specializedLabel', width: 9, format: 'text' as const },
  { header: '央企一级公司', key: 'centralSoeLabel', width: 11, format: 'text' as const },
  { header: '诚信提示', key: 'flagCount', width: 9, format: 'number' as const },
];
const tierLabels = { fail: '不合格', pass: '合格', excellent: '优秀' } as const;
/** What an export made while scores are hidden says in its score cells and its 说明 sheet. */
const SCORES_HIDDEN_CELL = '系统关闭后显示';
const SCORES_HIDDEN_NOTE = '测评期间不显示成绩：“最终成绩”“是否合格”“等级”三列在系统关闭后才有内容（测评期间对地方局隐藏分数）。系统关闭后重新导出即可。';

/** Says in `X-Cache` whether a page came from the Redis cache, and answers the page itself. */
function withCacheHeader<T extends { cached: boolean }>(ctx: { set(name: string, value: string): void }, result: T): Omit<T, 'cached'> {
  const { cached, ...page } = result;
  ctx.set('X-Cache', cached ? 'hit' : 'miss');
  return page;
}

export const dashboardRoutes: RouteSpec<DashboardRouteServices>[] = [
  defineRoute<DashboardRouteServices, undefined, typeof scopeQuerySchema>({
    method: 'get',
    path: '/api/dashboard/overview',
    summary: '概览：按参加类型与状态统计、完成率、每日提交；关闭后分数分布（含合格线）与维度均分对比全国',
    tag: '看板',
    access: anyStaff,
    scope: 'region',
    query: scopeQuerySchema,
    response: overviewSchema,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND'],
    handle: async ({ ctx, actor, query, services }) => withCacheHeader(ctx, await services.dashboards.overview(asStaff(actor), query)),
  }),
  defineRoute<DashboardRouteServices, undefined, typeof tableQuerySchema>({
    method: 'get',
    path: '/api/dashboard/enterprises',
    summary: '企业列表：搜索、筛选（类型、状态、地市、合格与否、专精特新、诚信提示）、排序、分页',
    tag: '看板',
    access: anyStaff,
    scope: 'region',
    query: tableQuerySchema,
    response: tablePageSchema,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'RESULTS_HIDDEN', 'PASSLINES_INCOMPLETE', 'CAMPAIGN_NOT_FOUND'],
    handle: async ({ ctx, actor, query, services }) => withCacheHeader(ctx, await services.dashboards.table(asStaff(actor), query)),
  }),
  defineRoute<DashboardRouteServices, undefined, typeof tableQuerySchema>({
    method: 'get',
    path: '/api/dashboard/enterprises.xlsx',
    summary: '按当前筛选导出 Excel（中文表头）',
    tag: '看板',
    access: anyStaff,
    scope: 'region',
    query: tableQuerySchema,
    produces: XLSX_MEDIA_TYPE,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'RESULTS_HIDDEN', 'CAMPAIGN_NOT_FOUND'],
    handle: async ({ ctx, actor, query, services }) => {
      const { campaign, scope, rows, visible } = await services.dashboards.exportRows(asStaff(actor), query, ctx.ip);
      const sheet = await buildTableExport({
        sheetName: '企业测评情况',
        columns: exportColumns,
        rows: rows.map((row) => ({
          ...row,
          total: visible ? row.total : SCORES_HIDDEN_CELL,
          passedLabel: row.passed === null ? '' : row.passed ? '合格' : '不合格',
          tierLabel: row.tier ? tierLabels[row.tier] : '',
          specializedLabel: row.specialized ? '是' : '否',
          centralSoeLabel: row.centralSoe ? '是' : '否',
          flagCount: row.flags.length,
        })),
        ...(visible ? {} : { notes: [SCORES_HIDDEN_NOTE] }),
      });
      ctx.type = XLSX_MEDIA_TYPE;
      ctx.attachment(`${campaign.name}-${scope.cityName ?? scope.regionName ?? '全国'}-${toBeijingIso(services.clock.now()).slice(0, 10)}.xlsx`);
      return sheet;
    },
  }),
  defineRoute<DashboardRouteServices, undefined, undefined, typeof enterpriseParams>({
    method: 'get',
    path: '/api/dashboard/enterprises/:id',
    summary: '企业详情：历次提交（服务器时间与分数）、最终答案（只读）、回执、诚信提示',
    tag: '看板',
    access: anyStaff,
    scope: 'region',
    params: enterpriseParams,
    response: enterpriseDetailSchema,
    errors: ['FORBIDDEN', 'ENTERPRISE_NOT_FOUND'],
    handle: ({ actor, params, services }) => services.dashboards.detail(asStaff(actor), params.id),
  }),
  defineRoute<DashboardRouteServices, undefined, undefined, typeof enterpriseParams>({
    method: 'get',
    path: '/api/dashboard/enterprises/:id/contacts',
    summary: '显示一家企业的联系人（姓名、电话、邮箱，不打码；每次查看记入审计）',
    tag: '看板',
    access: anyStaff,
    scope: 'region',
    params: enterpriseParams,
    response: enterpriseContactsSchema,
    errors: ['FORBIDDEN', 'ENTERPRISE_NOT_FOUND'],
    handle: ({ ctx, actor, params, services }) => {
      ctx.set('Cache-Control', 'no-store');
      return services.dashboards.contacts(asStaff(actor), params.id, ctx.ip);
    },
  }),
  defineRoute<DashboardRouteServices, undefined, typeof scopeQuerySchema>({
    method: 'get',
    path: '/api/dashboard/quota',
    summary: '名额面板：本地区推荐名额（活动按年度的名额表）；合格线公布后按专精特新优先排序的合格申报企业，央企一级公司不占名额',
    tag: '看板',
    access: anyStaff,
    scope: 'region',
    query: scopeQuerySchema,
    response: quotaPanelSchema,
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'CAMPAIGN_NOT_FOUND'],
    handle: ({ actor, query, services }) => services.dashboards.quota(asStaff(actor), query),
  }),
  defineRoute<DashboardRouteServices, undefined, typeof campaignQuery>({
    method: 'get',
    path: '/api/dashboard/regions',
    summary: '全国 37 个地区一览：企业数、已开始、已提交、平均分、合格数与名额',
    tag: '看板',
    access: staffAccess('national'),
    scope: 'national',
    query: campaignQuery,
    response: nationalTableSchema,
    errors: ['CAMPAIGN_NOT_FOUND'],
    handle: ({ query, services }) => services.dashboards.national(query.campaignId),
  }),
];
