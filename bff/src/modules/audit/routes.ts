import { z } from 'zod';
import { Types } from 'mongoose';
import { auditEventsSchema, toBeijingIso } from '@assess/shared';
import { defineRoute, staffAccess, type RouteSpec } from '../../lib/route';
import type { AuditService } from './service';

const auditQuery = z.object({
  campaignId: z.string().regex(/^[0-9a-f]{24}$/).optional(),
  target: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** What these routes call. */
type AuditRouteServices = { audit: AuditService };

export const auditRoutes: RouteSpec<AuditRouteServices>[] = [
  defineRoute<AuditRouteServices, undefined, typeof auditQuery>({
    method: 'get',
    path: '/api/admin/audit',
    summary: '审计日志（登录、密钥重置、延期、导入、合格线变更等；只增不改）',
    tag: '审计',
    access: staffAccess('national'),
    scope: 'national',
    query: auditQuery,
    response: auditEventsSchema,
    errors: ['VALIDATION_FAILED'],
    handle: async ({ query, services }) => {
      const events = await services.audit.list({ campaignId: query.campaignId ? new Types.ObjectId(query.campaignId) : undefined, target: query.target }, query.limit);
      return { events: events.map((event) => ({ at: toBeijingIso(event.at), action: event.action, actor: { kind: event.actor.kind, id: event.actor.id ?? null, ip: event.actor.ip ?? null }, target: event.target, details: event.details })) };
    },
  }),
];
