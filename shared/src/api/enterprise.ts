import { z } from 'zod';
import { programmeOutcomeSchema } from './reviews';
import { answersSchema, questionIdSchema } from './answers';
import { tokenPairSchema } from './tokens';

export { tokenPairSchema, type TokenPair } from './tokens';

/**
 * The enterprise-facing API contract: request bodies the BFF validates and the mini-program
 * builds, and the response shapes both sides read. Paths are relative to the BFF origin.
 */

/** The QR code's scene: a short random token, ≤32 characters (wxacode.getUnlimited limit). */
export const sceneSchema = z.string().regex(/^[A-Za-z0-9]{8,32}$/);

/** Keys use an alphabet without look-alikes (no 0/O, 1/I/L); users may type lower case or spaces. */
export const KEY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const KEY_LENGTH = 12;
export function normalizeKey(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}
export const keySchema = z.string().min(1).max(64);

export const campaignStateSchema = z.enum(['not_open', 'open', 'closed']);
export type CampaignState = z.infer<typeof campaignStateSchema>;

/** GET /api/entry/:scene — what the QR landing page may show before login (nothing secret). */
export const entryInfoSchema = z.object({
  enterprise: z.object({ maskedName: z.string(), regionName: z.string() }),
  campaign: z.object({
    name: z.string(),
    year: z.number().int(),
    opensAt: z.string(),
    closesAt: z.string(),
    state: campaignStateSchema,
  }),
  serverTime: z.string(),
});
export type EntryInfo = z.infer<typeof entryInfoSchema>;

export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');

/**
 * POST /api/auth/enterprise/login — by QR scene + key (phone) or USCC + key (PC). An enterprise
 * may be in several campaigns; the key picks the one it was issued for, and when it fits more
 * than one the answer is a choice list and the client logs in again naming `campaignId`.
 */
export const enterpriseLoginRequestSchema = z.union([
  z.object({ scene: sceneSchema, key: keySchema }).strict(),
  z.object({ uscc: z.string().min(1).max(32), key: keySchema, campaignId: objectIdSchema.optional() }).strict(),
]);
export type EnterpriseLoginRequest = z.infer<typeof enterpriseLoginRequestSchema>;


/** One campaign the key fits, for the user to choose from. */
export const campaignChoiceSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  year: z.number().int(),
  state: campaignStateSchema,
  closesAt: z.string(),
});
export type CampaignChoice = z.infer<typeof campaignChoiceSchema>;

/** The answer to a USCC login whose key fits the enterprise in more than one campaign: no tokens yet. */
export const campaignChoicesSchema = z.object({ choose: z.array(campaignChoiceSchema).min(2) });
export type CampaignChoices = z.infer<typeof campaignChoicesSchema>;

export const enterpriseLoginResponseSchema = z.union([tokenPairSchema, campaignChoicesSchema]);
export type EnterpriseLoginResponse = z.infer<typeof enterpriseLoginResponseSchema>;

export function isCampaignChoices(response: EnterpriseLoginResponse): response is CampaignChoices {
  return 'choose' in response;
}

/**
 * POST /api/auth/refresh. Each refresh token is good for one exchange: the answer carries the
 * next one, and presenting a spent one again ends the whole session (every token it produced).
 */
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(4096) }).strict();

/** POST /api/auth/logout — ends the session the refresh token belongs to (enterprise or staff). */
export const logoutRequestSchema = refreshRequestSchema;
export const logoutResponseSchema = z.object({ loggedOut: z.literal(true) });

/** A submitted attempt as listed to its enterprise. */
export const attemptSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  submittedAt: z.string(),
  total: z.number(),
  /** True for the one attempt that counts now (the last submitted before the deadline). */
  counts: z.boolean(),
});
export type AttemptSummary = z.infer<typeof attemptSummarySchema>;

export const dimensionScoreSchema = z.object({ id: z.string(), title: z.string(), score: z.number(), max: z.number() });

