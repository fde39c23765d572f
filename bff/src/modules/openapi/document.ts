import { z } from 'zod';
import { endpointFor, errorCatalogue, type ErrorCode } from '@assess/shared';
import type { MiddlewareContract } from '../../lib/contract';
import type { HeaderDoc, RouteSpec } from '../../lib/route';

/**
 * OpenAPI 3.1 from the route table, the middleware contracts and the same zod schemas that
 * validate requests, so the document cannot drift from the code:
 *
 * - every answer a route can give: its success status (and `otherResponses`), its own `errors`,
 *   and the codes of each middleware contract that applies to it, grouped by HTTP status;
 * - shared models as named component schemas (zod `.meta({ id })`), with a separate `…Input`
 *   component only where the request side differs (defaults, coercions);
 * - operationIds from the shared endpoint table, else derived from method and path.
 */

type JsonSchema = Record<string, unknown>;
type AnyRoute = RouteSpec<any>;

/** An operation the app answers outside the route table (health, metrics), documented all the same. */
export interface ExtraOperation {
  method: 'get';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** A JSON body's schema, or the error codes of an error answer; neither: text. */
  responses: Record<number, { description: string; contentType: string; schema?: z.ZodType; errorCodes?: readonly ErrorCode[] }>;
}

export interface DocumentInfo {
  version: string;
  serverUrl: string;
}

/** Tags, in the order the document lists them, with what each covers. */
export const tagDescriptions: Readonly<Record<string, string>> = {
  企业: '企业端：扫码落地页、登录、首页',
  认证: '令牌刷新、退出登录、工作人员登录与账号信息',
  问卷: '问卷定义（数据，有版本）与问卷工作簿',
  测评: '开始测评、草稿保存、提交与回执',
  公开数据: '通知公布的数据（推荐名额表）',
  活动: '测评活动（全国局）',
  企业管理: '企业导入、密钥、延期、二维码（全国局）',
  看板: '地方局与全国局看板：概览、企业列表、导出、详情、名额',
  合格线: '合格线试算、设置与公布（全国局）',
  初核与推荐: '闭卷后地方局的工作：考核/复核初核、申报企业评审、名额内推荐名单、上报材料（PDF、盖章扫描件、版本）',
  上报: '地方局上报材料：提交、下载 PDF、上传盖章扫描件、版本与变更记录',
  示范评审材料: '申报示范企业按评审要点提交材料（分片续传、回执）；地方局逐项标记、要求补正、写审查意见；全国局发布评审要点',
  公示与认定: '全国局确认或退回各地上报材料、公示期与异议、认定名单；公开的公示页面',
  企业记录: '企业跨年度的长期记录：历史称号导入、参加类型核对的确认、称号风险名单（全国局）',
  账号管理: '地方局、地市局账号（全国局）',
  登录锁定: '查看与解除登录锁定',
  审计: '审计日志（只增不改）',
  运维: '存活、就绪与监控指标',
  文档: '本文档',
};

export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

/** `post /api/admin/campaigns/:id/passlines/preview` → `postAdminCampaignsByIdPasslinesPreview`. */
export function derivedOperationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => (segment.startsWith(':') ? ['by', segment.slice(1)] : segment.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  return method.toLowerCase() + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

export function operationIdOf(route: Pick<AnyRoute, 'method' | 'path' | 'operationId'>): string {
  return route.operationId ?? endpointFor(route.method, route.path)?.operationId ?? derivedOperationId(route.method, route.path);
}

const pascal = (text: string) => text[0]!.toUpperCase() + text.slice(1);
const isZod = (value: unknown): value is z.ZodType => typeof value === 'object' && value !== null && 'safeParse' in value;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const REF_PREFIX = '#/components/schemas/';

/** Zod writes integer bounds of ±(2^53−1) on every `.int()`: true, but noise for a reader. */
const SAFE = Number.MAX_SAFE_INTEGER;

/** Drops what zod writes for a standalone schema (`$schema`, `$id`, the meta `id`) and the integer noise. */
function tidy(schema: unknown, top = true): unknown {
  if (Array.isArray(schema)) return schema.map((item) => tidy(item, false));
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    if (key === '$schema' || key === '$id' || (top && key === 'id' && typeof value === 'string')) continue;
    if ((key === 'minimum' && value === -SAFE) || (key === 'maximum' && value === SAFE)) continue;
    out[key] = tidy(value, false);
  }
  return out;
}

function refsIn(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) refsIn(item, into);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema as JsonSchema)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)) into.add(value.slice(REF_PREFIX.length));
      else refsIn(value, into);
    }
  }
  return into;
}

