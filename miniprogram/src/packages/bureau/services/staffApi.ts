import type {
  QuestionnaireSummary,
  CampaignInput,
  CampaignPatch,
  CampaignView,
  EnterpriseContacts,
  EnterpriseDetail,
  EnterpriseLoginLock,
  ImportReport,
  NationalTable,
  Overview,
  PassLineInput,
  PassLinePreview,
  QuotaPanel,
  ScopeQuery,
  StaffAccount,
  StaffAccountInput,
  StaffAccountPatch,
  StaffLoginLock,
  StaffLoginRequest,
  StaffLoginResponse,
  StaffMe,
  TablePage,
  TableQuery,
  TokenPair,
} from '@assess/shared';
import { transport } from '../../../platform/http';
import { createApiClient, type ApiClient, type HttpResponse } from '../../../services/apiClient';
import { queryString } from './query';
import { goToStaffLogin } from './routes';
import { staffDevices, staffSession } from './staffSession';

/**
 * The staff side of the BFF: the app's HTTP core (services/apiClient — bearer token, one refresh
 * on a 401, `ApiError`s with the server's Chinese message) over the staff session. Every
 * dashboard page calls the API through `staffApi`.
 */

export type { StaffAccount, StaffAccountInput, StaffAccountPatch, StaffMe, StaffRole } from '@assess/shared';

/** A table query as the pages build it (the schema's input types page numbers as unknown: it coerces). */
export type TableParams = Omit<TableQuery, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

export const staffClient: ApiClient = createApiClient({
  base: API_BASE,
  transport,
  session: staffSession,
  onSessionExpired: goToStaffLogin,
});

const enc = encodeURIComponent;
const get = <T>(path: string) => staffClient.request<T>('GET', path);

/** A binary response (Excel, PNG) with its headers, for the platform's file saving. */
const bytes = (method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResponse> =>
  staffClient.send(method, path, { body, responseType: 'arraybuffer', timeoutMs: 120_000 });

export const staffApi = {
  async login(username: string, password: string): Promise<TokenPair> {
    const deviceToken = staffDevices.tokenFor(username);
    const body: StaffLoginRequest = deviceToken ? { username, password, deviceToken } : { username, password };
    const { deviceToken: device, ...pair } = await staffClient.request<StaffLoginResponse>('POST', '/api/auth/staff/login', { body, auth: false });
    staffDevices.remember(username, device);
    staffSession.set(pair);
    return pair;
  },
  /** Ends the session on the server; best effort, the caller forgets it here whatever happens. */
  async logout(): Promise<void> {
    const refreshToken = staffSession.get()?.refreshToken;
    if (refreshToken) await staffClient.request('POST', '/api/auth/logout', { body: { refreshToken }, auth: false, timeoutMs: 5_000 }).catch(() => undefined);
  },
  loginLock: (enterpriseId: string) => get<EnterpriseLoginLock>(`/api/auth/locks/enterprises/${enc(enterpriseId)}`),
  clearLoginLock: (enterpriseId: string) => staffClient.request<EnterpriseLoginLock>('DELETE', `/api/auth/locks/enterprises/${enc(enterpriseId)}`),
  staffLoginLock: (staffId: string) => get<StaffLoginLock>(`/api/auth/locks/staff/${enc(staffId)}`),
  clearStaffLoginLock: (staffId: string) => staffClient.request<StaffLoginLock>('DELETE', `/api/auth/locks/staff/${enc(staffId)}`),
  me: () => get<StaffMe>('/api/staff/me'),
  campaigns: () => get<{ campaigns: CampaignView[] }>('/api/campaigns'),

  overview: (query: ScopeQuery) => get<Overview>(`/api/dashboard/overview${queryString({ ...query })}`),
  table: (query: TableParams) => get<TablePage>(`/api/dashboard/enterprises${queryString({ ...query })}`),
  /** The Excel workbook of the table's current filter (every page of it). */
  exportTable: (query: TableParams) => bytes('GET', `/api/dashboard/enterprises.xlsx${queryString({ ...query, page: undefined, pageSize: undefined })}`),
  enterprise: (id: string) => get<EnterpriseDetail>(`/api/dashboard/enterprises/${enc(id)}`),
  /** The contacts in full (the detail masks them); the server audits every call. */
  contacts: (id: string) => get<EnterpriseContacts>(`/api/dashboard/enterprises/${enc(id)}/contacts`),
  /** The questionnaire definition as JSON; load it with the shared engine. */
  questionnaire: (ref: string) => get<unknown>(`/api/staff/questionnaires/${enc(ref)}`),
  /** National: the stored questionnaire versions a campaign may use. */
  questionnaires: () => get<{ questionnaires: QuestionnaireSummary[] }>('/api/admin/questionnaires'),
  quota: (query: ScopeQuery) => get<QuotaPanel>(`/api/dashboard/quota${queryString({ ...query })}`),

  createCampaign: (input: CampaignInput) => staffClient.request<CampaignView>('POST', '/api/admin/campaigns', { body: input }),
  updateCampaign: (id: string, patch: CampaignPatch) => staffClient.request<CampaignView>('PATCH', `/api/admin/campaigns/${enc(id)}`, { body: patch }),

  regions: (campaignId: string) => get<NationalTable>(`/api/dashboard/regions${queryString({ campaignId })}`),
  previewPassLines: (campaignId: string, lines: PassLineInput) =>
    staffClient.request<PassLinePreview>('POST', `/api/admin/campaigns/${enc(campaignId)}/passlines/preview`, { body: lines }),
  savePassLines: (campaignId: string, lines: PassLineInput) => staffClient.request<CampaignView>('PUT', `/api/admin/campaigns/${enc(campaignId)}/passlines`, { body: lines }),
  publishPassLines: (campaignId: string) => staffClient.request<CampaignView>('POST', `/api/admin/campaigns/${enc(campaignId)}/passlines/publish`),

  /** Starts an import; it runs on the server, and `importJob` tells how far it is. */
  startImport: (campaignId: string, file: ArrayBuffer, contentType: string) =>
    staffClient.request<ImportReport>('POST', `/api/admin/campaigns/${enc(campaignId)}/imports`, {
      body: file,
      headers: { 'Content-Type': contentType },
      timeoutMs: 120_000,
    }),
  importJob: (jobId: string) => get<ImportReport>(`/api/admin/imports/${enc(jobId)}`),
  importTemplate: () => bytes('GET', '/api/admin/import-template.xlsx'),
  keySheet: (campaignId: string, regionCode: string, reissueAll: boolean) => bytes('POST', `/api/admin/campaigns/${enc(campaignId)}/key-sheets`, { regionCode, reissueAll }),
  resetKey: (enterpriseId: string) => staffClient.request<{ key: string; loginUrl: string }>('POST', `/api/admin/enterprises/${enc(enterpriseId)}/key-reset`),
  extend: (enterpriseId: string, until: string, reason: string) =>
    staffClient.request<{ deadline: string }>('POST', `/api/admin/enterprises/${enc(enterpriseId)}/extension`, { body: { until, reason } }),
  qrCode: (enterpriseId: string) => bytes('GET', `/api/admin/enterprises/${enc(enterpriseId)}/qrcode.png`),

  staffAccounts: () => get<{ accounts: StaffAccount[] }>('/api/admin/staff'),
  createStaff: (input: StaffAccountInput) => staffClient.request<StaffAccount>('POST', '/api/admin/staff', { body: input }),
  updateStaff: (id: string, patch: StaffAccountPatch) => staffClient.request<StaffAccount>('PATCH', `/api/admin/staff/${enc(id)}`, { body: patch }),
};