/** The receipt: enough to settle a dispute. `checksum` is recomputable with receiptChecksum(). */
export const receiptSchema = z.object({
  attemptId: z.string(),
  enterpriseId: z.string(),
  number: z.number().int(),
  /** Server receipt time, ISO 8601 with +08:00. */
  submittedAt: z.string(),
  total: z.number(),
  base: z.number(),
  bonus: z.number(),
  dimensions: z.array(dimensionScoreSchema),
  questionnaire: z.string(),
  checksum: z.string(),
});
export type Receipt = z.infer<typeof receiptSchema>;

/** The working draft: answers saved as the user types, with a revision for conflict detection. */
export const draftSchema = z.object({
  revision: z.number().int().min(0),
  answers: answersSchema,
  startedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Set when the draft was changed after the last submit (i.e. there is something to continue). */
  dirty: z.boolean(),
});
export type Draft = z.infer<typeof draftSchema>;

/** POST /api/attempts — start (or resume) an attempt; idempotent on clientKey. */
export const startAttemptRequestSchema = z.object({ clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict();

/** PATCH /api/attempts/current/draft — only what changed since `baseRevision`. */
export const saveDraftRequestSchema = z
  .object({
    baseRevision: z.number().int().min(0),
    set: answersSchema.default({}),
    unset: z.array(questionIdSchema).max(400).default([]),
  })
  .strict();
export type SaveDraftRequest = z.input<typeof saveDraftRequestSchema>;
export const saveDraftResponseSchema = z.object({ revision: z.number().int(), updatedAt: z.string() });

/** POST /api/attempts/current/submit — idempotent on idempotencyKey: a retry returns the same receipt. */
export const submitRequestSchema = z
  .object({
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    answers: answersSchema,
    client: z.object({ platform: z.enum(['weapp', 'h5']), version: z.string().max(32).optional() }).strict().optional(),
  })
  .strict();
export type SubmitRequest = z.infer<typeof submitRequestSchema>;

export const submitResponseSchema = z.object({
  receipt: receiptSchema,
  /** Whether this attempt is now the one that counts. */
  counts: z.boolean(),
  previous: z.object({ number: z.number().int(), total: z.number() }).nullable(),
});
export type SubmitResponse = z.infer<typeof submitResponseSchema>;

/** What the UI shows about drafts open at the close (returned by GET /api/me). */
export const draftPolicy =
  '系统关闭前最后一次提交的成绩为最终成绩；关闭时仍未提交的草稿会被保留，但不计入成绩。' as const;

/** GET /api/me — the enterprise's home screen in one call. */
export const meResponseSchema = z.object({
  enterprise: z.object({ id: z.string(), name: z.string(), uscc: z.string(), regionName: z.string(), track: z.string() }),
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    year: z.number().int(),
    opensAt: z.string(),
    closesAt: z.string(),
    /** The enterprise's own deadline: the close, or its extension. */
    deadline: z.string(),
    state: campaignStateSchema,
    questionnaire: z.string(),
  }),
  serverTime: z.string(),
  attempts: z.array(attemptSummarySchema),
  finalAttemptId: z.string().nullable(),
  draft: z.object({ revision: z.number().int(), startedAt: z.string().nullable(), updatedAt: z.string().nullable(), dirty: z.boolean() }).nullable(),
  policy: z.string(),
  /**
   * After the close (issue 16): the application's outcome (推荐 / 公示中 / 已认定 …) and the 考核/复核
   * results, each only once the national bureau has made it visible. Null before the lines are published.
   */
  programme: programmeOutcomeSchema.nullable(),
  /** After the pass lines are published: the outcome. Null before. */
  outcome: z
    .object({ passLine: z.number(), line: z.enum(['advantage', 'demonstration']), passed: z.boolean(), tier: z.enum(['fail', 'pass', 'excellent']) })
    .nullable(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const attemptDetailSchema = z.object({
  receipt: receiptSchema,
  answers: answersSchema,
  counts: z.boolean(),
  startedAt: z.string().nullable(),
});
export type AttemptDetail = z.infer<typeof attemptDetailSchema>;
