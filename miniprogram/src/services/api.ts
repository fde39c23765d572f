import type {
  AnswerValue,
  AttemptDetail,
  AttemptSummary,
  Draft,
  EnterpriseLoginRequest,
  EnterpriseLoginResponse,
  EntryInfo,
  MeResponse,
  SubmitRequest,
  SubmitResponse,
} from '@assess/shared';
import { isCampaignChoices, XLSX_MEDIA_TYPE } from '@assess/shared';
import { transport } from '../platform/http';
import { createApiClient, type ApiClient } from './apiClient';
import { serverClock } from './clock';
import { goToLogin } from './navigation';
import { session } from './session';

/**
 * The one typed client of the BFF. Every page calls the API through `api`; failures arrive as
 * `ApiError` (services/apiClient), shown with `describeError` (services/errorText).
 */

/** POST /api/attempts/current/draft/import — the per-cell report of an uploaded workbook. */
export interface DraftImportReport {
  revision: number;
  taken: Array<{ questionId: string; cell: string; value: AnswerValue }>;
  refused: Array<{ questionId?: string; cell: string; reason: string }>;
}


export const apiClient: ApiClient = createApiClient({
  base: API_BASE,
  transport,
  session,
  onSessionExpired: goToLogin,
});

/** Requests whose body carries `serverTime` also set the server clock (midpoint of the round trip). */
async function timed<T extends { serverTime: string }>(call: () => Promise<T>): Promise<T> {
  const sentAt = Date.now();
  const result = await call();
  serverClock.sync(result.serverTime, sentAt, Date.now());
  return result;
}

const enc = encodeURIComponent;

export const api = {
  entry: (scene: string) => timed(() => apiClient.request<EntryInfo>('GET', `/api/entry/${enc(scene)}`, { auth: false })),

  /** Logs in, or — when the key fits the enterprise in several campaigns — answers the campaigns to choose from. */
  async login(body: EnterpriseLoginRequest, scene: string | null): Promise<EnterpriseLoginResponse> {
    const answer = await apiClient.request<EnterpriseLoginResponse>('POST', '/api/auth/enterprise/login', { body, auth: false });
    if (!isCampaignChoices(answer)) session.login(answer, scene);
    return answer;
  },

  /** Ends the session on the server (its tokens stop working everywhere). Best effort: logging out offline still forgets it here. */
  async logout(): Promise<void> {
    const refreshToken = session.get()?.refreshToken;
    if (refreshToken) await apiClient.request('POST', '/api/auth/logout', { body: { refreshToken }, auth: false, timeoutMs: 5_000 }).catch(() => undefined);
  },

  me: () => timed(() => apiClient.request<MeResponse>('GET', '/api/me')),
  /** The pinned definition, as JSON; load it with the shared engine. */
  questionnaire: () => apiClient.request<unknown>('GET', '/api/questionnaire'),
  startAttempt: (clientKey: string) => apiClient.request<Draft>('POST', '/api/attempts', { body: { clientKey } }),
  draft: () => apiClient.request<Draft>('GET', '/api/attempts/current/draft'),
  saveDraft: (body: { baseRevision: number; set: Record<string, AnswerValue>; unset: string[] }) =>
    apiClient.request<{ revision: number; updatedAt: string }>('PATCH', '/api/attempts/current/draft', { body }),
  submit: (body: SubmitRequest) => apiClient.request<SubmitResponse>('POST', '/api/attempts/current/submit', { body, timeoutMs: 30_000 }),
  attempts: () => apiClient.request<{ attempts: AttemptSummary[]; finalAttemptId: string | null }>('GET', '/api/attempts'),
  attempt: (id: string) => apiClient.request<AttemptDetail>('GET', `/api/attempts/${enc(id)}`),
  importWorkbook: (bytes: ArrayBuffer) =>
    apiClient.request<DraftImportReport>('POST', '/api/attempts/current/draft/import', {
      body: bytes,
      headers: { 'Content-Type': XLSX_MEDIA_TYPE },
      timeoutMs: 60_000,
    }),
};
