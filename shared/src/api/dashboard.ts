import { z } from 'zod';
import { beijingTimeSchema } from './time';
import { receiptSchema } from './enterprise';
import { answersSchema } from './answers';

/**
 * The bureau and national dashboard contract. Every query names a campaign; region and city
 * narrow it, and the server clamps them to the caller's own scope (a bureau never sees beyond).
 */

const code6 = z.string().regex(/^\d{6}$/);
const objectId = z.string().regex(/^[0-9a-f]{24}$/);

export const participationStatusSchema = z.enum(['not_started', 'logged_in', 'drafting', 'submitted']).meta({ id: 'ParticipationStatus', description: 'not_started 未登录，logged_in 已登录未作答，drafting 答题中，submitted 已提交' });
export type ParticipationStatus = z.infer<typeof participationStatusSchema>;
export const participationStatusLabels: Readonly<Record<ParticipationStatus, string>> = {
  not_started: '未登录',
  logged_in: '已登录未作答',
  drafting: '答题中',
  submitted: '已提交',
};

export const scopeQuerySchema = z.object({
  campaignId: objectId,
  region: code6.optional(),
  city: code6.optional(),
});
export type ScopeQuery = z.infer<typeof scopeQuerySchema>;

export const tableSortSchema = z.enum(['total', 'name', 'lastSubmittedAt', 'attempts', 'uscc']);

export const tableQuerySchema = scopeQuerySchema.extend({
  track: z.enum(['apply_advantage', 'apply_demonstration', 'assessment', 'review']).optional(),
  status: participationStatusSchema.optional(),
  pass: z.enum(['pass', 'fail']).optional(),
  specialized: z.enum(['true', 'false']).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  sort: tableSortSchema.default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TableQuery = z.input<typeof tableQuerySchema>;

export const scopeViewSchema = z.object({
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  cityCode: z.string().nullable(),
  cityName: z.string().nullable(),
}).meta({ id: 'ScopeView' });

export const passLinesViewSchema = z.object({
  advantage: z.number().nullable(),
  demonstration: z.number().nullable(),
  state: z.enum(['draft', 'published']),
  excellentFrom: z.object({ advantage: z.number().nullable(), demonstration: z.number().nullable() }),
}).meta({ id: 'PassLinesView' });

export const overviewSchema = z.object({
  scope: scopeViewSchema,
  campaign: z.object({ id: z.string(), name: z.string(), state: z.enum(['not_open', 'open', 'closed']), closesAt: beijingTimeSchema }),
  totals: z.object({ enterprises: z.number(), not_started: z.number(), logged_in: z.number(), drafting: z.number(), submitted: z.number() }),
  byTrack: z.array(z.object({ track: z.string(), label: z.string(), enterprises: z.number(), started: z.number(), submitted: z.number() })),
  completionRate: z.number(),
  submissionsByDay: z.array(z.object({ date: z.string(), attempts: z.number(), enterprises: z.number() })),
  scoresVisible: z.boolean(),
  passLines: passLinesViewSchema.nullable(),
  /** After the close (or when visible): finals in 5-point bins, per pass line. */
  distribution: z
    .array(z.object({ line: z.enum(['advantage', 'demonstration']), bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })) }))
    .nullable(),
  dimensions: z.array(z.object({ id: z.string(), title: z.string(), max: z.number(), average: z.number().nullable(), nationalAverage: z.number().nullable() })).nullable(),
  mean: z.number().nullable(),
  flagged: z.number(),
}).meta({ id: 'Overview', description: '地区概览' });
export type Overview = z.infer<typeof overviewSchema>;

export const tableRowSchema = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  cityName: z.string(),
  track: z.string(),
  trackLabel: z.string(),
  titleHeld: z.string(),
  line: z.enum(['advantage', 'demonstration']),
  status: participationStatusSchema,
  statusLabel: z.string(),
  attempts: z.number(),
  lastSubmittedAt: beijingTimeSchema.nullable(),
  total: z.number().nullable(),
  passed: z.boolean().nullable(),
  tier: z.enum(['fail', 'pass', 'excellent']).nullable(),
  specialized: z.boolean(),
  littleGiant: z.boolean(),
  centralSoe: z.boolean(),
  flags: z.array(z.string()),
}).meta({ id: 'TableRow', description: '企业列表的一行' });
export type TableRow = z.infer<typeof tableRowSchema>;

export const tablePageSchema = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), scoresVisible: z.boolean(), rows: z.array(tableRowSchema) }).meta({ id: 'TablePage' });
export type TablePage = z.infer<typeof tablePageSchema>;

export const contactViewSchema = z.object({ name: z.string(), phone: z.string(), email: z.string() }).meta({ id: 'Contact' });

