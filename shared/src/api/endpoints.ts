import type { z } from 'zod';
import { XLSX_MEDIA_TYPE, campaignInputSchema, campaignPatchSchema, campaignViewSchema, extensionRequestSchema, importReportSchema, keyIssueRequestSchema } from './admin';
import {
  campaignQuerySchema,
  enterpriseContactsSchema,
  enterpriseDetailSchema,
  nationalTableSchema,
  overviewSchema,
  passLineInputSchema,
  passLinePreviewSchema,
  quotaPanelSchema,
  scopeQuerySchema,
  tablePageSchema,
  tableQuerySchema,
} from './dashboard';
import {
  attemptDetailSchema,
  draftSchema,
  enterpriseLoginRequestSchema,
  enterpriseLoginResponseSchema,
  entryInfoSchema,
  logoutRequestSchema,
  logoutResponseSchema,
  meResponseSchema,
  refreshRequestSchema,
  saveDraftRequestSchema,
  saveDraftResponseSchema,
  startAttemptRequestSchema,
  submitRequestSchema,
  submitResponseSchema,
  tokenPairSchema,
} from './enterprise';
import { receiptFileSchema } from './receiptFile';
import {
  attemptListSchema,
  auditEventsSchema,
  campaignListSchema,
  draftImportReportSchema,
  extensionGrantedSchema,
  keyResetSchema,
  openApiDocumentSchema,
  questionnaireAddedSchema,
  quotaTableSchema,
  staffAccountListSchema,
} from './responses';
import {
  enterpriseLoginLockSchema,
  staffAccountInputSchema,
  staffAccountPatchSchema,
  staffAccountViewSchema,
  staffLoginLockSchema,
  staffLoginRequestSchema,
  staffLoginResponseSchema,
  staffMeSchema,
} from './staff';
import { questionnaireDefinitionSchema } from '../questionnaire/schema';

/**
 * The API's operations as its clients see them: method, path, and the zod schemas of the request
 * and the answer, named by operationId. The BFF's route table implements each one with these very
 * schema objects (a test checks method, path and schemas match), the OpenAPI document takes the
 * operationIds from here, and the mini-program's client is typed from this table and parses what
 * it receives with it in development builds. A route missing here still gets an operationId
 * derived from its method and path.
 */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  query?: z.ZodType;
  /** A JSON body; absent for bodiless requests and raw uploads (`upload`). */
  body?: z.ZodType;
  /** Media types a raw upload may be sent as. */
  upload?: readonly string[];
  /** The JSON answer of a success. */
  response?: z.ZodType;
  /** A file instead of JSON. */
  produces?: string;
  status?: number;
}

const endpoint = <const E extends Endpoint>(e: E): E => e;
const PNG = 'image/png';

