import { z } from 'zod';
import { trackSchema } from './admin';
import { reviewOutcomeSchema, titleSchema } from './outcome';

/**
 * One enterprise across the years (issue 18): the contract of its lasting record (title history,
 * participation per campaign, name changes), the year rules a campaign carries, the import's
 * track checks and their overrides, the one-time import of historical titles, the national
 * bureau's list of titles at risk. The enterprise's own score history is in history.ts: the
 * enterprise's package must not share a module with the staff side (the weapp build then moved the
 * whole staff contract into the main package).
 */

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const year = z.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().max(max);

export const titleEventSourceSchema = z.enum(['granted', 'review_passed', 'revoked']).meta({ id: 'TitleEventSource', description: '称号事件来源：granted 认定，review_passed 复核通过，revoked 撤销' });
export const standingFlagSchema = z.enum(['review_eligibility_lost', 'in_review_grace', 'review_due', 'assessment_due']).meta({ id: 'StandingFlag' });

// ---- year rules ------------------------------------------------------------------------------

/** The year's parameters (shared `YearRules`): which years count for 复核, 考核 and 申报示范. */
export const yearRulesSchema = z
  .object({
    year,
    reviewCycleUpTo: year,
    assessmentCycleYears: z.array(year).max(10),
    demonstrationGrantedUpTo: year,
  })
  .meta({ id: 'YearRules', description: '年度规则：复核范围（本轮周期始于该年及以前）、考核范围（本轮周期始于这些年份）、申报示范范围（该年及以前认定的优势企业）' });

export const yearRulesViewSchema = z
  .object({
    campaignId: objectId,
    rules: yearRulesSchema,
    /** true: the campaign carries none of its own; these are the notices' defaults for its year. */
    isDefault: z.boolean(),
    defaults: yearRulesSchema.nullable(),
  })
  .meta({ id: 'YearRulesView' });
export type YearRulesView = z.infer<typeof yearRulesViewSchema>;

export const yearRulesInputSchema = z
  .object({
    reviewCycleUpTo: year,
    assessmentCycleYears: z.array(year).max(10),
    demonstrationGrantedUpTo: year,
    reason: text(500).min(2, '请填写修改原因'),
  })
  .strict()
  .meta({ id: 'YearRulesInput', examples: [{ reviewCycleUpTo: 2023, assessmentCycleYears: [2024, 2025], demonstrationGrantedUpTo: 2023, reason: '按 2026 年通知一(三)确定复核范围' }] });
export type YearRulesInput = z.infer<typeof yearRulesInputSchema>;

// ---- the lasting record -----------------------------------------------------------------------

export const titleEventViewSchema = z.object({
  title: titleSchema,
  titleLabel: z.string(),
  year,
  source: titleEventSourceSchema,
  sourceLabel: z.string(),
  note: z.string().nullable(),
  /** Where it came from: the close of a campaign, or the import of historical titles (or an enterprise import's 认定年份). */
  origin: z.enum(['close', 'history_import', 'enterprise_import']),
  campaignId: objectId.nullable(),
});

export const participationViewSchema = z.object({
  campaignId: objectId,
  year,
  track: trackSchema,
  trackLabel: z.string(),
  submitted: z.boolean(),
  finalScore: z.number().nullable(),
  reachedLine: z.boolean().nullable(),
  reviewOutcome: reviewOutcomeSchema.nullable(),
  certified: z.boolean(),
});

export const standingViewSchema = z.object({
  year,
  held: z.object({ title: titleSchema, titleLabel: z.string(), cycleStart: year, grantedYear: year }).nullable(),
  due: z.enum(['review', 'assessment']).nullable(),
  mayApplyDemonstration: z.boolean(),
  flags: z.array(z.object({ flag: standingFlagSchema, label: z.string() })),
  missedAssessments: z.array(year),
});
export type StandingView = z.infer<typeof standingViewSchema>;

