import { Types } from 'mongoose';
import type { Filter } from 'mongodb';
import type { Logger } from '../../lib/logger';
import type { Clock } from '../../lib/clock';
import { collectionOf } from '../../lib/mongo';
import type { AuditAction, AuditEventDoc, AuditModel } from './model';

export interface AuditInput {
  action: AuditAction;
  actor: AuditEventDoc['actor'];
  campaignId?: Types.ObjectId | null;
  target?: string | null;
  details?: Record<string, unknown>;
}

/** Appends audit events. Nothing here updates or deletes one. */
export function auditService(deps: { events: AuditModel; clock: Clock; logger: Logger }) {
  const { clock, logger } = deps;
  const events = collectionOf(deps.events);
  return {
    async record(input: AuditInput): Promise<void> {
      await events.insertOne({
        _id: new Types.ObjectId(),
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
      const query: Filter<AuditEventDoc> = {};
      if (filter.campaignId) query.campaignId = filter.campaignId;
      if (filter.target) query.target = filter.target;
      return events.find(query).sort({ at: -1 }).limit(Math.min(limit, 500)).toArray();
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
