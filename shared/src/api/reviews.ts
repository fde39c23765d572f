import { z } from 'zod';
import { scopeViewSchema } from './dashboard';
import { staffRoleSchema } from './roles';
import { publicityPhaseSchema, reviewOutcomeSchema, reviewPurposeSchema, titleSchema } from './outcome';

export { programmeOutcomeSchema, publicityPhaseSchema, reviewOutcomeSchema, reviewPurposeSchema, titleSchema, type ProgrammeOutcome } from './outcome';

/**
 * After the close (issue 16): the contract of the local bureau's working page (初核, 评审, 推荐名单,
 * 上报), the national bureau's package confirmation, 公示 and 认定, and the public 公示 page. The
 * BFF validates with these schemas and the pages type their calls with them.
 */

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const code6 = z.string().regex(/^\d{6}$/);
const isoDate = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);

export const packageStateSchema = z.enum(['not_started', 'draft', 'submitted', 'returned', 'confirmed']);

/** Most enterprises one request may touch: the largest region has about 2,500. (An empty batch changes nothing.) */
export const MAX_REVIEW_ITEMS = 3_000;

// ---- what a bureau writes -----------------------------------------------------------------------

/** A batch of per-enterprise edits: `{ items: [...] }`, strict at both levels, at most MAX_REVIEW_ITEMS. */
function batchOf<Shape extends z.ZodRawShape>(item: Shape) {
  return z.object({ items: z.array(z.object(item).strict()).max(MAX_REVIEW_ITEMS) }).strict();
}

/** 初核 decisions (a city bureau's become proposals for the region). `outcome: null` withdraws one. */
export const reviewDecisionsInputSchema = batchOf({
  enterpriseId: objectId,
  purpose: reviewPurposeSchema,
  outcome: reviewOutcomeSchema.nullable(),
  reason: text(500).optional(),
});
export type ReviewDecisionsInput = z.infer<typeof reviewDecisionsInputSchema>;

/** The bureau's review of applicants above the line: a score and/or an opinion, both optional (each bureau chooses its method). */
export const applicantReviewsInputSchema = batchOf({
  enterpriseId: objectId,
  score: z.number().min(0).max(100).multipleOf(0.01).nullable(),
  opinion: text(1000).nullable(),
});
export type ApplicantReviewsInput = z.infer<typeof applicantReviewsInputSchema>;

/** One title's recommendation list, whole (the draft is replaced). */
export const recommendationListInputSchema = z
  .object({
    title: titleSchema,
    entries: z.array(z.object({ enterpriseId: objectId, priorityReason: text(500).nullable().optional() }).strict()).max(MAX_REVIEW_ITEMS),
  })
  .strict();
export type RecommendationListInput = z.infer<typeof recommendationListInputSchema>;

export const reviewSummaryInputSchema = z.object({ summary: z.string().max(5_000) }).strict();
export type ReviewSummaryInput = z.infer<typeof reviewSummaryInputSchema>;

/** The region takes its cities' proposals (decisions and applicant reviews) for these enterprises as its own. */
export const confirmProposalsInputSchema = z.object({ enterpriseIds: z.array(objectId).max(MAX_REVIEW_ITEMS) }).strict();
export type ConfirmProposalsInput = z.infer<typeof confirmProposalsInputSchema>;

/** Submit (上报): `rev` is the state the bureau looked at, so it never submits what it has not seen. */
export const submitPackageInputSchema = z.object({ rev: z.number().int().min(0) }).strict();

export const packageQuerySchema = z.object({
  campaignId: objectId,
  region: code6.optional(),
  city: code6.optional(),
  /** A submitted version; the latest when absent. */
  version: z.coerce.number().int().min(1).max(1_000).optional(),
});
export type PackageQuery = z.infer<typeof packageQuerySchema>;

export const scanQuerySchema = packageQuerySchema.extend({ n: z.coerce.number().int().min(1).max(100).optional() });

