import { XLSX_MEDIA_TYPE, campaignInputSchema, questionnaireListSchema, campaignPatchSchema, campaignViewSchema, extensionRequestSchema, importReportSchema, keyIssueRequestSchema } from './admin';
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
import { enterpriseEndpoints, endpoint, type Endpoint } from './endpoints';
import { publicEndpoints } from './publicEndpoints';
import { reviewEndpoints } from './reviewEndpoints';
import { evidenceEnterpriseEndpoints, evidenceStaffEndpoints } from './evidenceEndpoints';
import { recordEndpoints } from './recordEndpoints';
import { auditEventsSchema, campaignListSchema, extensionGrantedSchema, keyResetSchema, openApiDocumentSchema, questionnaireAddedSchema, staffAccountListSchema } from './staffResponses';
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

const PNG = 'image/png';

/** What bureau and national staff call (the mini-program's bureau subpackage), and the document's own routes. */
export const staffEndpoints = {
  logout: enterpriseEndpoints.logout,
  staffLogin: endpoint({ method: 'post', path: '/api/auth/staff/login', body: staffLoginRequestSchema, response: staffLoginResponseSchema }),
  getEnterpriseLoginLock: endpoint({ method: 'get', path: '/api/auth/locks/enterprises/:id', response: enterpriseLoginLockSchema }),
  clearEnterpriseLoginLock: endpoint({ method: 'delete', path: '/api/auth/locks/enterprises/:id', response: enterpriseLoginLockSchema }),
  getStaffLoginLock: endpoint({ method: 'get', path: '/api/auth/locks/staff/:id', response: staffLoginLockSchema }),
  clearStaffLoginLock: endpoint({ method: 'delete', path: '/api/auth/locks/staff/:id', response: staffLoginLockSchema }),
  getStaffMe: endpoint({ method: 'get', path: '/api/staff/me', response: staffMeSchema }),
  listCampaigns: endpoint({ method: 'get', path: '/api/campaigns', response: campaignListSchema }),
  createCampaign: endpoint({ method: 'post', path: '/api/admin/campaigns', body: campaignInputSchema, response: campaignViewSchema, status: 201 }),
  updateCampaign: endpoint({ method: 'patch', path: '/api/admin/campaigns/:id', body: campaignPatchSchema, response: campaignViewSchema }),
  addQuestionnaire: endpoint({ method: 'post', path: '/api/admin/questionnaires', body: questionnaireDefinitionSchema, response: questionnaireAddedSchema, status: 201 }),
  listQuestionnaires: endpoint({ method: 'get', path: '/api/admin/questionnaires', response: questionnaireListSchema }),
  getStaffQuestionnaire: endpoint({ method: 'get', path: '/api/staff/questionnaires/:ref', response: questionnaireDefinitionSchema }),
  downloadImportTemplate: endpoint({ method: 'get', path: '/api/admin/import-template.xlsx', produces: XLSX_MEDIA_TYPE }),
  importEnterprises: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/imports', upload: ['text/csv', XLSX_MEDIA_TYPE, 'application/json', 'application/vnd.ms-excel', 'application/octet-stream'], response: importReportSchema, status: 202 }),
  getImportJob: endpoint({ method: 'get', path: '/api/admin/imports/:jobId', response: importReportSchema }),
  issueKeySheet: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/key-sheets', body: keyIssueRequestSchema, produces: XLSX_MEDIA_TYPE }),
  resetEnterpriseKey: endpoint({ method: 'post', path: '/api/admin/enterprises/:id/key-reset', response: keyResetSchema }),
  extendEnterpriseDeadline: endpoint({ method: 'post', path: '/api/admin/enterprises/:id/extension', body: extensionRequestSchema, response: extensionGrantedSchema }),
  downloadEnterpriseQrCode: endpoint({ method: 'get', path: '/api/admin/enterprises/:id/qrcode.png', produces: PNG }),
  getOverview: endpoint({ method: 'get', path: '/api/dashboard/overview', query: scopeQuerySchema, response: overviewSchema }),
  listEnterprises: endpoint({ method: 'get', path: '/api/dashboard/enterprises', query: tableQuerySchema, response: tablePageSchema }),
  exportEnterprises: endpoint({ method: 'get', path: '/api/dashboard/enterprises.xlsx', query: tableQuerySchema, produces: XLSX_MEDIA_TYPE }),
  getEnterpriseDetail: endpoint({ method: 'get', path: '/api/dashboard/enterprises/:id', response: enterpriseDetailSchema }),
  getEnterpriseContacts: endpoint({ method: 'get', path: '/api/dashboard/enterprises/:id/contacts', response: enterpriseContactsSchema }),
  getQuotaPanel: endpoint({ method: 'get', path: '/api/dashboard/quota', query: scopeQuerySchema, response: quotaPanelSchema }),
  getNationalTable: endpoint({ method: 'get', path: '/api/dashboard/regions', query: campaignQuerySchema, response: nationalTableSchema }),
  previewPassLines: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/passlines/preview', body: passLineInputSchema, response: passLinePreviewSchema }),
  setPassLines: endpoint({ method: 'put', path: '/api/admin/campaigns/:id/passlines', body: passLineInputSchema, response: campaignViewSchema }),
  publishPassLines: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/passlines/publish', response: campaignViewSchema }),
  listStaffAccounts: endpoint({ method: 'get', path: '/api/admin/staff', response: staffAccountListSchema }),
  createStaffAccount: endpoint({ method: 'post', path: '/api/admin/staff', body: staffAccountInputSchema, response: staffAccountViewSchema, status: 201 }),
  updateStaffAccount: endpoint({ method: 'patch', path: '/api/admin/staff/:id', body: staffAccountPatchSchema, response: staffAccountViewSchema }),
  listAuditEvents: endpoint({ method: 'get', path: '/api/admin/audit', response: auditEventsSchema }),
  getOpenApiDocument: endpoint({ method: 'get', path: '/api/openapi.json', response: openApiDocumentSchema }),
  getApiDocsPage: endpoint({ method: 'get', path: '/api/docs', produces: 'text/html' }),
  ...reviewEndpoints,
  ...evidenceStaffEndpoints,
  ...recordEndpoints,
} as const satisfies Record<string, Endpoint>;

/** Every operation: the document's operationIds and the test that the route table implements them. */
export const endpoints = { ...enterpriseEndpoints, ...evidenceEnterpriseEndpoints, ...staffEndpoints, ...publicEndpoints } as const;
export type Endpoints = typeof endpoints;
export type OperationId = keyof Endpoints;

/** The operation of a method and path, if the table has one. */
export function endpointFor(method: string, path: string): { operationId: OperationId; endpoint: Endpoint } | undefined {
  for (const [operationId, endpoint] of Object.entries(endpoints) as Array<[OperationId, Endpoint]>) {
    if (endpoint.method === method && endpoint.path === path) return { operationId, endpoint };
  }
  return undefined;
}