export const endpoints = {
  // auth and entry
  enterpriseLogin: endpoint({ method: 'post', path: '/api/auth/enterprise/login', body: enterpriseLoginRequestSchema, response: enterpriseLoginResponseSchema }),
  refreshTokens: endpoint({ method: 'post', path: '/api/auth/refresh', body: refreshRequestSchema, response: tokenPairSchema }),
  logout: endpoint({ method: 'post', path: '/api/auth/logout', body: logoutRequestSchema, response: logoutResponseSchema }),
  staffLogin: endpoint({ method: 'post', path: '/api/auth/staff/login', body: staffLoginRequestSchema, response: staffLoginResponseSchema }),
  getEnterpriseLoginLock: endpoint({ method: 'get', path: '/api/auth/locks/enterprises/:id', response: enterpriseLoginLockSchema }),
  clearEnterpriseLoginLock: endpoint({ method: 'delete', path: '/api/auth/locks/enterprises/:id', response: enterpriseLoginLockSchema }),
  getStaffLoginLock: endpoint({ method: 'get', path: '/api/auth/locks/staff/:id', response: staffLoginLockSchema }),
  clearStaffLoginLock: endpoint({ method: 'delete', path: '/api/auth/locks/staff/:id', response: staffLoginLockSchema }),
  getEntry: endpoint({ method: 'get', path: '/api/entry/:scene', response: entryInfoSchema }),
  getMe: endpoint({ method: 'get', path: '/api/me', response: meResponseSchema }),
  getStaffMe: endpoint({ method: 'get', path: '/api/staff/me', response: staffMeSchema }),

  // the enterprise's assessment
  getQuestionnaire: endpoint({ method: 'get', path: '/api/questionnaire', response: questionnaireDefinitionSchema }),
  getQuestionnaireWorkbook: endpoint({ method: 'get', path: '/api/questionnaire.xlsx', produces: XLSX_MEDIA_TYPE }),
  startAttempt: endpoint({ method: 'post', path: '/api/attempts', body: startAttemptRequestSchema, response: draftSchema }),
  getDraft: endpoint({ method: 'get', path: '/api/attempts/current/draft', response: draftSchema }),
  saveDraft: endpoint({ method: 'patch', path: '/api/attempts/current/draft', body: saveDraftRequestSchema, response: saveDraftResponseSchema }),
  importDraftWorkbook: endpoint({ method: 'post', path: '/api/attempts/current/draft/import', upload: [XLSX_MEDIA_TYPE], response: draftImportReportSchema }),
  submitAttempt: endpoint({ method: 'post', path: '/api/attempts/current/submit', body: submitRequestSchema, response: submitResponseSchema, status: 201 }),
  listAttempts: endpoint({ method: 'get', path: '/api/attempts', response: attemptListSchema }),
  getAttempt: endpoint({ method: 'get', path: '/api/attempts/:id', response: attemptDetailSchema }),
  downloadReceiptFile: endpoint({ method: 'get', path: '/api/attempts/:id/receipt-file', response: receiptFileSchema }),

  // published data
  getQuotaTable: endpoint({ method: 'get', path: '/api/quotas/:year', response: quotaTableSchema }),

  // campaigns and questionnaires (national)
  listCampaigns: endpoint({ method: 'get', path: '/api/campaigns', response: campaignListSchema }),
  createCampaign: endpoint({ method: 'post', path: '/api/admin/campaigns', body: campaignInputSchema, response: campaignViewSchema, status: 201 }),
  updateCampaign: endpoint({ method: 'patch', path: '/api/admin/campaigns/:id', body: campaignPatchSchema, response: campaignViewSchema }),
  addQuestionnaire: endpoint({ method: 'post', path: '/api/admin/questionnaires', body: questionnaireDefinitionSchema, response: questionnaireAddedSchema, status: 201 }),
  getStaffQuestionnaire: endpoint({ method: 'get', path: '/api/staff/questionnaires/:ref', response: questionnaireDefinitionSchema }),

  // enterprises (national)
  downloadImportTemplate: endpoint({ method: 'get', path: '/api/admin/import-template.xlsx', produces: XLSX_MEDIA_TYPE }),
  importEnterprises: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/imports', upload: ['text/csv', XLSX_MEDIA_TYPE, 'application/json', 'application/vnd.ms-excel', 'application/octet-stream'], response: importReportSchema, status: 202 }),
  getImportJob: endpoint({ method: 'get', path: '/api/admin/imports/:jobId', response: importReportSchema }),
  issueKeySheet: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/key-sheets', body: keyIssueRequestSchema, produces: XLSX_MEDIA_TYPE }),
  resetEnterpriseKey: endpoint({ method: 'post', path: '/api/admin/enterprises/:id/key-reset', response: keyResetSchema }),
  extendEnterpriseDeadline: endpoint({ method: 'post', path: '/api/admin/enterprises/:id/extension', body: extensionRequestSchema, response: extensionGrantedSchema }),
  downloadEnterpriseQrCode: endpoint({ method: 'get', path: '/api/admin/enterprises/:id/qrcode.png', produces: PNG }),

  // dashboards
  getOverview: endpoint({ method: 'get', path: '/api/dashboard/overview', query: scopeQuerySchema, response: overviewSchema }),
  listEnterprises: endpoint({ method: 'get', path: '/api/dashboard/enterprises', query: tableQuerySchema, response: tablePageSchema }),
  exportEnterprises: endpoint({ method: 'get', path: '/api/dashboard/enterprises.xlsx', query: tableQuerySchema, produces: XLSX_MEDIA_TYPE }),
  getEnterpriseDetail: endpoint({ method: 'get', path: '/api/dashboard/enterprises/:id', response: enterpriseDetailSchema }),
  getEnterpriseContacts: endpoint({ method: 'get', path: '/api/dashboard/enterprises/:id/contacts', response: enterpriseContactsSchema }),
  getQuotaPanel: endpoint({ method: 'get', path: '/api/dashboard/quota', query: scopeQuerySchema, response: quotaPanelSchema }),
  getNationalTable: endpoint({ method: 'get', path: '/api/dashboard/regions', query: campaignQuerySchema, response: nationalTableSchema }),

  // pass lines (national)
  previewPassLines: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/passlines/preview', body: passLineInputSchema, response: passLinePreviewSchema }),
  setPassLines: endpoint({ method: 'put', path: '/api/admin/campaigns/:id/passlines', body: passLineInputSchema, response: campaignViewSchema }),
  publishPassLines: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/passlines/publish', response: campaignViewSchema }),

  // staff accounts and audit (national)
  listStaffAccounts: endpoint({ method: 'get', path: '/api/admin/staff', response: staffAccountListSchema }),
  createStaffAccount: endpoint({ method: 'post', path: '/api/admin/staff', body: staffAccountInputSchema, response: staffAccountViewSchema, status: 201 }),
  updateStaffAccount: endpoint({ method: 'patch', path: '/api/admin/staff/:id', body: staffAccountPatchSchema, response: staffAccountViewSchema }),
  listAuditEvents: endpoint({ method: 'get', path: '/api/admin/audit', response: auditEventsSchema }),

  // the document itself
  getOpenApiDocument: endpoint({ method: 'get', path: '/api/openapi.json', response: openApiDocumentSchema }),
  getApiDocsPage: endpoint({ method: 'get', path: '/api/docs', produces: 'text/html' }),
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type OperationId = keyof Endpoints;

/** `/api/attempts/:id` → `{ id: string }`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** The operation of a method and path, if the table has one. */
export function endpointFor(method: string, path: string): { operationId: OperationId; endpoint: Endpoint } | undefined {
  for (const [operationId, endpoint] of Object.entries(endpoints) as Array<[OperationId, Endpoint]>) {
    if (endpoint.method === method && endpoint.path === path) return { operationId, endpoint };
  }
  return undefined;
}
