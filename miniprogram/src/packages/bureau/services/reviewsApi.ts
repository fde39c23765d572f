import type {
  ApplicantReviewsInput,
  PackagesTable,
  PackageView,
  PublicityPeriodInput,
  PublicityView,
  RecommendationListInput,
  ReviewDecisionsInput,
  ScopeQuery,
  WorkPage,
} from '@assess/shared';
import type { HttpResponse } from '../../../services/apiClient';
import { queryString } from './query';
import { staffClient } from './staffApi';

/**
 * After the close (issue 16): the region's working page (初核, 评审与推荐, 上报), the national
 * bureau's package confirmation and its 公示 and 认定 — over the same staff client as staffApi.
 */

const enc = encodeURIComponent;
const q = (query: ScopeQuery & { version?: number }) => queryString({ ...query });
const bytes = (path: string): Promise<HttpResponse> => staffClient.send('GET', path, { responseType: 'arraybuffer', timeoutMs: 120_000 });

export const reviewsApi = {
  work: (query: ScopeQuery) => staffClient.request<WorkPage>('GET', `/api/reviews/work${q(query)}`),
  decide: (query: ScopeQuery, input: ReviewDecisionsInput) => staffClient.request<WorkPage>('POST', `/api/reviews/decisions${q(query)}`, { body: input }),
  review: (query: ScopeQuery, input: ApplicantReviewsInput) => staffClient.request<WorkPage>('POST', `/api/reviews/applicant-reviews${q(query)}`, { body: input }),
  saveList: (query: ScopeQuery, input: RecommendationListInput) => staffClient.request<WorkPage>('PUT', `/api/reviews/lists${q(query)}`, { body: input }),
  saveSummary: (query: ScopeQuery, summary: string) => staffClient.request<WorkPage>('PUT', `/api/reviews/summary${q(query)}`, { body: { summary } }),
  confirmProposals: (query: ScopeQuery, enterpriseIds: string[]) => staffClient.request<WorkPage>('POST', `/api/reviews/proposals/confirm${q(query)}`, { body: { enterpriseIds } }),
  submit: (query: ScopeQuery, rev: number) => staffClient.request<WorkPage>('POST', `/api/reviews/package/submit${q(query)}`, { body: { rev }, timeoutMs: 60_000 }),
  packageView: (query: ScopeQuery & { version?: number }) => staffClient.request<PackageView>('GET', `/api/reviews/package${q(query)}`),
  packagePdf: (query: ScopeQuery & { version?: number }) => bytes(`/api/reviews/package.pdf${q(query)}`),
  scan: (query: ScopeQuery & { version?: number; n?: number }) => bytes(`/api/reviews/package/scan${queryString({ ...query })}`),
  uploadScan: (query: ScopeQuery & { version?: number }, file: ArrayBuffer, contentType: string) =>
    staffClient.request<{ n: number; sha256: string }>('POST', `/api/reviews/package/scans${q(query)}`, { body: file, headers: { 'Content-Type': contentType }, timeoutMs: 120_000 }),
  history: (query: ScopeQuery) => staffClient.request<{ events: Array<{ rev: number; action: string; by: string; byRole: string; at: string; what: string; reason: string | null }> }>('GET', `/api/reviews/history${q(query)}`),

  packages: (campaignId: string) => staffClient.request<PackagesTable>('GET', `/api/admin/campaigns/${enc(campaignId)}/packages`),
  confirmPackage: (campaignId: string, regionCode: string, version: number) => staffClient.request('POST', `/api/admin/campaigns/${enc(campaignId)}/packages/confirm`, { body: { regionCode, version } }),
  returnPackage: (campaignId: string, regionCode: string, version: number, reason: string) =>
    staffClient.request('POST', `/api/admin/campaigns/${enc(campaignId)}/packages/return`, { body: { regionCode, version, reason } }),

  publicity: (campaignId: string) => staffClient.request<PublicityView>('GET', `/api/admin/campaigns/${enc(campaignId)}/publicity`),
  schedule: (campaignId: string, input: PublicityPeriodInput) => staffClient.request<PublicityView>('PUT', `/api/admin/campaigns/${enc(campaignId)}/publicity`, { body: input }),
  recordObjection: (campaignId: string, input: { enterpriseId: string | null; from: string; receivedAt: string; content: string }) =>
    staffClient.request<PublicityView>('POST', `/api/admin/campaigns/${enc(campaignId)}/publicity/objections`, { body: input }),
  decideObjection: (campaignId: string, objectionId: string, outcome: 'upheld' | 'dismissed', note: string) =>
    staffClient.request<PublicityView>('POST', `/api/admin/campaigns/${enc(campaignId)}/publicity/objections/decision`, { body: { objectionId, outcome, note } }),
  certify: (campaignId: string) => staffClient.request<PublicityView>('POST', `/api/admin/campaigns/${enc(campaignId)}/publicity/certify`),
  exportXlsx: (campaignId: string) => bytes(`/api/admin/campaigns/${enc(campaignId)}/publicity.xlsx`),
  exportPdf: (campaignId: string) => bytes(`/api/admin/campaigns/${enc(campaignId)}/publicity.pdf`),
};