/** An enterprise's contacts in full: answered by the audited "显示联系方式" action only. */
export const enterpriseContactsSchema = z.object({ contacts: z.array(contactViewSchema) }).meta({ id: 'EnterpriseContacts' });
export type EnterpriseContacts = z.infer<typeof enterpriseContactsSchema>;

export const enterpriseDetailSchema = z.object({
  row: tableRowSchema,
  /** Masked (张* · 138****5678): the full ones come from GET …/:id/contacts, which is audited. */
  contacts: z.array(contactViewSchema),
  extension: z.object({ until: beijingTimeSchema, reason: z.string() }).nullable(),
  deadline: beijingTimeSchema,
  history: z.array(z.object({ number: z.number(), attemptId: z.string(), submittedAt: beijingTimeSchema, total: z.number().nullable(), seconds: z.number().nullable(), counts: z.boolean() })),
  /**
   * Each flag with the evidence the caller may see: pieces citing scores or answers are left out
   * while results are hidden (`withheld` then says some were).
   */
  integrity: z.array(z.object({ code: z.string(), label: z.string(), attempts: z.array(z.number()), evidence: z.string(), withheld: z.boolean() })),
  final: z
    .object({
      questionnaire: z.string(),
      answers: answersSchema,
      /** The whole receipt: with `answers` it is what `verifyReceipt` needs. */
      receipt: receiptSchema,
    })
    .nullable(),
}).meta({ id: 'EnterpriseDetail', description: '企业详情（联系人打码；成绩按可见规则）' });
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

export const quotaPanelSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  quota: z.object({ advantage: z.number(), demonstration: z.number() }),
  published: z.boolean(),
  lists: z.array(
    z.object({
      line: z.enum(['advantage', 'demonstration']),
      passLine: z.number().nullable(),
      quota: z.number(),
      /** Applicants at or above the line, 专精特新 first, then by score. */
      ranked: z.array(z.object({ id: z.string(), name: z.string(), uscc: z.string(), total: z.number(), specialized: z.boolean(), withinQuota: z.boolean() })),
      /** First-level companies of central SOEs: recommended outside the quota (2023 附件1 注3). */
      outsideQuota: z.array(z.object({ id: z.string(), name: z.string(), uscc: z.string(), total: z.number() })),
    }),
  ),
}).meta({ id: 'QuotaPanel' });
export type QuotaPanel = z.infer<typeof quotaPanelSchema>;

export const nationalRowSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  enterprises: z.number(),
  started: z.number(),
  submitted: z.number(),
  mean: z.number().nullable(),
  passes: z.object({ advantage: z.number().nullable(), demonstration: z.number().nullable() }),
  applicantPasses: z.object({ advantage: z.number().nullable(), demonstration: z.number().nullable() }),
  quota: z.object({ advantage: z.number(), demonstration: z.number() }),
}).meta({ id: 'NationalRow' });
export const nationalTableSchema = z.object({ rows: z.array(nationalRowSchema), totals: nationalRowSchema.omit({ regionCode: true, regionName: true }), passLines: passLinesViewSchema }).meta({ id: 'NationalTable' });
export type NationalTable = z.infer<typeof nationalTableSchema>;

export const passLineInputSchema = z
  .object({
    advantage: z.number().min(0).max(105).multipleOf(0.1),
    demonstration: z.number().min(0).max(105).multipleOf(0.1),
  })
  .strict().meta({ id: 'PassLineInput', description: '两条合格线（0–105，精确到 0.1）', examples: [{ advantage: 60, demonstration: 75.5 }] });
export type PassLineInput = z.infer<typeof passLineInputSchema>;

export const passLinePreviewSchema = z.object({
  lines: passLineInputSchema,
  excellentFrom: z.object({ advantage: z.number().nullable(), demonstration: z.number().nullable() }),
  national: z.object({ advantagePasses: z.number(), demonstrationPasses: z.number(), advantageExcellent: z.number(), demonstrationExcellent: z.number() }),
  regions: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      passes: z.object({ advantage: z.number(), demonstration: z.number() }),
      applicantPasses: z.object({ advantage: z.number(), demonstration: z.number() }),
      quota: z.object({ advantage: z.number(), demonstration: z.number() }),
      /** applicants at or above the line ÷ quota: above 1 means the region must choose. */
      quotaFit: z.object({ advantage: z.number().nullable(), demonstration: z.number().nullable() }),
    }),
  ),
}).meta({ id: 'PassLinePreview' });
export type PassLinePreview = z.infer<typeof passLinePreviewSchema>;

/** GET /api/dashboard/regions — the national table names only its campaign. */
export const campaignQuerySchema = z.object({ campaignId: objectId });
