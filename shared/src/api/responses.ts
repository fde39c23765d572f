import { z } from 'zod';
import { answerValueSchema } from './answers';
import { attemptSummarySchema } from './enterprise';

/**
 * Response bodies of the enterprise side that used to be written inline beside their route:
 * declared here once, so the BFF answers with them and the clients parse with them. The staff
 * side's are in staffResponses.ts (kept apart so the mini-program's main package stays small).
 */

/** GET /api/attempts */
export const attemptListSchema = z
  .object({ attempts: z.array(attemptSummarySchema), finalAttemptId: z.string().nullable() })
  .meta({ id: 'AttemptList', description: '本企业已提交的测评记录；finalAttemptId 为当前计分的一次' });
export type AttemptList = z.infer<typeof attemptListSchema>;

/** POST /api/attempts/current/draft/import — the per-cell report of an uploaded workbook. */
export const draftImportReportSchema = z
  .object({
    revision: z.number().int(),
    taken: z.array(z.object({ questionId: z.string(), cell: z.string(), value: answerValueSchema })),
    refused: z.array(z.object({ questionId: z.string().optional(), cell: z.string(), reason: z.string() })),
  })
  .meta({ id: 'DraftImportReport', description: '工作簿预填报告：采纳的单元格（写入草稿）与未采纳的单元格及原因' });
export type DraftImportReport = z.infer<typeof draftImportReportSchema>;

/** GET /api/quotas/:year — a published quota table (the notices' 附件1). */
export const quotaTableSchema = z
  .object({
    year: z.number().int(),
    source: z.string(),
    rows: z.array(z.object({ regionCode: z.string(), regionName: z.string(), advantage: z.number().int().nullable(), demonstration: z.number().int() })),
    totals: z.object({ advantage: z.number().int().nullable(), demonstration: z.number().int() }),
    advantageCapPerRegion: z.number().int().nullable(),
    notes: z.array(z.string()),
  })
  .meta({ id: 'QuotaTable', description: '通知公布的推荐名额表（按通知中的顺序）；2022 年只公布示范企业名额，优势企业为每地上限' });