function renameRefs(schema: unknown, rename: (id: string) => string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => renameRefs(item, rename));
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX) ? REF_PREFIX + rename(value.slice(REF_PREFIX.length)) : renameRefs(value, rename);
  }
  return out;
}

/** Every schema with an `id` in zod's global registry: the shared models (`.meta({ id })`). */
function namedModels(): Map<string, z.core.$ZodType> {
  return new Map(z.globalRegistry._idmap);
}

/**
 * Converts the named models and the routes' own schemas in one pass per direction, so every
 * reference between them is a `$ref` to a component. Returns the components and the component
 * name of each schema on each side.
 */
function convertSchemas(routeSchemas: Map<z.ZodType, string>) {
  const ids = new Map<z.core.$ZodType, string>();
  for (const [id, schema] of namedModels()) ids.set(schema, id);
  for (const [schema, id] of routeSchemas) if (!ids.has(schema)) ids.set(schema, id);

  const convert = (io: 'input' | 'output'): Record<string, JsonSchema> => {
    const registry = z.registry<{ id: string }>();
    for (const [schema, id] of ids) registry.add(schema, { id });
    const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `${REF_PREFIX}${id}` }) as { schemas: Record<string, JsonSchema> };
    if (schemas.__shared) throw new Error(`openapi: a schema shared without a name (give it .meta({ id })): ${JSON.stringify(schemas.__shared).slice(0, 200)}`);
    return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, tidy(schema) as JsonSchema]));
  };
  const output = convert('output');
  const input = convert('input');

  // The request side needs its own component where it differs, or refers to one that does.
  const differs = new Set(Object.keys(input).filter((id) => JSON.stringify(input[id]) !== JSON.stringify(output[id])));
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of Object.keys(input)) {
      if (!differs.has(id) && [...refsIn(input[id])].some((used) => differs.has(used))) {
        differs.add(id);
        grew = true;
      }
    }
  }
  // `…Input`, or `…RequestSide` where a model of that name exists already (Campaign / CampaignInput).
  const twins = new Map([...differs].map((id) => [id, id in output ? (`${id}Input` in output ? `${id}RequestSide` : `${id}Input`) : id]));
  const inputName = (id: string) => twins.get(id) ?? id;
  const components: Record<string, JsonSchema> = { ...output };
  for (const id of differs) components[inputName(id)] = renameRefs(input[id], inputName) as JsonSchema;
  return {
    components,
    nameOf: (schema: z.ZodType, io: 'input' | 'output') => {
      const id = ids.get(schema)!;
      return io === 'input' ? inputName(id) : id;
    },
  };
}

const errorComponent: JsonSchema = {
  type: 'object',
  description: '错误响应。code 为稳定的错误码（见各响应列出的取值），message 为给用户看的中文提示，details 为机器可读的补充（字段错误、剩余次数、retryAfterSeconds 等，从不含机密）。',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', enum: Object.keys(errorCatalogue) },
    message: { type: 'string', description: '中文提示' },
    details: { description: '补充信息，随错误码而定' },
  },
  additionalProperties: false,
};

const retryAfterHeader = (required: boolean) => ({
  description: '多少秒后可以重试',
  required,
  schema: { type: 'integer', minimum: 0 },
});

function headerParameters(headers: readonly HeaderDoc[]): JsonSchema[] {
  return headers.map((header) => ({ name: header.name, in: 'header', required: header.required ?? false, description: header.description, schema: header.schema ?? { type: 'string' } }));
}

function responseHeaders(headers: Readonly<Record<string, { description: string; required?: boolean }>>): JsonSchema {
  return Object.fromEntries(Object.entries(headers).map(([name, header]) => [name, { description: header.description, required: header.required ?? false, schema: { type: 'string' } }]));
}

/** The error codes a route can answer: its own and those of every contract that applies to it. */
export function errorsOf(route: AnyRoute, contracts: readonly MiddlewareContract[]): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors);
  for (const contract of contracts) if (contract.appliesTo(route)) for (const code of contract.errors ?? []) codes.add(code);
  return [...codes];
}

function who(route: AnyRoute): string {
  if (route.access.kind === 'public') return '公开（无需登录）';
  if (route.access.kind === 'enterprise') return '企业（企业登录的访问令牌）';
  const names = { national: '全国局', region: '地区局', city: '地市局' } as const;
  return `工作人员：${route.access.roles.map((role) => names[role]).join('、')}`;
}

const scopes = { none: '无', 'own-enterprise': '本企业', campaign: '按测评活动', region: '本地区（服务器按账号范围限定）', national: '全国' } as const;

