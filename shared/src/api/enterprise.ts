import { z } from 'zod';
import { programmeOutcomeSchema } from './outcome';
import { answersSchema, questionIdSchema } from './answers';
import { tokenPairSchema } from './tokens';

export { tokenPairSchema, type TokenPair } from './tokens';
import { beijingTimeSchema } from './time';

/**
 * The enterprise-facing API contract: request bodies the BFF validates and the mini-program
 * builds, and the response shapes both sides read. Paths are relative to the BFF origin.
 */

/** The QR code's scene: a short random token, ≤32 characters (wxacode.getUnlimited limit). */
export const sceneSchema = z.string().regex(/^[A-Za-z0-9]{8,32}$/).meta({ id: 'Scene', description: '二维码场景值（扫码链接携带，≤32 位字母数字）' });

/** Keys use an alphabet without look-alikes (no 0/O, 1/I/L); users may type lower case or spaces. */
export const KEY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const KEY_LENGTH = 12;
export function normalizeKey(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}
export const keySchema = z.string().min(1).max(64);

export const campaignStateSchema = z.enum(['not_open', 'open', 'closed']).meta({ id: 'CampaignState', description: '测评活动状态：not_open 未开始，open 进行中，closed 已关闭' });
export type CampaignState = z.infer<typeof campaignStateSchema>;

/** GET /api/entry/:scene — what the QR landing page may show before login (nothing secret). */
export const entryInfoSchema = z.object({
  enterprise: z.object({ maskedName: z.string(), regionName: z.string() }),
  campaign: z.object({
    name: z.string(),
    year: z.number().int(),
    opensAt: beijingTimeSchema,
    closesAt: beijingTimeSchema,
    state: campaignStateSchema,
  }),
  serverTime: beijingTimeSchema,
}).meta({ id: 'EntryInfo', description: '扫码落地页可显示的信息（不含任何机密）' });
export type EntryInfo = z.infer<typeof entryInfoSchema>;

export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确').meta({ id: 'ObjectId', description: '24 位十六进制编号' });

/**
 * POST /api/auth/enterprise/login — by QR scene + key (phone) or USCC + key (PC). An enterprise
 * may be in several campaigns; the key picks the one it was issued for, and when it fits more
 * than one the answer is a choice list and the client logs in again naming `campaignId`.
 */
export const enterpriseLoginRequestSchema = z.union([
  z.object({ scene: sceneSchema, key: keySchema }).strict(),
  z.object({ uscc: z.string().min(1).max(32), key: keySchema, campaignId: objectIdSchema.optional() }).strict(),
]).meta({ id: 'EnterpriseLoginRequest', description: '扫码场景值 + 密钥（手机），或统一社会信用代码 + 密钥（电脑）；密钥适用于多个活动时带 campaignId 再登录一次', examples: [{ scene: 'Qm7xK2pV9tLw', key: 'K7QM-2XV9-PL4R' }, { uscc: '91440300MA5FXXXX1X', key: 'K7QM2XV9PL4R' }] });
export type EnterpriseLoginRequest = z.infer<typeof enterpriseLoginRequestSchema>;


/** One campaign the key fits, for the user to choose from. */
export const campaignChoiceSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  year: z.number().int(),
  state: campaignStateSchema,
  closesAt: beijingTimeSchema,
}).meta({ id: 'CampaignChoice' });
export type CampaignChoice = z.infer<typeof campaignChoiceSchema>;

/** The answer to a USCC login whose key fits the enterprise in more than one campaign: no tokens yet. */
export const campaignChoicesSchema = z.object({ choose: z.array(campaignChoiceSchema).min(2) }).meta({ id: 'CampaignChoices', description: '密钥适用于该企业的多个测评活动：请选择其一，带 campaignId 再次登录' });
export type CampaignChoices = z.infer<typeof campaignChoicesSchema>;

