import { staffEndpoints } from '@assess/shared';
import type { CampaignInput, CampaignPatch, PassLineInput, ScopeQuery, StaffAccountInput, StaffAccountPatch, StaffLoginRequest, TableQuery, TokenPair } from '@assess/shared';
import { transport } from '../../../platform/http';
import { createApiClient, type ApiClient, type HttpResponse } from '../../../services/apiClient';
import { createContractClient, PARSE_RESPONSES, reportDrift, type ContractClient } from '../../../services/contractClient';
import { goToStaffLogin } from './routes';
import { staffDevices, staffSession } from './staffSession';

/**
 * The staff side of the BFF: the app's HTTP core (services/apiClient — bearer token, one refresh
 * on a 401, `ApiError`s with the server's Chinese message) over the staff session, each call an
 * operation of the shared endpoint table (typed from its zod schemas, answers parsed in
 * development). Every dashboard page calls the API through `staffApi`.
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

/** A media type an enterprise import may be sent as (the browser's guess for the chosen file). */
type ImportMediaType = (typeof staffEndpoints.importEnterprises.upload)[number];

export const staffContract: ContractClient<typeof staffEndpoints> = createContractClient(staffClient, staffEndpoints, { parseResponses: PARSE_RESPONSES, onDrift: reportDrift });
const call = staffContract.call;
/** Binary answers (Excel, PNG) come whole, with their headers, for the platform's file saving. */
const bytes = staffContract.download;
const FILE_TIMEOUT_MS = 120_000;

export const staffApi = {
  async login(username: string, password: string): Promise<TokenPair> {
    const deviceToken = staffDevices.tokenFor(username);
    const body: StaffLoginRequest = deviceToken ? { username, password, deviceToken } : { username, password };
    const { deviceToken: device, ...pair } = await call('staffLogin', { body, auth: false });
    staffDevices.remember(username, device);
    staffSession.set(pair);
    return pair;
  },
  /** Ends the session on the server; best effort, the caller forgets it here whatever happens. */
  async logout(): Promise<void> {
    const refreshToken = staffSession.get()?.refreshToken;
    if (refreshToken) await call('logout', { body: { refreshToken }, auth: false, timeoutMs: 5_000 }).catch(() => undefined);
  },
  loginLock: (enterpriseId: string) => call('getEnterpriseLoginLock', { params: { id: enterpriseId } }),
  clearLoginLock: (enterpriseId: string) => call('clearEnterpriseLoginLock', { params: { id: enterpriseId } }),
  staffLoginLock: (staffId: string) => call('getStaffLoginLock', { params: { id: staffId } }),
  clearStaffLoginLock: (staffId: string) => call('clearStaffLoginLock', { params: { id: staffId } }),
  me: () => call('getStaffMe'),
  campaigns: () => call('listCampaigns'),

  overview: (query: ScopeQuery) => call('getOverview', { query }),
  table: (query: TableParams) => call('listEnterprises', { query }),
  /** The Excel workbook of the table's current filter (every page of it). */
  exportTable: (query: TableParams): Promise<HttpResponse> => bytes('exportEnterprises', { query: { ...query, page: undefined, pageSize: undefined }, timeoutMs: FILE_TIMEOUT_MS }),
  enterprise: (id: string) => call('getEnterpriseDetail', { params: { id } }),
  /** The contacts in full (the detail masks them); the server audits every call. */
  contacts: (id: string) => call('getEnterpriseContacts', { params: { id } }),
  /** The questionnaire definition; load it with the shared engine. */
  questionnaire: (ref: string) => call('getStaffQuestionnaire', { params: { ref } }),
  /** National: the stored questionnaire versions a campaign may use. */
  questionnaires: () => call('listQuestionnaires'),
  quota: (query: ScopeQuery) => call('getQuotaPanel', { query }),

  createCampaign: (input: CampaignInput) => call('createCampaign', { body: input }),
  updateCampaign: (id: string, patch: CampaignPatch) => call('updateCampaign', { params: { id }, body: patch }),

  regions: (campaignId: string) => call('getNationalTable', { query: { campaignId } }),
  previewPassLines: (campaignId: string, lines: PassLineInput) => call('previewPassLines', { params: { id: campaignId }, body: lines }),
  savePassLines: (campaignId: string, lines: PassLineInput) => call('setPassLines', { params: { id: campaignId }, body: lines }),
  publishPassLines: (campaignId: string) => call('publishPassLines', { params: { id: campaignId } }),

  /** Starts an import; it runs on the server, and `importJob` tells how far it is. */
  startImport: (campaignId: string, file: ArrayBuffer, contentType: string) =>
    call('importEnterprises', { params: { id: campaignId }, body: file, contentType: contentType as ImportMediaType, timeoutMs: FILE_TIMEOUT_MS }),
  importJob: (jobId: string) => call('getImportJob', { params: { jobId } }),
  importTemplate: (): Promise<HttpResponse> => bytes('downloadImportTemplate', { timeoutMs: FILE_TIMEOUT_MS }),
  keySheet: (campaignId: string, regionCode: string, reissueAll: boolean): Promise<HttpResponse> => bytes('issueKeySheet', { params: { id: campaignId }, body: { regionCode, reissueAll }, timeoutMs: FILE_TIMEOUT_MS }),
  resetKey: (enterpriseId: string) => call('resetEnterpriseKey', { params: { id: enterpriseId } }),
  extend: (enterpriseId: string, until: string, reason: string) => call('extendEnterpriseDeadline', { params: { id: enterpriseId }, body: { until, reason } }),
  qrCode: (enterpriseId: string): Promise<HttpResponse> => bytes('downloadEnterpriseQrCode', { params: { id: enterpriseId }, timeoutMs: FILE_TIMEOUT_MS }),

  staffAccounts: () => call('listStaffAccounts'),
  createStaff: (input: StaffAccountInput) => call('createStaffAccount', { body: input }),
  updateStaff: (id: string, patch: StaffAccountPatch) => call('updateStaffAccount', { params: { id }, body: patch }),
};
