import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Binary } from 'mongodb';
import type { Answers } from '@assess/shared';
import type { TitleHeld, Track } from '../enterprises/model';

export type { ParticipationStatus } from '@assess/shared';
import type { IntegrityEvidence, ParticipationStatus } from '@assess/shared';
export type LineKind = 'advantage' | 'demonstration';

/**
 * The attempt that counts, as a sub-document whose first two fields are the receipt time and
 * the attempt number: `$max: { final }` then keeps the later attempt atomically, on MongoDB and
 * FerretDB alike, because documents compare field by field in order. That is the database's
 * implementation of the shared final-attempt order (`isLaterAttempt`, which `finalAttempt`
 * keeps); `change.test.ts` holds the two equal.
 */
export interface FinalAttempt {
  submittedAt: Date;
  number: number;
  attemptId: Types.ObjectId;
  total: number;
  base: number;
  bonus: number;
  dimensions: Record<string, number>;
}

/** One submitted attempt as the result remembers it: enough for the history and the integrity checks. */
export interface HistoryEntry {
  number: number;
  attemptId: Types.ObjectId;
  submittedAt: Date;
  total: number;
  /** Seconds from starting the draft to submitting (null when unknown). */
  seconds: number | null;
  /** The numeric answers the integrity rules read. */
  facts: Record<string, number>;
  /** Answers changed since the previous attempt (null: a first attempt, or unknown). */
  changed?: number | null;
}

/** An integrity flag as stored: structured evidence (a string in documents from before issue 13). */
export interface StoredFlag {
  code: string;
  attempts: number[];
  evidence: IntegrityEvidence[] | string;
}

/**
 * The print of the latest attempt's answers (shared `answerPrint`), led by its receipt time and
 * number so `$max` keeps the later attempt's, like `final`. The next submit counts its changed
 * answers against it without reading the attempt back.
 */
export interface LastAnswers {
  submittedAt: Date;
  number: number;
  print: Binary;
}

/** A submit the result remembers by idempotency key, with its receipt time (absent in older documents). */
export interface RecentSubmit {
  key: string;
  attemptId: Types.ObjectId;
  at?: Date;
}

/**
 * One small document per enterprise and campaign (`_id` = the enterprise's id). Submits keep it
 * in step with single-document atomic updates; dashboards read it and never the attempts. It also
 * carries copies of what a submit must check (key version, window) so a submit needs no other read.
 */
export interface ResultDoc {
  _id: Types.ObjectId;
  campaignId: Types.ObjectId;
  regionCode: string;
  cityCode: string | null;
  uscc: string;
  name: string;
  track: Track;
  titleHeld: TitleHeld;
  line: LineKind;
  flags: { specialized: boolean; littleGiant: boolean; centralSoe: boolean };
  keyVersion: number;
  opensAt: Date;
  deadline: Date;
  extensionUntil: Date | null;
  status: ParticipationStatus;
  firstLoginAt: Date | null;
  draftStartedAt: Date | null;
  attemptSeq: number;
  /** Idempotency keys of the last submits (the `$ne` filter turns a retry away before it reserves a number). */
  recentKeys: string[];
  recentSubmits: RecentSubmit[];
  history: HistoryEntry[];
  lastSubmittedAt: Date | null;
  final: FinalAttempt | null;
  integrity: StoredFlag[];
  /** Absent on documents from before it was kept, and until a first submit. */
  lastAnswers?: LastAnswers | null;
  /** integrity is not empty (a plain field so the table can filter on it). */
  flagged: boolean;
  /** Raised by every write that changes what the region roster shows (orders roster rows). */
  rev: number;
  updatedAt: Date;
}

const resultSchema = new Schema<ResultDoc>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    regionCode: { type: String, required: true },
    cityCode: { type: String, default: null },
    uscc: { type: String, required: true },
    name: { type: String, required: true },
    track: { type: String, required: true },
    titleHeld: { type: String, required: true },
    line: { type: String, required: true },
    flags: { specialized: Boolean, littleGiant: Boolean, centralSoe: Boolean },
    keyVersion: { type: Number, default: 0 },
    opensAt: { type: Date, required: true },
    deadline: { type: Date, required: true },
    extensionUntil: { type: Date, default: null },
    status: { type: String, default: 'not_started' },
    firstLoginAt: { type: Date, default: null },
    draftStartedAt: { type: Date, default: null },
    attemptSeq: { type: Number, default: 0 },
    recentKeys: { type: [String], default: [] },
    recentSubmits: { type: [{ _id: false, key: String, attemptId: Schema.Types.ObjectId, at: Date }], default: [] },
    history: { type: [{ _id: false, number: Number, attemptId: Schema.Types.ObjectId, submittedAt: Date, total: Number, seconds: Number, facts: Schema.Types.Mixed, changed: Number }], default: [] },
    lastSubmittedAt: { type: Date, default: null },
    final: { type: Schema.Types.Mixed, default: null },
    integrity: { type: [{ _id: false, code: String, attempts: [Number], evidence: Schema.Types.Mixed }], default: [] },
    lastAnswers: { type: Schema.Types.Mixed, default: null },
    flagged: { type: Boolean, default: false },
    rev: { type: Number, default: 0 },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { collection: 'results', versionKey: false },
);
// A region's results are read only to build its roster, and a campaign's by rebuilds and recounts;
// the dashboards filter and sort roster rows, so no index on status or score is kept up at submits.
resultSchema.index({ campaignId: 1, regionCode: 1 });

/** What a result copies of its enterprise (kept in step by imports). */
export type EnterpriseFacts = Pick<ResultDoc, 'uscc' | 'name' | 'regionCode' | 'cityCode' | 'track' | 'titleHeld' | 'line' | 'flags'>;

export type ResultModel = Model<ResultDoc>;
export const resultModel = (connection: Connection): ResultModel => connection.model<ResultDoc>('EnterpriseResult', resultSchema);

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
// The atomic guard for attempt numbers across instances (FerretDB's $inc alone is not, see lib/keyedMutex.ts).
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
  /** Null until the first save; absent instead on FerretDB, which drops a null that an upsert's `$setOnInsert` writes. */
  updatedAt?: Date | null;
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
