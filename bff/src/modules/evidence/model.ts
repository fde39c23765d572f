import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { EvidenceItem, EvidenceKind, EvidenceSetState, EvidenceVerdict } from '@assess/shared';

/**
 * The evidence module's collections (it alone writes them); the files themselves are in the
 * `evidence` GridFS bucket (lib/files.ts).
 *
 * - `evidence_checklists`: one document per campaign × version of the 评审要点 (the national
 *   bureau's items and deadline). A version is fixed (`locked`) once the first upload against it
 *   starts; only its deadline may still move.
 * - `evidence_sets`: ONE document per campaign × enterprise: the enterprise's files per item
 *   (every version kept, replaced ones marked), text answers, the bureaus' marks, 补正 requests,
 *   submitted receipts and the note. Changed under a per-set lease (FerretDB loses concurrent
 *   updates of one document), conditional on its rev.
 * - `evidence_uploads`: one document per resumable upload session; its chunks live in the bucket's
 *   chunks collection under the session's file id until it completes.
 */

export interface EvidenceChecklistDoc {
  /** `${campaignId}:v${version}` */
  _id: string;
  campaignId: Types.ObjectId;
  version: number;
  items: EvidenceItem[];
  deadline: Date;
  locked: boolean;
  updatedAt: Date;
  updatedBy: string;
}

export interface EvidenceFileRecord {
  fileId: string;
  name: string;
  kind: EvidenceKind;
  bytes: number;
  sha256: string;
  uploadedAt: Date;
  replaces: string | null;
  replacedAt: Date | null;
  /** Number of the receipt that first included it; null while unsubmitted. */
  submittedIn: number | null;
}

export interface EvidenceItemRecord {
  files: EvidenceFileRecord[];
  answer: string | null;
  mark: { verdict: EvidenceVerdict; comment: string | null; by: string; at: Date } | null;
}

export interface EvidenceRequestRecord {
  n: number;
  itemIds: string[];
  deadline: Date;
  comment: string;
  by: string;
  at: Date;
}

export interface EvidenceReceiptRecord {
  n: number;
  at: Date;
  digest: string;
  files: Array<{ itemId: string; itemTitle: string; fileId: string; name: string; bytes: number; sha256: string }>;
}

export interface EvidenceSetDoc {
  /** `${campaignId}:${enterpriseId}` */
  _id: string;
  campaignId: Types.ObjectId;
  enterpriseId: string;
  regionCode: string;
  cityCode: string | null;
  checklistVersion: number;
  state: EvidenceSetState;
  rev: number;
  items: Record<string, EvidenceItemRecord>;
  requests: EvidenceRequestRecord[];
  receipts: EvidenceReceiptRecord[];
  note: { text: string; by: string; at: Date } | null;
  updatedAt: Date;
}

export interface EvidenceUploadDoc {
  _id: Types.ObjectId;
  setId: string;
  campaignId: Types.ObjectId;
  enterpriseId: string;
  itemId: string;
  /** The item's accepted kinds when the upload started (the first chunk is checked against them). */
  kinds: EvidenceKind[];
  filename: string;
  bytes: number;
  kind: EvidenceKind;
  chunkBytes: number;
  /** The GridFS file id its chunks are written under. */
  fileId: Types.ObjectId;
  replaces: string | null;
  createdAt: Date;
  expiresAt: Date;
  /** Set once its file is recorded in the set (a repeated complete answers the set again). */
  completedAt: Date | null;
}

const checklistSchema = new Schema<EvidenceChecklistDoc>(
  {
    _id: { type: String },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    items: { type: Schema.Types.Mixed, required: true },
    deadline: { type: Date, required: true },
    locked: { type: Boolean, default: false },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'evidence_checklists', versionKey: false, minimize: false },
);
checklistSchema.index({ campaignId: 1, version: 1 }, { unique: true });

const setSchema = new Schema<EvidenceSetDoc>(
  {
    _id: { type: String },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    enterpriseId: { type: String, required: true },
    regionCode: { type: String, required: true },
    cityCode: { type: String, default: null },
    checklistVersion: { type: Number, required: true },
    state: { type: String, required: true },
    rev: { type: Number, required: true },
    items: { type: Schema.Types.Mixed, default: {} },
    requests: { type: Schema.Types.Mixed, default: [] },
    receipts: { type: Schema.Types.Mixed, default: [] },
    note: { type: Schema.Types.Mixed, default: null },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'evidence_sets', versionKey: false, minimize: false },
);
setSchema.index({ campaignId: 1, regionCode: 1 });

const uploadSchema = new Schema<EvidenceUploadDoc>(
  {
    setId: { type: String, required: true },
    campaignId: { type: Schema.Types.ObjectId, required: true },
    enterpriseId: { type: String, required: true },
    itemId: { type: String, required: true },
    kinds: { type: [String], required: true },
    filename: { type: String, required: true },
    bytes: { type: Number, required: true },
    kind: { type: String, required: true },
    chunkBytes: { type: Number, required: true },
    fileId: { type: Schema.Types.ObjectId, required: true },
    replaces: { type: String, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
  },
  { collection: 'evidence_uploads', versionKey: false, minimize: false },
);
uploadSchema.index({ setId: 1 });

export type EvidenceChecklistModel = Model<EvidenceChecklistDoc>;
export type EvidenceSetModel = Model<EvidenceSetDoc>;
export type EvidenceUploadModel = Model<EvidenceUploadDoc>;

/** The evidence module's models; the composition root hands them to its service alone. */
export function evidenceModels(connection: Connection): { evidenceChecklists: EvidenceChecklistModel; evidenceSets: EvidenceSetModel; evidenceUploads: EvidenceUploadModel } {
  return {
    evidenceChecklists: connection.model<EvidenceChecklistDoc>('EvidenceChecklist', checklistSchema),
    evidenceSets: connection.model<EvidenceSetDoc>('EvidenceSet', setSchema),
    evidenceUploads: connection.model<EvidenceUploadDoc>('EvidenceUpload', uploadSchema),
  };
}

export const checklistId = (campaignId: Types.ObjectId | string, version: number) => `${String(campaignId)}:v${version}`;
export const setId = (campaignId: Types.ObjectId | string, enterpriseId: string) => `${String(campaignId)}:${enterpriseId}`;