export const trackOverrideViewSchema = z.object({
  campaignId: objectId,
  year,
  track: trackSchema,
  code: z.string(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

export const enterpriseRecordViewSchema = z
  .object({
    uscc: z.string(),
    name: z.string(),
    /** Every name the record has seen, oldest first, with the year it was first seen. */
    names: z.array(z.object({ name: z.string(), year })),
    titles: z.array(titleEventViewSchema),
    participations: z.array(participationViewSchema),
    /** Where it stands going into the year asked (the campaign's year, or the next year). */
    standing: standingViewSchema,
    overrides: z.array(trackOverrideViewSchema),
  })
  .meta({ id: 'EnterpriseRecord', description: '企业的长期记录：称号历史、历年参加情况、名称变更、资格提示' });
export type EnterpriseRecordView = z.infer<typeof enterpriseRecordViewSchema>;

/** GET /api/dashboard/enterprises/:id/record — the bureau's enterprise page; null when no history is known. */
export const enterpriseRecordPageSchema = z.object({ record: enterpriseRecordViewSchema.nullable(), year }).meta({ id: 'EnterpriseRecordPage' });
export type EnterpriseRecordPage = z.infer<typeof enterpriseRecordPageSchema>;

// ---- the national bureau's list of titles at risk --------------------------------------------

export const titleRiskQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
export type TitleRiskQuery = z.infer<typeof titleRiskQuerySchema>;

export const titleRiskRowSchema = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  title: titleSchema,
  titleLabel: z.string(),
  cycleStart: year,
  flags: z.array(z.object({ flag: standingFlagSchema, label: z.string() })),
  /** The title lapses this year unless overridden: 复核 eligibility lost. */
  lapses: z.boolean(),
});
export type TitleRiskRow = z.infer<typeof titleRiskRowSchema>;

export const titleRiskListSchema = z.object({ year, total: z.number().int(), rows: z.array(titleRiskRowSchema) }).meta({ id: 'TitleRiskList', description: '称号风险：连续 2 年未参加考核取消复核资格的，及上年未通过或未参加复核须再次复核的' });
export type TitleRiskList = z.infer<typeof titleRiskListSchema>;

// ---- the import's checks ---------------------------------------------------------------------

export const trackOverrideInputSchema = z
  .object({
    uscc: z.string().trim().min(1).max(30),
    track: trackSchema,
    reason: text(500).min(2, '请填写确认原因'),
  })
  .strict()
  .meta({ id: 'TrackOverrideInput', description: '全国局确认一家企业本年度的参加类型与记录不一致但予以接受（记入审计）', examples: [{ uscc: '91440101MA59EXAMPL', track: 'review', reason: '经核实企业 2023 年考核材料已线下报送' }] });
export type TrackOverrideInput = z.infer<typeof trackOverrideInputSchema>;

export const trackOverrideResultSchema = z.object({ uscc: z.string(), override: trackOverrideViewSchema }).meta({ id: 'TrackOverrideResult' });

// ---- the one-time import of historical titles ------------------------------------------------

/** Chinese column headers of the historical titles file, and the field each maps to. */
export const historyColumns = [
  ['统一社会信用代码', 'uscc'],
  ['企业名称', 'name'],
  ['称号', 'title'],
  ['年份', 'year'],
  ['来源', 'source'],
  ['备注', 'note'],
] as const;

export const historyImportRowSchema = z.object({
  uscc: z.string().trim().min(1, '统一社会信用代码不能为空'),
  name: z.string().trim().max(200).optional().default(''),
  title: z.string().trim().min(1, '称号不能为空'),
  year: z.string().trim().regex(/^\d{4}$/, '年份应为 4 位数字'),
  source: z.string().trim().min(1, '来源不能为空'),
  note: z.string().trim().max(500).optional().default(''),
});

export const historyImportReportSchema = z
  .object({
    total: z.number().int(),
    /** Title events added to the records. */
    added: z.number().int(),
    /** Rows whose event the record already had (re-importing the same file changes nothing). */
    unchanged: z.number().int(),
    /** Records created for enterprises the system had not seen. */
    created: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string() })),
  })
  .meta({ id: 'HistoryImportReport', description: '历史称号导入报告' });
export type HistoryImportReport = z.infer<typeof historyImportReportSchema>;
