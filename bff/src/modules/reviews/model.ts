import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Binary } from 'mongodb';
import type { PackageState, StaffRole } from '@assess/shared';

/**
 * The reviews module's three collections (it alone writes them):
 *
 * - `review_regions`: ONE document per campaign × region, the local bureau's current work — 初核
 *   decisions and city proposals, applicant reviews, the two recommendation lists, the 评审情况
 *   summary, the package's state and version — as gzipped JSON in `state` (like region_rosters: on
 *   FerretDB a read costs per field and byte, and the largest region has ~2,500 enterprises), with
 *   the few fields the national table reads beside it in the clear.
 * - `review_events`: the append-only history, one document per change (who, when, what, why, the
 *   change itself); never updated or deleted. Unique on (key, rev): see store.ts for why the event
 *   is written before the state.
 * - `review_packages`: one document per submitted version, its snapshot immutable (gzipped
 *   canonical JSON and its SHA-256), to which the generated PDF's file, the sealed scans and the
 *   national bureau's decision are added.
 */

/** What the national table reads without unpacking a region's state. */
export interface PackageFields {
  packageState: PackageState;
  version: number;
  submittedAt: Date | null;
  documentNumber: string | null;
  digest: string | null;
  counts: { advantage: number; demonstration: number; outsideQuota: number; reviewPassed: number };
  scans: number;
}

export interface ReviewRegionDoc extends PackageFields {
  /** `${campaignId}:${regionCode}` */
  _id: string;
  campaignId: Types.ObjectId;
  regionCode: string;
  /** Raised by every change; equals the rev of the last event applied. */
  rev: number;
  state: Binary;
  updatedAt: Date;
}

export interface ReviewActorRef {
  id: string;
  role: StaffRole;
  cityCode: string | null;
  ip: string | null;
}

export interface ReviewEventDoc {
  _id: Types.ObjectId;
  key: string;
  campaignId: Types.ObjectId;
  regionCode: string;
  rev: number;
  at: Date;
  action: string;
  actor: ReviewActorRef;
  /** The change, as path → value (null removes): replaying it onto the state before gives the state after. */
  ops: Array<{ path: string[]; value: unknown }>;
  /** Writes to review_packages the change makes (idempotent, so a roll-forward can repeat them). */
  effects: ReviewEffect[];
  /** In Chinese, for the history view. */
  what: string;
  reason: string | null;
  details: Record<string, unknown>;
}

export interface ScanRecord {
  n: number;
  fileId: string;
  kind: 'pdf' | 'jpeg' | 'png';
  bytes: number;
  sha256: string;
  by: string;
  at: Date;
}

export interface PackageDecision {
  kind: 'returned' | 'confirmed';
  reason: string | null;
  by: string;
  at: Date;
}

export interface ReviewPackageDoc {
  /** `${campaignId}:${regionCode}:v${version}` */
  _id: string;
  key: string;
  campaignId: Types.ObjectId;
  regionCode: string;
  version: number;
  documentNumber: string;
  digest: string;
  /** gzipped canonical JSON of the PackageSnapshot (its SHA-256 is `digest`). */
  snapshot: Binary;
  submittedAt: Date;
  submittedBy: string;
  pdfFileId: string | null;
  scans: ScanRecord[];
  decision: PackageDecision | null;
}

/**
 * A write review_packages needs, recorded on the event that makes it; each is idempotent, so a
 * roll-forward may repeat it (times as ISO strings: the event stores them as written).
 */
export type ReviewEffect =
  | { kind: 'insertPackage'; doc: Omit<ReviewPackageDoc, 'submittedAt'> & { submittedAt: string } }
  | { kind: 'decidePackage'; packageId: string; decision: Omit<PackageDecision, 'at'> & { at: string } }
  | { kind: 'addScan'; packageId: string; scan: Omit<ScanRecord, 'at'> & { at: string } };

const regionSchema = new Schema<ReviewRegionDoc>(
  {
    _id: { type: String },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    regionCode: { type: String, required: true },
    rev: { type: Number, required: true },
    state: { type: Buffer, required: true },
    packageState: { type: String, required: true },
    version: { type: Number, required: true },
    submittedAt: { type: Date, default: null },
    documentNumber: { type: String, default: null },
    digest: { type: String, default: null },
    counts: { type: Schema.Types.Mixed, default: {} },
    scans: { type: Number, default: 0 },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'review_regions', versionKey: false, minimize: false },
);
regionSchema.index({ campaignId: 1 });

const eventSchema = new Schema<ReviewEventDoc>(
  {
    key: { type: String, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    regionCode: { type: String, required: true },
    rev: { type: Number, required: true },
    at: { type: Date, required: true },
    action: { type: String, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    ops: { type: Schema.Types.Mixed, default: [] },
    effects: { type: Schema.Types.Mixed, default: [] },
    what: { type: String, default: '' },
    reason: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'review_events', versionKey: false, minimize: false },
);
// The write-ahead guard: one event per (region state, rev), whatever the instance.
eventSchema.index({ key: 1, rev: 1 }, { unique: true });

const packageSchema = new Schema<ReviewPackageDoc>(
  {
    _id: { type: String },
    key: { type: String, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    regionCode: { type: String, required: true },
    version: { type: Number, required: true },
    documentNumber: { type: String, required: true },
    digest: { type: String, required: true },
    snapshot: { type: Buffer, required: true },
    submittedAt: { type: Date, required: true },
    submittedBy: { type: String, required: true },
    pdfFileId: { type: String, default: null },
    scans: { type: Schema.Types.Mixed, default: [] },
    decision: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'review_packages', versionKey: false, minimize: false },
);
packageSchema.index({ campaignId: 1, regionCode: 1, version: 1 }, { unique: true });

export type ReviewRegionModel = Model<ReviewRegionDoc>;
export type ReviewEventModel = Model<ReviewEventDoc>;
export type ReviewPackageModel = Model<ReviewPackageDoc>;

/** The reviews module's three models; the composition root hands them to its store alone. */
export function reviewModels(connection: Connection): { reviewRegions: ReviewRegionModel; reviewEvents: ReviewEventModel; reviewPackages: ReviewPackageModel } {
  return {
    reviewRegions: connection.model<ReviewRegionDoc>('ReviewRegion', regionSchema),
    reviewEvents: connection.model<ReviewEventDoc>('ReviewEvent', eventSchema),
    reviewPackages: connection.model<ReviewPackageDoc>('ReviewPackage', packageSchema),
  };
}

export const reviewKey = (campaignId: Types.ObjectId | string, regionCode: string) => `${String(campaignId)}:${regionCode}`;
export const packageId = (key: string, version: number) => `${key}:v${version}`;