/**
 * The document. `contracts` are the middleware in front of the routes (middleware/contracts.ts);
 * `extra` are operations answered outside the route table.
 */
export function buildOpenApi(routes: readonly AnyRoute[], contracts: readonly MiddlewareContract[], info: DocumentInfo, extra: readonly ExtraOperation[] = []) {
  // Name the routes' own schemas after their operation, unless they already have a name.
  const routeSchemas = new Map<z.ZodType, string>();
  const name = (schema: unknown, id: string) => {
    if (isZod(schema) && !routeSchemas.has(schema)) routeSchemas.set(schema, id);
  };
  for (const route of routes) {
    const op = pascal(operationIdOf(route));
    name(route.body, `${op}Request`);
    name(route.response, `${op}Response`);
    name(route.query, `${op}Query`);
    name(route.params, `${op}Params`);
    for (const [status, other] of Object.entries(route.otherResponses ?? {})) name(other.response, `${op}Response${status}`);
  }
  for (const operation of extra) for (const [status, response] of Object.entries(operation.responses)) name(response.schema, `${pascal(operation.operationId)}Response${status}`);
  const { components, nameOf } = convertSchemas(routeSchemas);
  const parametersOf = (schema: z.ZodType, where: 'path' | 'query'): JsonSchema[] => {
    const object = components[nameOf(schema, 'input')] as { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[] };
    return Object.entries(object.properties ?? {}).map(([param, schema]) => {
      const { description, ...rest } = schema;
      return { name: param, in: where, required: where === 'path' || (object.required?.includes(param) ?? false), ...(description ? { description } : {}), schema: rest };
    });
  };

  const paths: Record<string, Record<string, unknown>> = {};
  const usedTags = new Set<string>();
  // Headers a middleware sets on every answer (X-Request-Id) are components, referred to rather than repeated.
  const sharedHeaders: Record<string, JsonSchema> = {};
  for (const contract of contracts) Object.assign(sharedHeaders, responseHeaders(contract.responseHeaders ?? {}));
  const headersOf = (own: Readonly<Record<string, { description: string; required?: boolean }>>, everywhere: Readonly<Record<string, unknown>>) => ({
    ...Object.fromEntries(Object.keys(everywhere).map((name) => [name, { $ref: `#/components/headers/${name}` }])),
    ...responseHeaders(own),
  });
  for (const route of routes) {
    const applying = contracts.filter((contract) => contract.appliesTo(route));
    const everywhere = Object.assign({}, ...applying.map((contract) => contract.responseHeaders ?? {})) as Record<string, { description: string; required?: boolean }>;
    const responses: Record<string, unknown> = {};
    const produced: readonly string[] = route.produces === undefined ? [] : typeof route.produces === 'string' ? [route.produces] : route.produces;
    const success = (description: string, schema: z.ZodType | undefined, headers: Record<string, { description: string; required?: boolean }>) => ({
      description,
      headers: headersOf(headers, everywhere),
      content: produced.length > 0
        ? Object.fromEntries(produced.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]))
        : { 'application/json': { schema: schema ? ref(nameOf(schema, 'output')) : {} } },
    });
    const downloadHeaders: Record<string, { description: string }> = produced.length > 0 && !produced.includes('text/html') ? { 'Content-Disposition': { description: '附件文件名（RFC 6266，中文名以 filename* 给出）' } } : {};
    responses[String(route.status ?? 200)] = success(route.produces ? '文件' : '成功', route.response, { ...downloadHeaders, ...(route.responseHeaders ?? {}) });
    for (const [status, other] of Object.entries(route.otherResponses ?? {})) {
      responses[status] =
        status === '304'
          ? { description: other.description, headers: headersOf(route.responseHeaders ?? {}, everywhere) }
          : success(other.description, other.response ?? route.response, route.responseHeaders ?? {});
    }
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of errorsOf(route, contracts)) {
      const status = errorCatalogue[code].status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      const retry = codes.filter((code) => (errorCatalogue[code] as { retryAfter?: boolean }).retryAfter);
      responses[String(status)] = {
        description: codes.map((code) => `${code}：${errorCatalogue[code].message}`).join('；'),
        headers: headersOf({}, everywhere),
        content: { 'application/json': { schema: { allOf: [ref('Error'), { type: 'object', properties: { code: { enum: codes } } }] } } },
      };
      if (retry.length > 0) (responses[String(status)] as { headers: JsonSchema }).headers['Retry-After'] = retryAfterHeader(retry.length === codes.length);
    }

    const parameters: JsonSchema[] = [];
    if (route.params) parameters.push(...parametersOf(route.params, 'path'));
    else for (const match of route.path.matchAll(/:([A-Za-z]+)/g)) parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    if (route.query) parameters.push(...parametersOf(route.query, 'query'));
    parameters.push(...headerParameters([...applying.flatMap((contract) => contract.requestHeaders ?? []), ...(route.requestHeaders ?? [])]));

    let requestBody: unknown;
    if (route.body && 'raw' in route.body) {
      requestBody = { required: true, description: `文件原始字节，不超过 ${route.body.maxBytes} 字节`, content: Object.fromEntries(route.body.raw.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) };
    } else if (isZod(route.body)) {
      const id = nameOf(route.body, 'input');
      const examples = (components[id] as { examples?: unknown[] }).examples;
      requestBody = { required: true, content: { 'application/json': { schema: ref(id), ...(examples?.[0] !== undefined ? { example: examples[0] } : {}) } } };
    }

    const notes = applying.map((contract) => contract.note?.(route)).filter((note): note is string => Boolean(note));
    const description = [route.description, `访问：${who(route)}；范围：${scopes[route.scope]}。`, ...notes].filter(Boolean).join('\n\n');
    usedTags.add(route.tag);
    paths[openApiPath(route.path)] ??= {};
    paths[openApiPath(route.path)]![route.method] = {
      operationId: operationIdOf(route),
      summary: route.summary,
      description,
      tags: [route.tag],
      security: route.access.kind === 'public' ? [] : [{ bearer: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
      ...(route.rateLimits?.length ? { 'x-rate-limits': route.rateLimits } : {}),
    };
  }
  for (const operation of extra) {
    usedTags.add(operation.tag);
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = {
      operationId: operation.operationId,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      tags: [operation.tag],
      security: [],
      responses: Object.fromEntries(
        Object.entries(operation.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            content: {
              [response.contentType]: {
                schema: response.errorCodes
                  ? { allOf: [ref('Error'), { type: 'object', properties: { code: { enum: response.errorCodes } } }] }
                  : response.schema
                    ? ref(nameOf(response.schema, 'output'))
                    : { type: 'string' },
              },
            },
          },
        ]),
      ),
    };
  }

  // Keep the components something refers to (a named model no route uses stays out).
  const schemas: Record<string, JsonSchema> = { Error: errorComponent };
  const pending = [...refsIn(paths)];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (schemas[id]) continue;
    const schema = components[id];
    if (!schema) throw new Error(`openapi: $ref to unknown component ${id}`);
    schemas[id] = schema;
    pending.push(...refsIn(schema));
  }
  const sortedSchemas = Object.fromEntries(Object.keys(schemas).sort().map((id) => [id, schemas[id]!]));

  return {
    openapi: '3.1.0',
    info: {
      title: '创新管理与知识产权国际标准测评 API',
      version: info.version,
      description: introduction(contracts),
      license: { name: 'UNLICENSED（项目内部使用）', identifier: 'UNLICENSED' },
    },
    servers: [{ url: info.serverUrl }],
    tags: [...usedTags].sort((a, b) => tagOrder(a) - tagOrder(b)).map((tag) => ({ name: tag, description: tagDescriptions[tag] ?? tag })),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '登录得到的访问令牌（2 小时）；过期后用刷新令牌换新（POST /api/auth/refresh）' } },
      schemas: sortedSchemas,
      headers: sharedHeaders,
    },
    paths,
  };
}

function tagOrder(tag: string): number {
  const order = Object.keys(tagDescriptions).indexOf(tag);
  return order < 0 ? Number.MAX_SAFE_INTEGER : order;
}

function introduction(contracts: readonly MiddlewareContract[]): string {
  return [
    '本文档由路由表、各中间件声明的错误码与校验请求的同一组 zod 模式生成：每个接口列出它可能返回的全部状态码与错误码。',
    '时间一律为北京时间 ISO 8601（+08:00，精确到毫秒）；请求中的时间可带任意时区。',
    ...contracts.map((contract) => contract.description).filter(Boolean),
    '路径存在但方法不支持时为 405 METHOD_NOT_ALLOWED（带 Allow），不存在的 /api 路径为 404 ROUTE_NOT_FOUND。',
    '回执校验码的算法见 Receipt 模式与 README「回执校验」一节：任何人可用回执文件（GET /api/attempts/{id}/receipt-file）离线重新计算（npx verify-receipt <文件>，或 H5 页面 /pages/verify/index）。',
  ].join('\n\n');
}