/** What a sealed scan is stored as: a PDF or a photo of each page, the kind read from its bytes. */
export const SCAN_FILE_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** What an upload of a scan may be labelled (a browser that cannot tell says octet-stream; the bytes decide). */
export const SCAN_UPLOAD_MEDIA_TYPES = [...SCAN_FILE_MEDIA_TYPES, 'application/octet-stream'] as const;
export type ScanUploadMediaType = (typeof SCAN_UPLOAD_MEDIA_TYPES)[number];

// ---- national -------------------------------------------------------------------------------------

export const confirmPackageInputSchema = z.object({ regionCode: code6, version: z.number().int().min(1).max(1_000) }).strict();
export const returnPackageInputSchema = confirmPackageInputSchema.extend({ reason: z.string().trim().min(2).max(1_000) }).strict();

export const quotaEditInputSchema = z
  .object({
    regionCode: code6,
    advantage: z.number().int().min(0).max(10_000),
    demonstration: z.number().int().min(0).max(10_000),
    reason: z.string().trim().min(2).max(500),
  })
  .strict();
export type QuotaEditInput = z.infer<typeof quotaEditInputSchema>;

export const publicityPeriodInputSchema = z.object({ startsAt: isoDate, endsAt: isoDate }).strict();
export type PublicityPeriodInput = z.infer<typeof publicityPeriodInputSchema>;

export const objectionInputSchema = z
  .object({
    /** The enterprise on the list it concerns (null: the list as a whole). */
    enterpriseId: objectId.nullable(),
    from: z.string().trim().min(1).max(200),
    receivedAt: isoDate,
    content: z.string().trim().min(2).max(2_000),
  })
  .strict();
export type ObjectionInput = z.infer<typeof objectionInputSchema>;

export const objectionDecisionInputSchema = z
  .object({ objectionId: z.string().regex(/^[0-9a-f]{16}$/), outcome: z.enum(['upheld', 'dismissed']), note: z.string().trim().min(2).max(1_000) })
  .strict();
export type ObjectionDecisionInput = z.infer<typeof objectionDecisionInputSchema>;

// ---- what the pages read --------------------------------------------------------------------------

const byline = { by: z.string(), byRole: staffRoleSchema, at: z.string() };
export const decisionViewSchema = z.object({ outcome: reviewOutcomeSchema, reason: z.string().nullable(), ...byline, cityCode: z.string().nullable() });
export const applicantReviewViewSchema = z.object({ score: z.number().nullable(), opinion: z.string().nullable(), ...byline, cityCode: z.string().nullable() });

export const listIssueSchema = z.object({ code: z.string(), enterpriseId: z.string().nullable(), message: z.string() });
export type ListIssueView = z.infer<typeof listIssueSchema>;

export const holderRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  cityCode: z.string().nullable(),
  cityName: z.string(),
  track: z.string(),
  trackLabel: z.string(),
  titleHeld: z.string(),
  total: z.number().nullable(),
  judgements: z.array(
    z.object({
      purpose: reviewPurposeSchema,
      purposeLabel: z.string(),
      line: titleSchema,
      passLine: z.number(),
      reachedLine: z.boolean(),
      decision: decisionViewSchema.nullable(),
      proposal: decisionViewSchema.nullable(),
    }),
  ),
});
export type HolderRow = z.infer<typeof holderRowSchema>;

export const applicantRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  cityCode: z.string().nullable(),
  cityName: z.string(),
  total: z.number(),
  specialized: z.boolean(),
  centralSoe: z.boolean(),
  /** Place against the quota in recommendation order (shared rankForQuota); null for a central SOE. */
  place: z.number().nullable(),
  withinQuota: z.boolean(),
  review: applicantReviewViewSchema.nullable(),
  reviewProposal: applicantReviewViewSchema.nullable(),
  onList: z.boolean(),
  priorityReason: z.string().nullable(),
});
export type ApplicantRow = z.infer<typeof applicantRowSchema>;

export const listViewSchema = z.object({
  title: titleSchema,
  passLine: z.number(),
  quota: z.number(),
  entries: z.array(z.object({ enterpriseId: z.string(), priorityReason: z.string().nullable() })),
  placesUsed: z.number(),
  outsideQuota: z.number(),
  specializedLeftOut: z.array(z.string()),
  issues: z.array(listIssueSchema),
});
export type ListView = z.infer<typeof listViewSchema>;

