import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Answers } from '@assess/shared';

export interface AttemptScore {
  total: number;
  base: number;
  bonus: number;
  dimensions: Array<{ id: string; score: number; max: number }>;
}

/**
 * A submitted attempt: inserted once, never updated (evidence, per the notices' honesty rule).
 * It is also the audit record of the submit: who, when (server clock), from where, what.
 */
export interface AttemptDoc {
  _id: Types.ObjectId;
  enterpriseId: Types.ObjectId;
  campaignId: Types.ObjectId;
  regionCode: string;
  number: number;
  idempotencyKey: string;
  questionnaire: string;
  answers: Answers;
  startedAt: Date | null;
  submittedAt: Date;
  /** Answers changed since the previous attempt, counted at submit (null: the first, or unknown). */
  changedAnswers?: number | null;
  score: AttemptScore;
  checksum: string;
  /** Which fields `checksum` covers (shared/src/receipt.ts); absent on attempts from before version 2. */
  checksumVersion?: 1 | 2;
  client: { platform: string | null; version: string | null; ip: string; userAgent: string };
}

const attemptSchema = new Schema<AttemptDoc>(
  {
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    regionCode: { type: String, required: true },
    number: { type: Number, required: true },
    idempotencyKey: { type: String, required: true },
    questionnaire: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, required: true },
    startedAt: { type: Date, default: null },
    submittedAt: { type: Date, required: true },
    changedAnswers: { type: Number, default: null },
    score: { type: Schema.Types.Mixed, required: true },
    checksum: { type: String, required: true },
    checksumVersion: { type: Number },
    client: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'attempts', versionKey: false, minimize: false },
);
attemptSchema.index({ enterpriseId: 1, idempotencyKey: 1 }, { unique: true });
// The atomic guard for attempt numbers (FerretDB's $inc alone is not, see lib/keyedMutex.ts).
attemptSchema.index({ enterpriseId: 1, number: 1 }, { unique: true });
attemptSchema.index({ enterpriseId: 1, submittedAt: 1 });
attemptSchema.index({ campaignId: 1, submittedAt: 1 });

export type AttemptModel = Model<AttemptDoc>;
export const attemptModel = (connection: Connection): AttemptModel => connection.model<AttemptDoc>('Attempt', attemptSchema);

/**
 * The working draft (`_id` = the enterprise's id): answers saved as the user types, with a
 * revision. Carries copies of the key version and window so a save is one conditional update.
 */
export interface DraftDoc {
  _id: Types.ObjectId;
  campaignId: Types.ObjectId;
  keyVersion: number;
  opensAt: Date;
  deadline: Date;
  revision: number;
  answers: Answers;
  clientKey: string;
  startedAt: Date;
  updatedAt: Date | null;
}

const draftSchema = new Schema<DraftDoc>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    keyVersion: { type: Number, required: true },
    opensAt: { type: Date, required: true },
    deadline: { type: Date, required: true },
    revision: { type: Number, default: 0 },
    answers: { type: Schema.Types.Mixed, default: {} },
    clientKey: { type: String, required: true },
    startedAt: { type: Date, required: true },
    updatedAt: { type: Date, default: null },
  },
  { collection: 'drafts', versionKey: false, minimize: false },
);
draftSchema.index({ campaignId: 1 });

export type DraftModel = Model<DraftDoc>;
export const draftModel = (connection: Connection): DraftModel => connection.model<DraftDoc>('Draft', draftSchema);
