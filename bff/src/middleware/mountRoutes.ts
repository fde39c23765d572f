import Router from 'koa-router';
import type Koa from 'koa';
import type { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { TokenService } from '../lib/jwt';
import type { Actor, RouteSpec } from '../lib/route';
import { parseInput } from '../lib/validate';
import type { MiddlewareContract } from '../lib/contract';
import type { SessionStore } from '../modules/auth/sessions';
import type { StaffService } from '../modules/staff/service';

/** What authenticating a caller needs: the tokens, the sessions, and whether a staff token is still current. */
export interface AuthenticationServices {
  tokens: TokenService;
  clock: Clock;
  sessions: Pick<SessionStore, 'assertLive'>;
  staff: Pick<StaffService, 'assertTokenCurrent'>;
}

function bearer(ctx: Koa.Context): string | null {
  const header = ctx.get('authorization');
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  return match?.[1] ?? null;
}

/** Resolves the caller for a route's access rule: 401 without a valid token, 403 for the wrong role. */
export async function authenticate(ctx: Koa.Context, spec: Pick<RouteSpec, 'access'>, services: AuthenticationServices): Promise<Actor> {
  if (spec.access.kind === 'public') return { kind: 'anonymous' };
  const token = bearer(ctx);
  if (!token) throw new AppError('UNAUTHENTICATED');
  const claims = services.tokens.verify(token, 'access', services.clock.now());
  if (spec.access.kind === 'enterprise') {
    if (claims.role !== 'enterprise') throw new AppError('FORBIDDEN');
    // A logged-out session (or one whose refresh token was replayed) ends at once, not at expiry.
    await services.sessions.assertLive(claims);
    return { kind: 'enterprise', enterpriseId: claims.sub, campaignId: claims.cid, keyVersion: claims.kv, questionnaire: claims.q };
  }
  if (claims.role !== 'staff' || !spec.access.roles.includes(claims.staffRole)) throw new AppError('FORBIDDEN');
  // Issued together, both Redis reads leave in one write (auto-pipelining).
  await Promise.all([services.sessions.assertLive(claims), services.staff.assertTokenCurrent(claims)]);
  return { kind: 'staff', staffId: claims.sub, role: claims.staffRole, region: claims.region, city: claims.city };
}

function isZod(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && 'safeParse' in value;
}

function isRaw(body: RouteSpec['body']): body is { raw: readonly string[]; maxBytes: number } {
  return typeof body === 'object' && body !== null && 'raw' in body;
}

/**
 * Mounts the route table: each route authenticates, parses params/query/body with its zod
 * schemas, calls its handler and sends what it returns. Handlers never set error statuses.
 * `jsonBody` (the JSON body parser) runs in front of every route except those declared with a
 * raw body: an upload's handler reads the request stream itself (`readUpload`), so a JSON file
 * sent as `application/json` reaches it whole.
 */
export function mountRoutes<S extends AuthenticationServices>(app: Koa, routes: readonly RouteSpec<S>[], services: S, jsonBody: Koa.Middleware): void {
  const router = new Router();
  for (const spec of routes) {
    const before: Koa.Middleware[] = isRaw(spec.body) ? [] : [jsonBody];
    router[spec.method](spec.path, ...before, async (ctx) => {
      const actor = await authenticate(ctx, spec, services);
      const params = spec.params ? parseInput(spec.params, ctx.params) : undefined;
      const query = spec.query ? parseInput(spec.query, ctx.query) : undefined;
      let body: unknown;
      if (isZod(spec.body)) {
        if (!ctx.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        body = parseInput(spec.body, ctx.request.body);
      }
      const result = await spec.handle({ ctx, actor, body, query, params, services });
      if (result !== undefined) {
        ctx.status = spec.status ?? 200;
        ctx.body = result;
      }
    });
  }
  app.use(router.routes()).use(router.allowedMethods({ throw: false }));
}

/** The methods the JSON body parser reads a body for (@koa/bodyparser's parsedMethods). */
const PARSED_METHODS = new Set(['post', 'put', 'patch']);

/**
 * The JSON body parser, in front of every route but uploads: a body that is not JSON, too large,
 * in an unsupported encoding or cut short is refused before the route sees it.
 */
export const jsonBodyContract: MiddlewareContract = {
  name: 'jsonBody',
  description: 'JSON 请求体（Content-Type: application/json，UTF-8，≤256 KB）：不是有效 JSON 为 400 MALFORMED_JSON，过大为 413 BODY_TOO_LARGE，不支持的编码为 415，其他无法读取的请求体为 400 VALIDATION_FAILED。',
  appliesTo: (route) => PARSED_METHODS.has(route.method) && !isRaw(route.body),
  errors: ['MALFORMED_JSON', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED'],
};

/** authenticate(): every route but the public ones. */
export const authenticationContract: MiddlewareContract = {
  name: 'authenticate',
  description: '需要登录的接口带 Authorization: Bearer <访问令牌>：缺少为 401 UNAUTHENTICATED，无效、过期或会话已结束为 401 TOKEN_INVALID，身份不符（企业调用工作人员接口、角色不够）为 403 FORBIDDEN。',
  appliesTo: (route) => route.access.kind !== 'public',
  errors: ['UNAUTHENTICATED', 'TOKEN_INVALID', 'FORBIDDEN'],
};

/** parseInput(): path parameters, query and JSON body against the route's zod schemas. */
export const inputValidationContract: MiddlewareContract = {
  name: 'parseInput',
  description: '路径参数、查询参数与 JSON 请求体按本文档的模式校验：不符为 400 VALIDATION_FAILED（details.issues 列出字段与原因）。',
  appliesTo: (route) => Boolean(route.params || route.query || isZod(route.body)),
  errors: ['VALIDATION_FAILED'],
};

/** A JSON body schema also refuses other media types (mountRoutes). */
export const jsonMediaTypeContract: MiddlewareContract = {
  name: 'jsonMediaType',
  description: '需要 JSON 请求体的接口收到其他 Content-Type 为 415 UNSUPPORTED_MEDIA_TYPE。',
  appliesTo: (route) => isZod(route.body),
  errors: ['UNSUPPORTED_MEDIA_TYPE'],
};
