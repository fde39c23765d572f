import { z } from 'zod';
import { errorCatalogue, type ErrorCode } from '@assess/shared';
import type { RouteSpec } from '../../lib/route';

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  try {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
    return schema;
  } catch {
    return {};
  }
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

const errorBody = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', enum: Object.keys(errorCatalogue) },
    message: { type: 'string', description: '中文提示' },
    details: {},
  },
};

/**
 * OpenAPI 3.1 from the route table and the same zod schemas that validate requests, so the
 * document cannot drift from the code.
 */
export function buildOpenApi(routes: readonly RouteSpec<unknown>[], info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    const okStatus = String(route.status ?? 200);
    responses[okStatus] = route.produces
      ? { description: '文件', content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } } }
      : { description: '成功', content: { 'application/json': { schema: route.response ? schemaOf(route.response, 'output') : {} } } };
    const codes: ErrorCode[] = [...route.errors];
    if (route.access.kind !== 'public') codes.push('UNAUTHENTICATED', 'TOKEN_INVALID', 'FORBIDDEN');
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of new Set(codes)) {
      const status = errorCatalogue[code].status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, list] of byStatus) {
      responses[String(status)] = {
        description: list.map((code) => `${code}：${errorCatalogue[code].message}`).join('；'),
        content: { 'application/json': { schema: { ...errorBody, properties: { ...errorBody.properties, code: { type: 'string', enum: list } } } } },
      };
    }
    const parameters: unknown[] = [];
    for (const match of route.path.matchAll(/:([A-Za-z]+)/g)) parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    if (route.query) {
      const query = schemaOf(route.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
    let requestBody: unknown;
    if (route.body && 'raw' in route.body) {
      requestBody = { required: true, content: Object.fromEntries(route.body.raw.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) };
    } else if (route.body) {
      requestBody = { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
    }
    const security = route.access.kind === 'public' ? [] : [{ bearer: [] }];
    const who = route.access.kind === 'public' ? '公开' : route.access.kind === 'enterprise' ? '企业' : `工作人员（${route.access.roles.join('/')}）`;
    paths[openApiPath(route.path)] ??= {};
    paths[openApiPath(route.path)]![route.method] = {
      summary: route.summary,
      description: `访问：${who}；范围：${route.scope}`,
      tags: [route.tag],
      security,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '创新管理与知识产权国际标准测评 API', version: info.version, description: '错误响应统一为 { code, message, details? }，message 为中文提示。' },
    servers: [{ url: info.serverUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