export const enterpriseLoginResponseSchema = z.union([tokenPairSchema, campaignChoicesSchema]).meta({ id: 'EnterpriseLoginResponse' });
export type EnterpriseLoginResponse = z.infer<typeof enterpriseLoginResponseSchema>;

export function isCampaignChoices(response: EnterpriseLoginResponse): response is CampaignChoices {
  return 'choose' in response;
}

/**
 * POST /api/auth/refresh. Each refresh token is good for one exchange: the answer carries the
 * next one, and presenting a spent one again ends the whole session (every token it produced).
 */
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(4096) }).strict().meta({ id: 'RefreshRequest', examples: [{ refreshToken: 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2UiOiJyZWZyZXNoIn0.c2lnbmF0dXJl' }] });

/** POST /api/auth/logout — ends the session the refresh token belongs to (enterprise or staff). */
export const logoutRequestSchema = refreshRequestSchema;
export const logoutResponseSchema = z.object({ loggedOut: z.literal(true) }).meta({ id: 'LoggedOut' });

/** A submitted attempt as listed to its enterprise. */
export const attemptSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  submittedAt: beijingTimeSchema,
  total: z.number(),
  /** True for the one attempt that counts now (the last submitted before the deadline). */
  counts: z.boolean(),
}).meta({ id: 'AttemptSummary', description: '已提交的一次测评' });
export type AttemptSummary = z.infer<typeof attemptSummarySchema>;

export const dimensionScoreSchema = z.object({ id: z.string(), title: z.string(), score: z.number(), max: z.number() }).meta({ id: 'DimensionScore' });

/**
 * The receipt: enough to settle a dispute. `checksum` is the hex SHA-256 of the canonical JSON of
 * the fields its `checksumVersion` covers (shared/src/receipt.ts, docs/receipt-checksum.md); anyone
 * holding the receipt and the answers recomputes it (`verifyReceipt`, `npx verify-receipt`).
 */
export const receiptSchema = z
  .object({
    attemptId: z.string(),
    enterpriseId: z.string(),
    number: z.number().int(),
    /** Server receipt time: what decides whether the attempt was in time. */
    submittedAt: beijingTimeSchema,
    total: z.number(),
    base: z.number(),
    bonus: z.number(),
    dimensions: z.array(dimensionScoreSchema),
    questionnaire: z.string(),
    /** 1: who, which attempt, answers, scores. 2 (every attempt since): also the receipt time, the questionnaire version, base and bonus. */
    checksumVersion: z.union([z.literal(1), z.literal(2)]),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({
    id: 'Receipt',
    description:
      '提交回执。checksum = SHA-256（十六进制小写）of 规范 JSON（键按 UTF-16 码元排序、无空白、数字按 JSON 最短形式）。checksumVersion 2 覆盖 {v:2, attemptId, enterpriseId, number, submittedAt, questionnaire, answers, total, base, bonus, dimensions:[{id,score}]}；1 覆盖 {attemptId, enterpriseId, number, answers, total, dimensions:[{id,score}]}。',
  });
export type Receipt = z.infer<typeof receiptSchema>;

/** The working draft: answers saved as the user types, with a revision for conflict detection. */
export const draftSchema = z.object({
  revision: z.number().int().min(0),
  answers: answersSchema,
  startedAt: beijingTimeSchema.nullable(),
  updatedAt: beijingTimeSchema.nullable(),
  /** Set when the draft was changed after the last submit (i.e. there is something to continue). */
  dirty: z.boolean(),
}).meta({ id: 'Draft', description: '工作草稿：边答边保存，revision 用于检测冲突' });
export type Draft = z.infer<typeof draftSchema>;

/** POST /api/attempts — start (or resume) an attempt; idempotent on clientKey. */
export const startAttemptRequestSchema = z.object({ clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict().meta({ id: 'StartAttemptRequest', examples: [{ clientKey: 'c3Fj8kLm2pQx7rTz' }] });

/** PATCH /api/attempts/current/draft — only what changed since `baseRevision`. */
export const saveDraftRequestSchema = z
  .object({
    baseRevision: z.number().int().min(0),
    set: answersSchema.default({}),
    unset: z.array(questionIdSchema).max(400).default([]),
  })
  .strict().meta({ id: 'SaveDraftRequest', description: '只发送自 baseRevision 以来改动的答案', examples: [{ baseRevision: 12, set: { revenue: 12500.5, ctx_external: 'l1' }, unset: ['imp_note'] }] });
export type SaveDraftRequest = z.input<typeof saveDraftRequestSchema>;
export const saveDraftResponseSchema = z.object({ revision: z.number().int(), updatedAt: beijingTimeSchema }).meta({ id: 'SavedDraft' });

/** What makes a submit idempotent: the client's random key, the same on every retry. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).meta({ id: 'IdempotencyKey', description: '幂等键：客户端生成的随机串（8–64 位字母、数字、下划线或连字符），同一次提交的每次重试都相同' });

/** An example answer set (ids of the default questionnaire iso56005-56002@2023), for the document. */
const exampleAnswers = { ctx_external: 'l1', ctx_stakeholders: ['customers', 'suppliers'], overseas_business: false, revenue: 12500.5, imp_note: '每季度召开创新管理评审会' };

/**
 * POST /api/attempts/current/submit — idempotent on the key, sent as the standard
 * `Idempotency-Key` header or as `idempotencyKey` in the body (both: they must agree): a retry
 * returns the same receipt.
 */
export const submitRequestSchema = z
  .object({
    idempotencyKey: idempotencyKeySchema.optional(),
    answers: answersSchema,
    client: z.object({ platform: z.enum(['weapp', 'h5']), version: z.string().max(32).optional() }).strict().optional(),
  })
  .strict()
  .meta({
    id: 'SubmitRequest',
    description: '提交全部答案。幂等键放在请求头 Idempotency-Key 或请求体 idempotencyKey（两处都给时须相同，否则 400）',
    examples: [{ idempotencyKey: 'k7Qm2xV9pL4rT8wZ3nB6', answers: exampleAnswers, client: { platform: 'h5', version: '1.0.0' } }],
  });
/** A submit as the service takes it: the key resolved from the header or the body. */
export type SubmitRequest = z.infer<typeof submitRequestSchema> & { idempotencyKey: string };

export const submitResponseSchema = z.object({
  receipt: receiptSchema,
  /** Whether this attempt is now the one that counts. */
  counts: z.boolean(),
  previous: z.object({ number: z.number().int(), total: z.number() }).nullable(),
}).meta({ id: 'SubmitResponse', description: '提交回执；重试（同一幂等键、同一答案）返回同一回执' });
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
    opensAt: beijingTimeSchema,
    closesAt: beijingTimeSchema,
    /** The enterprise's own deadline: the close, or its extension. */
    deadline: beijingTimeSchema,
    state: campaignStateSchema,
    questionnaire: z.string(),
  }),
  serverTime: beijingTimeSchema,
  attempts: z.array(attemptSummarySchema),
  finalAttemptId: z.string().nullable(),
  draft: z.object({ revision: z.number().int(), startedAt: beijingTimeSchema.nullable(), updatedAt: beijingTimeSchema.nullable(), dirty: z.boolean() }).nullable(),
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
}).meta({ id: 'Me', description: '企业首页所需的全部信息' });
export type MeResponse = z.infer<typeof meResponseSchema>;

export const attemptDetailSchema = z.object({
  receipt: receiptSchema,
  answers: answersSchema,
  counts: z.boolean(),
  startedAt: beijingTimeSchema.nullable(),
}).meta({ id: 'AttemptDetail', description: '一次测评的回执与答案（只读）' });
export type AttemptDetail = z.infer<typeof attemptDetailSchema>;
