import { XLSX_MEDIA_TYPE } from './admin';
import { endpoint, type Endpoint } from './endpoints';
import {
  enterpriseRecordPageSchema,
  historyImportReportSchema,
  titleRiskListSchema,
  titleRiskQuerySchema,
  trackOverrideInputSchema,
  trackOverrideResultSchema,
  yearRulesInputSchema,
  yearRulesViewSchema,
} from './records';

/** The media types the historical titles import takes (sniffed from the bytes; the declared type is often wrong). */
export const HISTORY_IMPORT_MEDIA_TYPES = ['text/csv', XLSX_MEDIA_TYPE, 'application/vnd.ms-excel', 'application/octet-stream'] as const;

/**
 * One enterprise across the years: the staff side (part of the staff table, the bureau
 * subpackage's client). The enterprise's own history (`getMyHistory`) is in the enterprise
 * table (endpoints.ts), which must not reach this file.
 */
export const recordEndpoints = {
  getYearRules: endpoint({ method: 'get', path: '/api/campaigns/:id/year-rules', response: yearRulesViewSchema }),
  setYearRules: endpoint({ method: 'put', path: '/api/campaigns/:id/year-rules', body: yearRulesInputSchema, response: yearRulesViewSchema }),
  getEnterpriseRecord: endpoint({ method: 'get', path: '/api/dashboard/enterprises/:id/record', response: enterpriseRecordPageSchema }),
  listTitleRisks: endpoint({ method: 'get', path: '/api/admin/records/risks', query: titleRiskQuerySchema, response: titleRiskListSchema }),
  exportTitleRisks: endpoint({ method: 'get', path: '/api/admin/records/risks.xlsx', query: titleRiskQuerySchema, produces: XLSX_MEDIA_TYPE }),
  importTitleHistory: endpoint({ method: 'post', path: '/api/admin/records/history-imports', upload: HISTORY_IMPORT_MEDIA_TYPES, response: historyImportReportSchema }),
  overrideTrack: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/track-overrides', body: trackOverrideInputSchema, response: trackOverrideResultSchema, status: 201 }),
} as const satisfies Record<string, Endpoint>;
