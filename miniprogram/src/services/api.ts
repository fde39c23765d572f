import type { EnterpriseLoginRequest, EnterpriseLoginResponse, SubmitRequest } from '@assess/shared';
import { enterpriseEndpoints, isCampaignChoices, XLSX_MEDIA_TYPE } from '@assess/shared';
import { transport } from '../platform/http';
import { createApiClient, type ApiClient } from './apiClient';
import { createContractClient, PARSE_RESPONSES, reportDrift, type BodyOf, type ContractClient } from './contractClient';
import { serverClock } from './clock';
import { goToLogin } from './navigation';
import { session } from './session';

/**
 * The one typed client of the BFF. Every page calls the API through `api`, each call an operation
 * of the shared endpoint table (typed from its zod schemas, answers parsed in development);
 * failures arrive as `ApiError` (services/apiClient), shown with `describeError` (services/errorText).
 */

export type { DraftImportReport } from '@assess/shared';

export const apiClient: ApiClient = createApiClient({
  base: API_BASE,
  transport,
  session,
  onSessionExpired: goToLogin,
});

export const contract: ContractClient<typeof enterpriseEndpoints> = createContractClient(apiClient, enterpriseEndpoints, { parseResponses: PARSE_RESPONSES, onDrift: reportDrift });

/** Requests whose body carries `serverTime` also set the server clock (midpoint of the round trip). */
async function timed<T extends { serverTime: string }>(call: () => Promise<T>): Promise<T> {
  const sentAt = Date.now();
  const result = await call();
  serverClock.sync(result.serverTime, sentAt, Date.now());
  return result;
}

export const api = {
  entry: (scene: string) => timed(() => contract.call('getEntry', { params: { scene }, auth: false })),

  /** Logs in, or — when the key fits the enterprise in several campaigns — answers the campaigns to choose from. */
  async login(body: EnterpriseLoginRequest, scene: string | null): Promise<EnterpriseLoginResponse> {
    const answer = await contract.call('enterpriseLogin', { body, auth: false });
    if (!isCampaignChoices(answer)) session.login(answer, scene);
    return answer;
  },

  /** Ends the session on the server (its tokens stop working everywhere). Best effort: logging out offline still forgets it here. */
  async logout(): Promise<void> {
    const refreshToken = session.get()?.refreshToken;
    if (refreshToken) await contract.call('logout', { body: { refreshToken }, auth: false, timeoutMs: 5_000 }).catch(() => undefined);
  },

  me: () => timed(() => contract.call('getMe')),
  /** 历年测评: the enterprise's certified years, from its lasting record. */
  history: () => contract.call('getMyHistory'),
  /** The pinned definition, as JSON; load it with the shared engine. */
  questionnaire: () => contract.call('getQuestionnaire'),
  startAttempt: (clientKey: string) => contract.call('startAttempt', { body: { clientKey } }),
  draft: () => contract.call('getDraft'),
  saveDraft: (body: BodyOf<typeof enterpriseEndpoints.saveDraft>) => contract.call('saveDraft', { body }),
  submit: (body: SubmitRequest) => contract.call('submitAttempt', { body, timeoutMs: 30_000 }),
  attempts: () => contract.call('listAttempts'),
  attempt: (id: string) => contract.call('getAttempt', { params: { id } }),
  /** The receipt with the answers it covers, as one file anyone can verify offline. */
  receiptFile: (id: string) => contract.call('downloadReceiptFile', { params: { id } }),
  importWorkbook: (bytes: ArrayBuffer) => contract.call('importDraftWorkbook', { body: bytes, contentType: XLSX_MEDIA_TYPE, timeoutMs: 60_000 }),
};