export const packageStatusSchema = z.object({
  state: packageStateSchema,
  stateLabel: z.string(),
  /** The latest submitted version (0: never submitted). */
  version: z.number(),
  submittedAt: z.string().nullable(),
  documentNumber: z.string().nullable(),
  digest: z.string().nullable(),
  returnedReason: z.string().nullable(),
});
export type PackageStatus = z.infer<typeof packageStatusSchema>;

export const workPageSchema = z.object({
  scope: scopeViewSchema,
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  /** Open once the pass lines are published and the window has closed; `closedReason` says why not. */
  open: z.boolean(),
  closedReason: z.string().nullable(),
  passLines: z.object({ advantage: z.number().nullable(), demonstration: z.number().nullable() }),
  quota: z.object({ advantage: z.number(), demonstration: z.number() }),
  quotaBasis: z.string(),
  /** What this caller may do now (a city proposes; only the region decides lists and submits). */
  can: z.object({ decide: z.boolean(), propose: z.boolean(), editLists: z.boolean(), submit: z.boolean(), uploadScan: z.boolean(), readPackage: z.boolean() }),
  /** Raised by every change: the submit names the one it was shown. */
  rev: z.number(),
  package: packageStatusSchema,
  holders: z.array(holderRowSchema),
  applicants: z.object({ advantage: z.array(applicantRowSchema), demonstration: z.array(applicantRowSchema) }),
  belowLine: z.object({ advantage: z.number(), demonstration: z.number() }),
  lists: z.array(listViewSchema),
  summary: z.string(),
  pendingProposals: z.number(),
  /** What still blocks the submit (empty: the package can be submitted). */
  issues: z.array(listIssueSchema),
});
export type WorkPage = z.infer<typeof workPageSchema>;

// ---- the package (上报材料) ------------------------------------------------------------------------

export const packageListEntrySchema = z.object({
  place: z.number().nullable(),
  enterpriseId: z.string(),
  name: z.string(),
  uscc: z.string(),
  cityName: z.string(),
  track: z.string(),
  total: z.number(),
  specialized: z.boolean(),
  centralSoe: z.boolean(),
  reviewScore: z.number().nullable(),
  reviewOpinion: z.string().nullable(),
  priorityReason: z.string().nullable(),
});
export type PackageListEntry = z.infer<typeof packageListEntrySchema>;

export const packageReviewResultSchema = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  uscc: z.string(),
  cityName: z.string(),
  track: z.string(),
  titleHeld: z.string(),
  purpose: reviewPurposeSchema,
  line: titleSchema,
  passLine: z.number(),
  total: z.number().nullable(),
  outcome: z.enum(['pass', 'fail', 'below_line']),
  reason: z.string().nullable(),
});
export type PackageReviewResult = z.infer<typeof packageReviewResultSchema>;

/** Exactly what was submitted; its canonical-JSON SHA-256 is the digest printed on every page of the PDF. */
export const packageSnapshotSchema = z.object({
  format: z.literal('iso56005-recommendation-package@1'),
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  region: z.object({ code: z.string(), name: z.string() }),
  version: z.number(),
  documentNumber: z.string(),
  passLines: z.object({ advantage: z.number(), demonstration: z.number() }),
  quota: z.object({ advantage: z.number(), demonstration: z.number() }),
  lists: z.object({ advantage: z.array(packageListEntrySchema), demonstration: z.array(packageListEntrySchema) }),
  reviewResults: z.array(packageReviewResultSchema),
  summary: z.string(),
  submittedAt: z.string(),
  submittedBy: z.string(),
});
export type PackageSnapshot = z.infer<typeof packageSnapshotSchema>;

export const packageDecisionViewSchema = z.object({ kind: z.enum(['returned', 'confirmed']), reason: z.string().nullable(), by: z.string(), at: z.string() });
/** What the national bureau's confirmation or return of a region's package answers. */
export const packageDecisionResultSchema = z.object({ state: packageStateSchema, stateLabel: z.string(), version: z.number() });
export const scanViewSchema = z.object({ n: z.number(), kind: z.enum(['pdf', 'jpeg', 'png']), bytes: z.number(), sha256: z.string(), by: z.string(), at: z.string() });

