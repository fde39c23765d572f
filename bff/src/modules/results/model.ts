import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Binary } from 'mongodb';
import type { TitleHeld, Track } from '../enterprises/model';
import type { RosterRow } from './roster';

export type { ParticipationStatus } from '@assess/shared';
import type { IntegrityEvidence, ParticipationStatus } from '@assess/shared';
export type LineKind = 'advantage' | 'demonstration';

/**
 * The attempt that counts, as a sub-document whose first two fields are the receipt time and
 * the attempt number: `$max: { final }` then keeps the later attempt atomically, on MongoDB and
 * FerretDB alike, because documents compare field by field in order.
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
  recentSubmits: Array<{ key: string; attemptId: Types.ObjectId }>;
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
    recentSubmits: { type: [{ _id: false, key: String, attemptId: Schema.Types.ObjectId }], default: [] },
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

export type ResultModel = Model<ResultDoc>;
export const resultModel = (connection: Connection): ResultModel => connection.model<ResultDoc>('EnterpriseResult', resultSchema);

/**
 * Per campaign and region, counts kept in step at each submit (and recomputable from the
 * results by `rebuildSummaries`), so the national table reads 37 small documents.
 * `hist[histKey][bucket]`: finals by pass line and track (`advantage__apply_advantage`) in
 * 0.1-point buckets (bucket = floor(total × 10)), which gives exact pass counts per line and per
 * track (quotas concern applicants only) for any pass line set to 0.1 precision.
 */
export interface RegionSummaryDoc {
  _id: string;
  campaignId: Types.ObjectId;
  regionCode: string;
  enterprises: number;
  byTrack: Record<string, number>;
  loggedIn: number;
  submitted: number;
  attempts: number;
  scoreSum: number;
  dimSums: Record<string, number>;
  hist: Record<string, Record<string, number>>;
  /** The compactor batch folded in last: its deltas may still exist but are already counted. */
  lastBatch: string | null;
  updatedAt: Date;
}

const regionSummarySchema = new Schema<RegionSummaryDoc>(
  {
    _id: { type: String, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    regionCode: { type: String, required: true },
    enterprises: { type: Number, default: 0 },
    byTrack: { type: Schema.Types.Mixed, default: {} },
    loggedIn: { type: Number, default: 0 },
    submitted: { type: Number, default: 0 },
    attempts: { type: Number, default: 0 },
    scoreSum: { type: Number, default: 0 },
    dimSums: { type: Schema.Types.Mixed, default: {} },
    hist: { type: Schema.Types.Mixed, default: {} },
    lastBatch: { type: String, default: null },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { collection: 'region_summaries', versionKey: false, minimize: false },
);
regionSummarySchema.index({ campaignId: 1, regionCode: 1 }, { unique: true });

export type RegionSummaryModel = Model<RegionSummaryDoc>;
export const regionSummaryModel = (connection: Connection): RegionSummaryModel =>
  connection.model<RegionSummaryDoc>('RegionSummary', regionSummarySchema);

/**
 * What one event (a submit, a first login) changes in a region summary, appended as its own
 * document. Concurrent `$inc`s on one summary lose updates on FerretDB (see lib/keyedMutex.ts),
 * inserts never do; one compactor at a time folds deltas into the summaries. Paths are stored
 * as values because field names may not contain dots.
 */
export interface SummaryDeltaDoc {
  _id: Types.ObjectId;
  summaryId: string;
  campaignId: Types.ObjectId;
  regionCode: string;
  inc: Array<{ p: string; v: number }>;
  /** The enterprise's roster row after the event, when the event changed it. */
  row?: RosterRow;
  /** Set by the compactor when it takes the delta into a batch. */
  batch?: string;
}

const summaryDeltaSchema = new Schema<SummaryDeltaDoc>(
  {
    summaryId: { type: String, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    regionCode: { type: String, required: true },
    inc: [{ _id: false, p: String, v: Number }],
    row: { type: Schema.Types.Mixed, default: undefined },
  },
  { collection: 'summary_deltas', versionKey: false },
);
summaryDeltaSchema.index({ campaignId: 1 });

export type SummaryDeltaModel = Model<SummaryDeltaDoc>;
export const summaryDeltaModel = (connection: Connection): SummaryDeltaModel => connection.model<SummaryDeltaDoc>('SummaryDelta', summaryDeltaSchema);

/**
 * A region's roster: every enterprise's row (see roster.ts), kept by the compactor from the
 * deltas' rows and read by the region dashboards with one lookup. The rows are packed into one
 * binary field (`packRows`): FerretDB converts a document field by field and byte by byte, and
 * 2,500 rows took 180 ms to read as sub-documents, 107–134 ms as one JSON string and 10 ms as
 * gzipped JSON (measured); MongoDB does not mind either way.
 */
export interface RegionRosterDoc {
  _id: string;
  campaignId: Types.ObjectId;
  regionCode: string;
  /** Gzipped JSON of RosterRow[] (packRows / unpackRows): the base. */
  rows: Binary;
  /** Rows changed since the base was last written, newer than theirs there (merged in past a limit). */
  recent: Binary | null;
  /** Raised by each write; writes are conditional on it. */
  version: number;
  updatedAt: Date;
}

const regionRosterSchema = new Schema<RegionRosterDoc>(
  {
    _id: { type: String, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    regionCode: { type: String, required: true },
    rows: { type: Buffer, required: true },
    recent: { type: Buffer, default: null },
    version: { type: Number, default: 0 },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { collection: 'region_rosters', versionKey: false },
);
regionRosterSchema.index({ campaignId: 1 });

export type RegionRosterModel = Model<RegionRosterDoc>;
export const regionRosterModel = (connection: Connection): RegionRosterModel => connection.model<RegionRosterDoc>('RegionRoster', regionRosterSchema);

export const summaryId = (campaignId: Types.ObjectId | string, regionCode: string): string => `${String(campaignId)}:${regionCode}`;
export const histKey = (result: Pick<ResultDoc, 'line' | 'track'>): string => `${result.line}__${result.track}`;
export const scoreBucket = (total: number): number => Math.floor(Math.round(total * 100) / 10);
