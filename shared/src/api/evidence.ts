import { z } from 'zod';
import { EVIDENCE_CHUNK_BYTES, MAX_EVIDENCE_FILE_BYTES } from '../rules/evidence';

/**
 * 示范 evidence materials (issue 17): the national bureau's 评审要点 checklist, an enterprise's
 * set of files and text answers per item, its resumable uploads, and the bureaus' marks, 补正
 * requests and notes. Kept out of the enterprise's main endpoint table (evidenceEndpoints.ts) so
 * the main package does not carry it.
 */

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const code6 = z.string().regex(/^\d{6}$/);
const isoDate = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);

export const evidenceKindSchema = z.enum(['pdf', 'jpeg', 'png']);
export const evidenceItemIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/);
export const evidenceVerdictSchema = z.enum(['sufficient', 'needs_more']);
export const evidenceSetStateSchema = z.enum(['open', 'submitted', 'reopened']);

/** One item of the 评审要点: what is asked, and what may be uploaded for it. */
export const evidenceItemSchema = z
  .object({
    id: evidenceItemIdSchema,
    title: z.string().trim().min(1).max(100),
    ask: text(1_000),
    required: z.boolean(),
    kinds: z.array(evidenceKindSchema).min(1).max(3),
    maxFiles: z.number().int().min(1).max(20),
    maxBytes: z.number().int().min(1_024).max(MAX_EVIDENCE_FILE_BYTES),
    text: z.object({ label: z.string().trim().min(1).max(50), maxLength: z.number().int().min(1).max(5_000), required: z.boolean() }).strict().nullable(),
  })
  .strict();
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

/** The national bureau's checklist for a campaign: a new version while no upload has started; the deadline may move later. */
export const evidenceChecklistInputSchema = z.object({ items: z.array(evidenceItemSchema).min(1).max(50), deadline: isoDate }).strict();
export type EvidenceChecklistInput = z.infer<typeof evidenceChecklistInputSchema>;

export const evidenceChecklistViewSchema = z.object({
  campaignId: z.string(),
  version: z.number(),
  items: z.array(evidenceItemSchema),
  deadline: z.string(),
  /** Fixed once the first upload started. */
  locked: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type EvidenceChecklistView = z.infer<typeof evidenceChecklistViewSchema>;

// ---- the enterprise's set ---------------------------------------------------------------------------

export const evidenceFileViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: evidenceKindSchema,
  bytes: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  /** The file this one replaced (its earlier version, kept). */
  replaces: z.string().nullable(),
  /** Set when a later file replaced this one. */
  replacedAt: z.string().nullable(),
  /** Part of a submitted set: immutable. */
  submitted: z.boolean(),
});
export type EvidenceFileView = z.infer<typeof evidenceFileViewSchema>;

const byline = { by: z.string(), at: z.string() };
export const evidenceMarkViewSchema = z.object({ verdict: evidenceVerdictSchema, verdictLabel: z.string(), comment: z.string().nullable(), ...byline });

export const evidenceItemViewSchema = evidenceItemSchema.extend({
  files: z.array(evidenceFileViewSchema),
  /** Earlier versions, replaced. */
  history: z.array(evidenceFileViewSchema),
  answer: z.string().nullable(),
  progress: z.object({ files: z.number(), textLength: z.number(), complete: z.boolean() }),
  editable: z.boolean(),
  /** Named by the open 补正 request. */
  requested: z.boolean(),
  mark: evidenceMarkViewSchema.nullable(),
});
export type EvidenceItemView = z.infer<typeof evidenceItemViewSchema>;

export const evidenceRequestViewSchema = z.object({ n: z.number(), itemIds: z.array(z.string()), deadline: z.string(), comment: z.string(), ...byline });
export const evidenceReceiptSchema = z.object({
  n: z.number(),
  at: z.string(),
  /** SHA-256 over the receipt's canonical lines (item, file, size, SHA-256). */
  digest: z.string(),
  files: z.array(z.object({ itemId: z.string(), itemTitle: z.string(), fileId: z.string(), name: z.string(), bytes: z.number(), sha256: z.string() })),
});
export type EvidenceReceipt = z.infer<typeof evidenceReceiptSchema>;

export const evidenceSetViewSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  enterprise: z.object({ id: z.string(), name: z.string(), uscc: z.string(), regionCode: z.string(), regionName: z.string(), cityName: z.string() }),
  checklistVersion: z.number(),
  deadline: z.string(),
  state: evidenceSetStateSchema,
  stateLabel: z.string(),
  /** Until when the items open now may change (the checklist's deadline, or the 补正 request's). */
  editableUntil: z.string().nullable(),
  items: z.array(evidenceItemViewSchema),
  missingRequired: z.array(z.string()),
  requests: z.array(evidenceRequestViewSchema),
  receipts: z.array(evidenceReceiptSchema),
  note: z.object({ text: z.string(), ...byline }).nullable(),
  usage: z.object({ bytes: z.number(), maxBytes: z.number() }),
  rev: z.number(),
});
export type EvidenceSetView = z.infer<typeof evidenceSetViewSchema>;

