import { Schema, type Connection, type Model, type Types } from 'mongoose';

export type AuditAction =
  | 'enterprise.login'
  | 'enterprise.login_failed'
  | 'enterprise.key_locked'
  | 'staff.login'
  | 'staff.login_failed'
  | 'staff.account_created'
  | 'staff.account_changed'
  | 'campaign.created'
  | 'campaign.changed'
  | 'enterprises.imported'
  | 'keys.issued'
  | 'key.reset'
  | 'extension.granted'
  | 'passlines.changed'
  | 'passlines.published'
  | 'results.rebuilt'
  // Personal data and results leaving the system (issue 13: 个人信息保护法 — who saw what, when).
  | 'dashboard.exported'
  | 'contacts.viewed'
  | 'qrcode.downloaded'
  | 'questionnaire.uploaded'
  // sessions and login (issue 13)
  | 'enterprise.logout'
  | 'staff.logout'
  | 'session.reuse_detected'
  | 'enterprise.login_lock_cleared'
  | 'staff.login_lock_cleared'
  // After the close (issue 16): quotas, the reported packages, 公示 and 认定. Each change to a
  // region's review state is also in its own append-only log (review_events).
  | 'quota.changed'
  | 'package.submitted'
  | 'package.returned'
  | 'package.confirmed'
  | 'package.scan_uploaded'
  | 'package.downloaded'
  | 'publicity.scheduled'
  | 'publicity.objection_recorded'
  | 'publicity.objection_decided'
  | 'publicity.certified'
  | 'year_rules.changed'
  | 'records.closed'
  | 'records.close_failed'
  | 'records.rebuilt'
  | 'records.history_imported'
  | 'records.track_overridden'
  | 'publicity.exported'
  // 示范 evidence materials (issue 17): the checklist, uploads, submits, the bureaus' marks, 补正 and notes, every download.
  | 'evidence.checklist_saved'
  | 'evidence.answered'
  | 'evidence.uploaded'
  | 'evidence.submitted'
  | 'evidence.marked'
  | 'evidence.requested'
  | 'evidence.noted'
  | 'evidence.downloaded';

/** Append-only: inserted, never updated or deleted. Submits are audited by their attempt record. */
export interface AuditEventDoc {
  _id: Types.ObjectId;
  at: Date;
  action: AuditAction;
  actor: { kind: 'enterprise' | 'staff' | 'system' | 'anonymous'; id: string | null; ip: string | null };
  campaignId: Types.ObjectId | null;
  target: string | null;
  details: Record<string, unknown>;
}

const auditSchema = new Schema<AuditEventDoc>(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    actor: { kind: String, id: String, ip: String },
    campaignId: { type: Schema.Types.ObjectId, default: null },
    target: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'audit_events', versionKey: false, minimize: false },
);
auditSchema.index({ campaignId: 1, at: -1 });
auditSchema.index({ target: 1, at: -1 });

export type AuditModel = Model<AuditEventDoc>;
export const auditModel = (connection: Connection): AuditModel => connection.model<AuditEventDoc>('AuditEvent', auditSchema);
