import type { Config } from '../../config';
import { defineRoute, publicAccess, type RouteSpec } from '../../lib/route';
import { openApiDocumentSchema } from '@assess/shared';
import { buildOpenApi } from './document';
import { middlewareContracts } from '../../middleware/contracts';
import { operationsOutsideTable } from '../health/docs';

/** What these routes read: where the API is served. */
type OpenApiRouteServices = { config: Pick<Config, 'publicUrl'> };

/** A readable page over the JSON document, without third-party scripts (the CSP stays strict). */
function docsPage(document: ReturnType<typeof buildOpenApi>): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const rows = Object.entries(document.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, { summary: string; description?: string; responses: Record<string, { description: string }> }>).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary)}<br><small>${escape(op.description ?? '')}</small></td><td><small>${Object.entries(op.responses)
            .map(([status, r]) => `<b>${status}</b> ${escape(r.description)}`)
            .join('<br>')}</small></td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:24px;color:#1f2329}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e6eb;padding:8px;vertical-align:top;text-align:left}code{background:#f2f3f5;padding:1px 4px;border-radius:3px}</style>
</head><body><h1>${escape(document.info.title)}</h1><p>${escape(document.info.description)} 机器可读版本：<a href="/api/openapi.json">/api/openapi.json</a></p>
<table><thead><tr><th>方法</th><th>路径</th><th>说明</th><th>响应</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

/** The document /api/openapi.json serves for a route table (scripts/openapi.ts writes the same one for the linters). */
export function apiDocument(routes: readonly RouteSpec<unknown>[], serverUrl: string): ReturnType<typeof buildOpenApi> {
  return buildOpenApi(routes, middlewareContracts, { version: '1.0.0', serverUrl }, operationsOutsideTable);
}

/** The document's routes, over the route table they describe (passed in: the table includes them). */
export function openApiRoutes(table: () => readonly RouteSpec<unknown>[]): RouteSpec<OpenApiRouteServices>[] {
  let cached: ReturnType<typeof buildOpenApi> | null = null;
  const document = (services: OpenApiRouteServices) => (cached ??= apiDocument(table(), services.config.publicUrl));
  return [
    defineRoute<OpenApiRouteServices>({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'OpenAPI 3.1 文档（由校验请求的同一组 zod 模式生成）',
      tag: '文档',
      access: publicAccess,
      scope: 'none',
      response: openApiDocumentSchema,
      errors: [],
      handle: ({ services }) => document(services),
    }),
    defineRoute<OpenApiRouteServices>({
      method: 'get',
      path: '/api/docs',
      summary: 'API 文档页面',
      tag: '文档',
      access: publicAccess,
      scope: 'none',
      produces: 'text/html',
      errors: [],
      handle: ({ ctx, services }) => {
        ctx.type = 'html';
        return docsPage(document(services));
      },
    }),
  ];
}