export const packageVersionSchema = z.object({
  version: z.number(),
  documentNumber: z.string(),
  digest: z.string(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  decision: packageDecisionViewSchema.nullable(),
  scans: z.array(scanViewSchema),
});

export const packageViewSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  state: packageStateSchema,
  stateLabel: z.string(),
  versions: z.array(packageVersionSchema),
  /** The version asked for (the latest by default), whole. */
  snapshot: packageSnapshotSchema.nullable(),
});
export type PackageView = z.infer<typeof packageViewSchema>;

export const packagesTableSchema = z.object({
  rows: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      state: packageStateSchema,
      stateLabel: z.string(),
      version: z.number(),
      submittedAt: z.string().nullable(),
      documentNumber: z.string().nullable(),
      digest: z.string().nullable(),
      counts: z.object({ advantage: z.number(), demonstration: z.number(), outsideQuota: z.number(), reviewPassed: z.number() }),
      quota: z.object({ advantage: z.number(), demonstration: z.number() }),
      scans: z.number(),
    }),
  ),
  byState: z.record(z.string(), z.number()),
});
export type PackagesTable = z.infer<typeof packagesTableSchema>;

export const reviewEventViewSchema = z.object({ rev: z.number(), action: z.string(), by: z.string(), byRole: z.string(), at: z.string(), what: z.string(), reason: z.string().nullable() });
export const reviewHistorySchema = z.object({ events: z.array(reviewEventViewSchema) });

// ---- 公示 and 认定 --------------------------------------------------------------------------------

export const objectionViewSchema = z.object({
  id: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  from: z.string(),
  receivedAt: z.string(),
  content: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  outcome: z.object({ decision: z.enum(['upheld', 'dismissed']), note: z.string(), by: z.string(), at: z.string() }).nullable(),
});

export const publicityViewSchema = z.object({
  campaignId: z.string(),
  phase: publicityPhaseSchema,
  phaseLabel: z.string(),
  period: z.object({ startsAt: z.string(), endsAt: z.string(), by: z.string(), at: z.string() }).nullable(),
  /** What the public page lists (fixed when the period was set). */
  listed: z.object({
    advantage: z.number(),
    demonstration: z.number(),
    regions: z.array(z.string()),
    digest: z.string().nullable(),
    /** Who is on it (an objection names one of them). */
    enterprises: z.array(z.object({ enterpriseId: z.string(), name: z.string(), regionCode: z.string(), title: titleSchema })),
  }),
  confirmedRegions: z.number(),
  objections: z.array(objectionViewSchema),
  certification: z
    .object({ certifiedAt: z.string(), by: z.string(), digest: z.string(), counts: z.object({ advantage: z.number(), demonstration: z.number(), reviewPassed: z.number() }) })
    .nullable(),
});
export type PublicityView = z.infer<typeof publicityViewSchema>;

export const publicEnterpriseSchema = z.object({ name: z.string(), uscc: z.string() });
export const publicPublicitySchema = z.object({
  campaign: z.object({ name: z.string(), year: z.number() }),
  phase: publicityPhaseSchema,
  phaseLabel: z.string(),
  period: z.object({ startsAt: z.string(), endsAt: z.string() }),
  /** true: the lists are the certified ones (认定名单), objections upheld taken out. */
  certified: z.boolean(),
  titles: z.array(z.object({ title: titleSchema, label: z.string(), count: z.number(), regions: z.array(z.object({ regionCode: z.string(), regionName: z.string(), enterprises: z.array(publicEnterpriseSchema) })) })),
  note: z.string(),
});
export type PublicPublicity = z.infer<typeof publicPublicitySchema>;

/** What an enterprise is told on its home page, as far as the national bureau has made it visible. */

export const quotaTableViewSchema = z.object({
  year: z.number(),
  basis: z.string(),
  advantageCap: z.number().nullable(),
  rows: z.array(z.object({ regionCode: z.string(), advantage: z.number(), demonstration: z.number() })),
});
