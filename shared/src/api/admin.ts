import { z } from 'zod';
import { beijingTimeSchema, instantInputSchema } from './time';

/**
 * The national/admin API contract: campaigns, enterprise import rows, keys, extensions.
 */

export const trackSchema = z.enum(['apply_advantage', 'apply_demonstration', 'assessment', 'review']).meta({ id: 'Track', description: '参加类型：apply_advantage 申报优势，apply_demonstration 申报示范，assessment 考核，review 复核' });
export const titleHeldSchema = z.enum(['none', 'advantage', 'demonstration']).meta({ id: 'TitleHeld' });

const isoDate = instantInputSchema;

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    year: z.number().int().min(2020).max(2100),
    questionnaire: z.string().regex(/^[a-z0-9-]+@[A-Za-z0-9.-]+$/),
    opensAt: isoDate,
    closesAt: isoDate,
    settings: z.object({ hideScoresDuringWindow: z.boolean() }).strict().optional(),
  })
  .strict().meta({ id: 'CampaignInput', description: '新的测评活动', examples: [{ name: '2026年优势企业和示范企业测评', year: 2026, questionnaire: 'iso56005-56002@2023', opensAt: '2026-06-21T00:00:00+08:00', closesAt: '2026-07-01T00:00:00+08:00', settings: { hideScoresDuringWindow: true } }] });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** GET /api/admin/questionnaires — the stored questionnaire versions a campaign may use. */
export const questionnaireSummarySchema = z.object({ ref: z.string(), title: z.string(), version: z.string(), year: z.number() });
export type QuestionnaireSummary = z.infer<typeof questionnaireSummarySchema>;
export const questionnaireListSchema = z.object({ questionnaires: z.array(questionnaireSummarySchema) });

export const campaignPatchSchema = campaignInputSchema.partial().strict().meta({ id: 'CampaignPatch', description: '要修改的字段' });
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

export const campaignViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  questionnaire: z.string(),
  opensAt: beijingTimeSchema,
  closesAt: beijingTimeSchema,
  state: z.enum(['not_open', 'open', 'closed']),
  settings: z.object({ hideScoresDuringWindow: z.boolean() }),
  passLines: z.object({
    advantage: z.number().nullable(),
    demonstration: z.number().nullable(),
    state: z.enum(['draft', 'published']),
    publishedAt: beijingTimeSchema.nullable(),
  }),
}).meta({ id: 'Campaign', description: '测评活动（合格线公布前只有全国局可见合格线）' });
export type CampaignView = z.infer<typeof campaignViewSchema>;

export const contactSchema = z.object({
  name: z.string().trim().max(50).default(''),
  phone: z.string().trim().max(30).default(''),
  email: z.string().trim().max(100).default(''),
});

/**
 * One enterprise as imported, after column mapping. Files may use the Chinese headers in
 * `importColumns`; JSON may use these field names directly.
 */
export const enterpriseImportRowSchema = z.object({
  uscc: z.string().trim().min(1, '统一社会信用代码不能为空'),
  name: z.string().trim().min(1, '企业名称不能为空').max(200),
  /** Region code (e.g. 440000) or name (广东省 / 广东). */
  region: z.string().trim().min(1, '地区不能为空'),
  /** Prefecture city code or name; optional. */
  city: z.string().trim().max(50).optional().default(''),
  /** Track code or Chinese label (申报优势 / 申报示范 / 考核 / 复核). */
  track: z.string().trim().min(1, '参加类型不能为空'),
  /** Title held: none/advantage/demonstration or 无 / 优势企业 / 示范企业. */
  titleHeld: z.string().trim().optional().default(''),
  /** The year the title held was granted (认定年份): checks the track against the rules when the enterprise has no recorded history. */
  grantedYear: z.string().trim().optional().default(''),
  specialized: z.union([z.boolean(), z.string()]).optional(),
  littleGiant: z.union([z.boolean(), z.string()]).optional(),
  centralSoe: z.union([z.boolean(), z.string()]).optional(),
  contact1Name: z.string().trim().max(50).optional().default(''),
  contact1Phone: z.string().trim().max(30).optional().default(''),
  contact1Email: z.string().trim().max(100).optional().default(''),
  contact2Name: z.string().trim().max(50).optional().default(''),
  contact2Phone: z.string().trim().max(30).optional().default(''),
  contact2Email: z.string().trim().max(100).optional().default(''),
});
export type EnterpriseImportRow = z.input<typeof enterpriseImportRowSchema>;

/** Chinese column headers of the import template, in order, and the field each maps to. */
export const importColumns = [
  ['统一社会信用代码', 'uscc'],
  ['企业名称', 'name'],
  ['地区', 'region'],
  ['地市', 'city'],
  ['参加类型', 'track'],
  ['现有称号', 'titleHeld'],
  ['专精特新', 'specialized'],
  ['专精特新小巨人', 'littleGiant'],
  ['央企一级公司', 'centralSoe'],
  ['联系人1姓名', 'contact1Name'],
  ['联系人1电话', 'contact1Phone'],
  ['联系人1邮箱', 'contact1Email'],
  ['联系人2姓名', 'contact2Name'],
  ['联系人2电话', 'contact2Phone'],
  ['联系人2邮箱', 'contact2Email'],
  // Last, so files made from the earlier template keep their columns where they were.
  ['认定年份', 'grantedYear'],
] as const;

/** The media type of every workbook the system sends or takes (.xlsx). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MAX_IMPORT_ROWS = 50_000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** One refused row in an import report. Row numbers are as the user sees them (header = row 1). */
export interface ImportRowError {
  row: number;
  field: string;
  reason: string;
  /** A contradiction with the enterprise's record (issue 18): its USCC, track and the rule's code, for the national bureau's override. */
  uscc?: string;
  track?: z.infer<typeof trackSchema>;
  code?: string;
}

export const importReportSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string(), uscc: z.string().optional(), track: trackSchema.optional(), code: z.string().optional() })),
  /** Rows imported though their track is worth a look against the enterprise's record (or accepted by the national bureau's override). */
  warnings: z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string(), code: z.string() })),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
}).meta({ id: 'ImportReport', description: '导入进度与报告' });
export type ImportReport = z.infer<typeof importReportSchema>;

export const extensionRequestSchema = z
  .object({ until: isoDate, reason: z.string().trim().min(2).max(500) })
  .strict().meta({ id: 'ExtensionRequest', examples: [{ until: '2026-07-01T12:00:00+08:00', reason: '企业所在园区 6 月 30 日全天停电，经核实予以延期' }] });

export const keyIssueRequestSchema = z
  .object({
    regionCode: z.string().regex(/^\d{6}$/),
    /** true: issue new keys for every enterprise of the region (old keys stop working). */
    reissueAll: z.boolean().default(false),
  })
  .strict().meta({ id: 'KeyIssueRequest', examples: [{ regionCode: '440000', reissueAll: false }] });
