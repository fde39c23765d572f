import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Binary } from 'mongodb';
import type { ReviewPurpose, Title } from '@assess/shared';

/**
 * `publicity`: one document per campaign, the national bureau's part after the packages are
 * confirmed (国知办函运字〔2023〕572号 二(三): 审核确认，经公示无异议后，发文予以认定) — the 公示 period,
 * the list it shows (fixed when the period is set, from the confirmed packages), the objections
 * received (append-only; each gets one outcome), and the certification (the 认定名单 and review
 * results, fixed with their digest). Only this module writes it; it reads packages through the
 * reviews module.
 */

/** An enterprise proposed for a title, as the 公示 lists it. */
export interface ListedEntry {
  enterpriseId: string;
  name: string;
  uscc: string;
  regionCode: string;
  title: Title;
  place: number | null;
  centralSoe: boolean;
}

/** A 考核/复核 result from a confirmed package. */
export interface ListedReview {
  enterpriseId: string;
  name: string;
  uscc: string;
  regionCode: string;
  purpose: ReviewPurpose;
  line: Title;
  outcome: 'pass' | 'fail' | 'below_line';
}

export interface PublicityList {
  entries: ListedEntry[];
  reviewResults: ListedReview[];
  packages: Array<{ regionCode: string; version: number; documentNumber: string; digest: string }>;
}

export interface ObjectionRecord {
  id: string;
  enterpriseId: string | null;
  from: string;
  receivedAt: Date;
  content: string;
  recordedBy: string;
  recordedAt: Date;
  outcome: { decision: 'upheld' | 'dismissed'; note: string; by: string; at: Date } | null;
}

export interface PublicityDoc {
  /** The campaign id, as hex. */
  _id: string;
  campaignId: Types.ObjectId;
  rev: number;
  period: { startsAt: Date; endsAt: Date; by: string; at: Date } | null;
  /** gzipped JSON PublicityList, fixed when the period was set. */
  listed: Binary | null;
  listedDigest: string | null;
  objections: ObjectionRecord[];
  certification: { certifiedAt: Date; by: string; digest: string; counts: { advantage: number; demonstration: number; reviewPassed: number } } | null;
  /** gzipped JSON PublicityList: the 认定名单 (upheld objections taken out) and the review results. */
  certified: Binary | null;
  /** Every change to the period (append-only). */
  changes: Array<{ at: Date; by: string; action: string; details: Record<string, unknown> }>;
  updatedAt: Date;
}

const publicitySchema = new Schema<PublicityDoc>(
  {
    _id: { type: String },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    rev: { type: Number, required: true },
    period: { type: Schema.Types.Mixed, default: null },
    listed: { type: Buffer, default: null },
    listedDigest: { type: String, default: null },
    objections: { type: Schema.Types.Mixed, default: [] },
    certification: { type: Schema.Types.Mixed, default: null },
    certified: { type: Buffer, default: null },
    changes: { type: Schema.Types.Mixed, default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'publicity', versionKey: false, minimize: false },
);

export type PublicityModel = Model<PublicityDoc>;
export const publicityModel = (connection: Connection): PublicityModel => connection.model<PublicityDoc>('Publicity', publicitySchema);
