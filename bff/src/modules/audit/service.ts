import type { Types } from 'mongoose';
import type { Logger } from '../../lib/logger';
import type { Models } from '../../lib/models';
import type { Clock } from '../../lib/clock';
import type { AuditAction, AuditEventDoc } from './model';

export interface AuditInput {
  action: AuditAction;
  actor: AuditEventDoc['actor'];
  campaignId?: Types.ObjectId | null;
  target?: string | null;
  details?: Record<string, unknown>;
}

/** Appends audit events. Nothing here updates or deletes one. */
export function auditService(models: Models, clock: Clock, logger: Logger) {
  return {
    async record(input: AuditInput): Promise<void> {
      await models.audit.collection.insertOne({
        at: clock.now(),
        action: input.action,
        actor: input.actor,
        campaignId: input.campaignId ?? null,
        target: input.target ?? null,
        details: input.details ?? {},
      });
    },
    /** For events that must not fail the request that caused them (e.g. a failed login). */
    async recordQuietly(input: AuditInput): Promise<void> {
      await this.record(input).catch((error: unknown) => logger.warn({ err: error, action: input.action }, 'audit write failed'));
    },
    async list(filter: { campaignId?: Types.ObjectId; target?: string }, limit = 100): Promise<AuditEventDoc[]> {
      const query: Record<string, unknown> = {};
      if (filter.campaignId) query.campaignId = filter.campaignId;
      if (filter.target) query.target = filter.target;
      return (await models.audit.collection.find(query).sort({ at: -1 }).limit(Math.min(limit, 500)).toArray()) as unknown as AuditEventDoc[];
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
