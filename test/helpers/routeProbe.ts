import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { defaultQuestionnaire } from '@assess/shared';
import type { z } from 'zod';
import type { RouteSpec } from '../../bff/src/lib/route';
import { isOpenSchema, jsonSchemaOf, UntaughtSchemaError, validArbitrary, type JsonSchema } from './schemaArbitraries';
import { tokenOf, type ActorName, type World, type WorldEnterprise } from './world';

/**
 * Requests built from a route's declaration: its path parameters resolved to real ids of the
 * world, its query and body from its zod schemas. A parameter or schema the builder does not
 * know throws `UntaughtSchemaError`, so a new route fails the generated tests until taught.
 */

export type AnyRoute = RouteSpec<any>;
export type ParamKind = 'campaign' | 'enterprise' | 'staffAccount' | 'attempt' | 'importJob' | 'questionnaireRef' | 'scene' | 'year' | 'evidenceItem' | 'evidenceFile' | 'evidenceUpload' | 'chunk';

export const routeKey = (route: Pick<AnyRoute, 'method' | 'path'>): string => `${route.method.toUpperCase()} ${route.path}`;

export function paramNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
}

const ID_KINDS: Record<string, ParamKind> = { campaigns: 'campaign', enterprises: 'enterprise', staff: 'staffAccount', attempts: 'attempt' };

/** What a path parameter names, read from the path: `/api/admin/campaigns/:id` → a campaign. */
export function paramKind(route: AnyRoute, name: string): ParamKind {
  if (name === 'scene') return 'scene';
  if (name === 'jobId') return 'importJob';
  if (name === 'ref') return 'questionnaireRef';
  if (name === 'year') return 'year';
  // 示范 evidence (issue 17): an enterprise of the set, a checklist item, a stored file, an upload session, a chunk number.
  if (name === 'enterpriseId') return 'enterprise';
  if (name === 'itemId') return 'evidenceItem';
  if (name === 'fileId') return 'evidenceFile';
  if (name === 'uploadId') return 'evidenceUpload';
  if (name === 'n') return 'chunk';
  if (name === 'id') {
    const segments = route.path.split('/');
    const kind = ID_KINDS[segments[segments.indexOf(':id') - 1] ?? ''];
    if (kind) return kind;
  }
  throw new UntaughtSchemaError(`${routeKey(route)}: path parameter :${name} is unknown to the probes; teach test/helpers/routeProbe.ts (paramKind)`);
}

export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && 'safeParse' in value;
}

export function rawBodyOf(route: AnyRoute): { raw: readonly string[]; maxBytes: number } | null {
  return route.body && !isZodSchema(route.body) ? route.body : null;
}

/** Bodies whose schema says nothing (`z.unknown()`) need an example to mutate; a new one must be taught here. */
const OPEN_BODY_EXAMPLES: Record<string, () => unknown> = {
  'POST /api/admin/questionnaires': () => ({ ...defaultQuestionnaire, version: `probe-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}` }),
};

export function openBodyExample(route: AnyRoute): unknown {
  const example = OPEN_BODY_EXAMPLES[routeKey(route)];
  if (!example) throw new UntaughtSchemaError(`${routeKey(route)}: its body schema accepts anything; give the probes an example in OPEN_BODY_EXAMPLES`);
  return example();
}

/** The smallest value a schema accepts: required fields only, first enum values, lower bounds. */
export function minimalValid(schema: JsonSchema, where: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return minimalValid(schema.anyOf[0]!, `${where}.anyOf[0]`);
  if (schema.oneOf) return minimalValid(schema.oneOf[0]!, `${where}.oneOf[0]`);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = minimalValid(schema.properties?.[name] ?? {}, `${where}.${name}`);
      return out;
    }
    case 'string':
    case 'integer':
    case 'number':
      if ((type === 'integer' || type === 'number') && !schema.multipleOf) return schema.minimum ?? 0;
      return fc.sample(validArbitrary(schema, where), { numRuns: 1, seed: 7 })[0];
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'null':
      return null;
    default:
      throw new UntaughtSchemaError(`${where}: cannot build a minimal value for ${JSON.stringify(schema).slice(0, 120)}`);
  }
}

export function queryStringOf(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Percent-encodes a path segment; a lone surrogate goes out as the invalid UTF-8 a hostile client would send. */
export function encodeSegment(text: string): string {
  return [...text]
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        const unit = char.charCodeAt(0);
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
      }
    })
    .join('');
}

export function pathWith(route: AnyRoute, params: Record<string, string>): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeSegment(params[name] ?? ''));
}

/** Overrides the builder applies to query fields by name: dashboards must name the world's campaign. */
export function queryOverrides(world: World): Record<string, string> {
  return { campaignId: world.campaignId };
}

