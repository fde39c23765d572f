import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Binary } from 'mongodb';
import type { ResultDoc } from './model';
import type { RosterRow } from './roster';

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