/** What the enterprise's page reads: whether it takes part, and its set. */
export const evidencePageSchema = z.object({ allowed: z.boolean(), reason: z.string().nullable(), set: evidenceSetViewSchema.nullable() });
export type EvidencePage = z.infer<typeof evidencePageSchema>;

export const evidenceAnswerInputSchema = z.object({ answer: z.string().max(5_000) }).strict();
export const evidenceItemParamsSchema = z.object({ itemId: evidenceItemIdSchema });

// ---- resumable uploads -------------------------------------------------------------------------------

export const createUploadInputSchema = z
  .object({
    itemId: evidenceItemIdSchema,
    filename: z.string().trim().min(1).max(200),
    bytes: z.number().int().min(1).max(MAX_EVIDENCE_FILE_BYTES),
    /** The kind the file claims (its media type); the server reads the first chunk's bytes. */
    kind: evidenceKindSchema,
    /** A current file of the item this one replaces. */
    replaces: objectId.optional(),
  })
  .strict();
export type CreateUploadInput = z.infer<typeof createUploadInputSchema>;

export const uploadViewSchema = z.object({
  uploadId: z.string(),
  itemId: z.string(),
  filename: z.string(),
  bytes: z.number(),
  chunkBytes: z.number(),
  chunks: z.number(),
  received: z.array(z.number()),
  expiresAt: z.string(),
});
export type UploadView = z.infer<typeof uploadViewSchema>;
export const chunkAckSchema = z.object({ n: z.number(), bytes: z.number() });

export const uploadParamsSchema = z.object({ uploadId: z.string().regex(/^[0-9a-f]{24}$/) });
export const chunkParamsSchema = uploadParamsSchema.extend({ n: z.coerce.number().int().min(0).max(MAX_EVIDENCE_FILE_BYTES / EVIDENCE_CHUNK_BYTES) });
export const EVIDENCE_CHUNK_MEDIA_TYPES = ['application/octet-stream'] as const;
export const EVIDENCE_FILE_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const evidenceFileParamsSchema = z.object({ fileId: objectId });
/** `inline=1`: shown in the browser rather than saved. */
export const evidenceOwnFileQuerySchema = z.object({ inline: z.enum(['0', '1']).optional() });

// ---- the bureaus ---------------------------------------------------------------------------------------

export const evidenceScopeQuerySchema = z.object({ campaignId: objectId, region: code6.optional(), city: code6.optional() });
export type EvidenceScopeQuery = z.infer<typeof evidenceScopeQuerySchema>;
export const evidenceSetQuerySchema = z.object({ campaignId: objectId });
export const evidenceDownloadQuerySchema = evidenceSetQuerySchema.extend({ inline: z.enum(['0', '1']).optional() });
export const evidenceSetParamsSchema = z.object({ enterpriseId: objectId });
export const evidenceSetFileParamsSchema = evidenceSetParamsSchema.extend({ fileId: objectId });

export const evidenceSetRowSchema = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  uscc: z.string(),
  cityName: z.string(),
  state: evidenceSetStateSchema.nullable(),
  stateLabel: z.string(),
  complete: z.number(),
  items: z.number(),
  needsMore: z.number(),
  submittedAt: z.string().nullable(),
});
export const evidenceSetListSchema = z.object({ rows: z.array(evidenceSetRowSchema), checklistVersion: z.number().nullable(), deadline: z.string().nullable() });
export type EvidenceSetList = z.infer<typeof evidenceSetListSchema>;

export const evidenceMarksInputSchema = z
  .object({ items: z.array(z.object({ itemId: evidenceItemIdSchema, verdict: evidenceVerdictSchema, comment: text(500).nullable().optional() }).strict()).max(50) })
  .strict();
export type EvidenceMarksInput = z.infer<typeof evidenceMarksInputSchema>;
export const evidenceRequestInputSchema = z.object({ itemIds: z.array(evidenceItemIdSchema).max(50), deadline: isoDate, comment: z.string().trim().min(2).max(1_000) }).strict();
export type EvidenceRequestInput = z.infer<typeof evidenceRequestInputSchema>;
export const evidenceNoteInputSchema = z.object({ note: z.string().trim().min(2).max(800) }).strict();
export type EvidenceNoteInput = z.infer<typeof evidenceNoteInputSchema>;