/** The world's id for a parameter, as `actor` would legitimately use it (its own attempt, an enterprise in its scope…). */
export function paramFor(world: World, kind: ParamKind, actor: ActorName, target?: WorldEnterprise): string {
  switch (kind) {
    case 'campaign':
      return world.spareCampaignId;
    case 'enterprise':
      if (target) return target.id;
      if (actor === 'cityBureau') return world.enterprises.a.id;
      if (actor === 'otherRegionBureau') return world.enterprises.d.id;
      return world.spareEnterprise.id;
    case 'attempt':
      return actor === 'enterpriseB' ? world.enterprises.b.attemptId : world.enterprises.a.attemptId;
    case 'staffAccount':
      return world.spareStaffId;
    case 'importJob':
      return world.importJobId;
    case 'questionnaireRef':
      return world.questionnaireRef;
    case 'scene':
      return world.enterprises.a.sceneToken;
    case 'year':
      return '2023';
    case 'evidenceItem':
      return 'system';
    case 'evidenceFile':
    case 'evidenceUpload':
      // The world has no evidence: a well-formed id of nothing (the routes answer their not-found code).
      return '0123456789abcdef01234567';
    case 'chunk':
      return '0';
  }
}

export interface ProbeRequest {
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  /** Raw bytes sent as they are (uploads, malformed JSON). */
  raw?: { contentType: string; bytes: Buffer | string };
  headers?: Record<string, string>;
}

/** A request that `actor` may legitimately make to the route: the smallest valid inputs, real ids. */
export function legitimateRequest(world: World, route: AnyRoute, actor: ActorName, options: { target?: WorldEnterprise; query?: Record<string, unknown> } = {}): ProbeRequest {
  const params: Record<string, string> = {};
  for (const name of paramNames(route.path)) params[name] = paramFor(world, paramKind(route, name), actor, options.target);
  let query: Record<string, unknown> = {};
  if (route.query) {
    query = minimalValid(jsonSchemaOf(route.query as z.ZodType), `${routeKey(route)} query`) as Record<string, unknown>;
    const overrides = queryOverrides(world);
    for (const name of Object.keys(jsonSchemaOf(route.query as z.ZodType).properties ?? {})) if (overrides[name]) query[name] = overrides[name];
  }
  Object.assign(query, options.query);
  const request: ProbeRequest = { method: route.method.toUpperCase(), path: `${pathWith(route, params)}${queryStringOf(query)}`, token: tokenOf(world, actor) };
  const raw = rawBodyOf(route);
  if (raw) request.raw = { contentType: raw.raw[0]!, bytes: Buffer.alloc(0) };
  else if (route.body) {
    const schema = jsonSchemaOf(route.body as z.ZodType);
    request.body = isOpenSchema(schema) ? openBodyExample(route) : minimalValid(schema, `${routeKey(route)} body`);
  }
  return request;
}

export interface ProbeResponse {
  status: number;
  /** Parsed JSON, or the raw bytes. */
  body: any;
  contentType: string;
  /** Everything the response shows as text (JSON, or the cells of an XLSX), to look for other enterprises' data. */
  text: string;
}

async function workbookText(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const parts: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text)))));
  return parts.join('\n');
}

export async function send(baseUrl: string, request: ProbeRequest): Promise<ProbeResponse> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | Buffer | undefined;
  if (request.raw) {
    headers['content-type'] = request.raw.contentType;
    body = request.raw.bytes;
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers, body: body as BodyInit | undefined });
  const contentType = response.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await response.arrayBuffer());
  if (contentType.includes('application/json')) {
    const parsed = JSON.parse(bytes.toString('utf8') || 'null');
    return { status: response.status, body: parsed, contentType, text: bytes.toString('utf8') };
  }
  const text = contentType.includes('spreadsheetml') && response.status < 300 ? await workbookText(bytes) : contentType.startsWith('text/') ? bytes.toString('utf8') : '';
  return { status: response.status, body: bytes, contentType, text };
}

/** Codes that mean "you may not": the gate refusing a caller. */
export const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;

export function codeOf(response: ProbeResponse): string | null {
  return response.body && typeof response.body === 'object' && !Buffer.isBuffer(response.body) && typeof response.body.code === 'string' ? response.body.code : null;
}

/** Every `regionCode` / `cityCode` value anywhere in a JSON body. */
export function scopeCodesIn(value: unknown, found: { regionCodes: string[]; cityCodes: string[] } = { regionCodes: [], cityCodes: [] }) {
  if (Array.isArray(value)) for (const item of value) scopeCodesIn(item, found);
  else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'regionCode' && typeof item === 'string') found.regionCodes.push(item);
      else if (key === 'cityCode' && typeof item === 'string') found.cityCodes.push(item);
      else scopeCodesIn(item, found);
    }
  }
  return found;
}
