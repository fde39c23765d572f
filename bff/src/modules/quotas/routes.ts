import { z } from 'zod';
import { publishedQuotaTable, quotaTableSchema, regionByCode } from '@assess/shared';
import { AppError } from '../../lib/errors';
import { defineRoute, publicAccess, type RouteSpec } from '../../lib/route';

/** These routes call no service: the tables are the notices' published data, in shared/. */
type QuotaRouteServices = object;

const yearParams = z.object({ year: z.string().regex(/^\d{4}$/, '年份应为 4 位数字').meta({ description: '年份：2022 或 2023', examples: ['2023'] }) });

/** What the notices published, served as they published it: public data, the same for everyone. */
export const quotaRoutes: RouteSpec<QuotaRouteServices>[] = [
  defineRoute<QuotaRouteServices, undefined, undefined, typeof yearParams>({
    method: 'get',
    path: '/api/quotas/:year',
    summary: '通知公布的推荐名额表（2023：优势与示范；2022：示范，优势为每地上限）',
    description: '2023 年为国知办函运字〔2023〕572号 附件1，2022 年为国知办函运字〔2022〕497号 附件1，行序同通知；没有公布名额表的年份为 404。',
    tag: '公开数据',
    access: publicAccess,
    scope: 'none',
    params: yearParams,
    response: quotaTableSchema,
    responseHeaders: { 'Cache-Control': { description: 'public, max-age=86400：公布的数据不会改变' } },
    errors: ['NOT_FOUND'],
    handle: ({ ctx, params }) => {
      const table = publishedQuotaTable(Number(params.year), (code) => regionByCode(code)?.name ?? code);
      if (!table) throw new AppError('NOT_FOUND', { years: [2022, 2023] });
      ctx.set('Cache-Control', 'public, max-age=86400');
      return table;
    },
  }),
];
