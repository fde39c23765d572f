import type Koa from 'koa';
import type { z } from 'zod';
import type { ErrorCode } from '@assess/shared';
import type { StaffRole } from './jwt';

/**
 * What koa-router leaves on a context it routed: the route's pattern and the path's parameters.
 * Middleware in front of the router reads them after `next()`; both are absent when no route matched.
 */
export interface RoutedContext {
  _matchedRoute?: string | RegExp;
  params?: Record<string, string>;
}

/** Who may call a route. Scope (own enterprise, own region) is then decided by the service. */
export type Access = { kind: 'public' } | { kind: 'enterprise' } | { kind: 'staff'; roles: readonly StaffRole[] };

export const publicAccess: Access = { kind: 'public' };
export const enterpriseAccess: Access = { kind: 'enterprise' };
export const staffAccess = (...roles: StaffRole[]): Access => ({ kind: 'staff', roles });

/** The authenticated caller, as the services see it. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'enterprise'; enterpriseId: string; campaignId: string; keyVersion: number; questionnaire: string }
  | { kind: 'staff'; staffId: string; role: StaffRole; region: string | null; city: string | null };

export type EnterpriseActor = Extract<Actor, { kind: 'enterprise' }>;
export type StaffActor = Extract<Actor, { kind: 'staff' }>;

export interface RouteInput<Body, Query, Params, Services> {
  ctx: Koa.Context;
  actor: Actor;
  body: Body;
  query: Query;
  params: Params;
  services: Services;
}

/**
 * One route, declared once: the app mounts it, the OpenAPI document describes it, and the
 * authorization matrix test walks it.
 */
export interface RouteSpec<Services = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** How the route narrows what a caller sees; the matrix test reads it. */
  scope: 'none' | 'own-enterprise' | 'campaign' | 'region' | 'national';
  params?: z.ZodType;
  query?: z.ZodType;
  /** A zod schema for JSON bodies, or a media type for raw uploads read by the handler. */
  body?: z.ZodType | { raw: readonly string[]; maxBytes: number };
  response?: z.ZodType;
  /** A file instead of JSON: its media type, or the types it may be. */
  produces?: string | readonly string[];
  status?: number;
  errors: readonly ErrorCode[];
  /**
   * The operation's name in the document. Defaults to the shared endpoint table's name for this
   * method and path, else one derived from them (`get /api/dashboard/quota` → `getDashboardQuota`).
   */
  operationId?: string;
  /** Longer text for the document, after the summary. */
  description?: string;
  /** The limits the route enforces: described in the document, answered as 429 RATE_LIMITED with Retry-After. */
  rateLimits?: readonly RateLimitDoc[];
  /** Success answers besides `status`: 304 with an ETag, 200 for `?wait=true`. */
  otherResponses?: Readonly<Record<number, { description: string; response?: z.ZodType }>>;
  /** Request headers the route reads, for the document. */
  requestHeaders?: readonly HeaderDoc[];
  /** Response headers the route sets on success, for the document. */
  responseHeaders?: Readonly<Record<string, { description: string; required?: boolean }>>;
  handle(input: RouteInput<any, any, any, Services>): Promise<unknown> | unknown;
}

/** One rate limit, as the document describes it. */
export interface RateLimitDoc {
  limit: number;
  windowSeconds: number;
  /** What is counted, in Chinese: '每个 IP 地址', '每家企业'. */
  per: string;
  note?: string;
}

/** A request header a route (or a middleware) reads. */
export interface HeaderDoc {
  name: string;
  description: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}

/** Typed helper so each route's handler sees its own parsed types. */
export function defineRoute<Services, B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  spec: Omit<RouteSpec<Services>, 'handle' | 'body' | 'query' | 'params'> & {
    body?: B | { raw: readonly string[]; maxBytes: number };
    query?: Q;
    params?: P;
    handle(
      input: RouteInput<B extends z.ZodType ? z.infer<B> : undefined, Q extends z.ZodType ? z.infer<Q> : undefined, P extends z.ZodType ? z.infer<P> : undefined, Services>,
    ): Promise<unknown> | unknown;
  },
): RouteSpec<Services> {
  return spec as RouteSpec<Services>;
}

/**
 * The caller of an enterprise route. The route's access rule already guaranteed the kind; the
 * check keeps a mis-declared route from ever running with the wrong caller.
 */
export function asEnterprise(actor: Actor): EnterpriseActor {
  if (actor.kind !== 'enterprise') throw new Error(`route expected an enterprise caller, got ${actor.kind}`);
  return actor;
}

/** The caller of a staff route (see asEnterprise). */
export function asStaff(actor: Actor): StaffActor {
  if (actor.kind !== 'staff') throw new Error(`route expected a staff caller, got ${actor.kind}`);
  return actor;
}
