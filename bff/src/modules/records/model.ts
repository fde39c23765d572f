import { Schema, type Connection, type Model } from 'mongoose';
import type { ReviewPurpose, Title, TitleEventSource, Track } from '@assess/shared';

/**
 * The records module's two collections (it alone writes them):
 *
 * - `enterprise_records`: ONE document per enterprise across the years, keyed by its USCC — its
 *   title history (认定 / 复核通过 / 撤销, each with where it came from), its participation in each
 *   closed campaign (track, final score, line reached, the certified 考核/复核 outcome, the
 *   certification of an application), the names it has carried, and the national bureau's
 *   overrides of the import's track checks. Per-campaign documents (enterprises, results) stay as
 *   they are for the hot paths; this is what the eligibility rules and the history pages read.
 * - `record_closings`: one document per campaign whose close was applied to the records, with the
 *   certified outcomes it applied (so a rebuild can apply it again) and their digest (so applying
 *   the same close twice changes nothing).
 * - `record_journal`: see below.
 */

export type TitleEventOrigin = 'close' | 'history_import' | 'enterprise_import';

export interface RecordTitleEvent {
  title: Title;
  year: number;
  source: TitleEventSource;
  note: string | null;
  origin: TitleEventOrigin;
  /** The campaign whose close (or import) added it; null for the historical titles import. */
  campaignId: string | null;
}

export interface RecordParticipation {
  campaignId: string;
  year: number;
  track: Track;
  regionCode: string;
  submitted: boolean;
  finalScore: number | null;
  reachedLine: boolean | null;
  reviewOutcome: 'pass' | 'fail' | null;
  certified: boolean;
}

export interface RecordOverride {
  campaignId: string;
  year: number;
  track: Track;
  /** The check it overrode (shared `TrackCheck.code`), or 'NONE' when there was none when it was recorded. */
  code: string;
  reason: string;
  by: string;
  at: Date;
}

export interface EnterpriseRecordDoc {
  /** The USCC. */
  _id: string;
  name: string;
  /** The region of its latest campaign (null: known only from the historical titles). */
  regionCode: string | null;
  names: Array<{ name: string; year: number }>;
  titles: RecordTitleEvent[];
  participations: RecordParticipation[];
  overrides: RecordOverride[];
  rev: number;
  updatedAt: Date;
}

/** A close's certified outcomes, by enterprise id (what `applyClose` reads of the publicity module's list). */
export interface ClosingInput {
  certified: Array<{ enterpriseId: string; title: Title }>;
  reviews: Array<{ enterpriseId: string; purpose: ReviewPurpose; line: Title; outcome: 'pass' | 'fail' | 'below_line' }>;
}

export interface RecordClosingDoc {
  /** The campaign id, as hex. */
  _id: string;
  year: number;
  input: ClosingInput;
  digest: string;
  appliedAt: Date;
  by: string;
  enterprises: number;
  events: number;
}

const recordSchema = new Schema<EnterpriseRecordDoc>(
  {
    _id: { type: String },
    name: { type: String, required: true },
    regionCode: { type: String, default: null },
    names: { type: Schema.Types.Mixed, default: [] },
    titles: { type: Schema.Types.Mixed, default: [] },
    participations: { type: Schema.Types.Mixed, default: [] },
    overrides: { type: Schema.Types.Mixed, default: [] },
    rev: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'enterprise_records', versionKey: false, minimize: false },
);

const closingSchema = new Schema<RecordClosingDoc>(
  {
    _id: { type: String },
    year: { type: Number, required: true },
    input: { type: Schema.Types.Mixed, required: true },
    digest: { type: String, required: true },
    appliedAt: { type: Date, required: true },
    by: { type: String, required: true },
    enterprises: { type: Number, required: true },
    events: { type: Number, required: true },
  },
  { collection: 'record_closings', versionKey: false, minimize: false },
);

/**
 * `record_journal`: the records a bulk write is about to replace, written first (one insert per
 * chunk). FerretDB scans the collection for every filtered write, so replacing 2,000 records one
 * by one takes minutes; a bulk write instead deletes them in one statement and inserts them again,
 * and a crash in between is repaired from here (replayed before the next write).
 */
export interface RecordJournalDoc {
  _id: string;
  at: Date;
  docs: EnterpriseRecordDoc[];
}

const journalSchema = new Schema<RecordJournalDoc>(
  {
    _id: { type: String },
    at: { type: Date, required: true },
    docs: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'record_journal', versionKey: false, minimize: false },
);

export type EnterpriseRecordModel = Model<EnterpriseRecordDoc>;
export type RecordJournalModel = Model<RecordJournalDoc>;
export type RecordClosingModel = Model<RecordClosingDoc>;

export function recordModels(connection: Connection): { enterpriseRecords: EnterpriseRecordModel; recordClosings: RecordClosingModel; recordJournal: RecordJournalModel } {
  return {
    enterpriseRecords: connection.model<EnterpriseRecordDoc>('EnterpriseRecord', recordSchema),
    recordClosings: connection.model<RecordClosingDoc>('RecordClosing', closingSchema),
    recordJournal: connection.model<RecordJournalDoc>('RecordJournal', journalSchema),
  };
}
