import {
  SCAN_UPLOAD_MEDIA_TYPES,
  type ApplicantReviewsInput,
  type ObjectionInput,
  type PackageQuery,
  type PublicityPeriodInput,
  type RecommendationListInput,
  type ReviewDecisionsInput,
  type ScanUploadMediaType,
  type ScopeQuery,
} from '@assess/shared';
import type { HttpResponse } from '../../../services/apiClient';
import { staffContract } from './staffApi';

/**
 * After the close: the region's working page (初核, 评审与推荐, 上报), the national bureau's
 * package confirmation and its 公示 and 认定 — operations of the shared staff endpoint table
 * (shared/src/api/reviewEndpoints.ts), over the same contract client as staffApi: their inputs
 * and answers are typed by, and in development checked against, the schemas the BFF validates with.
 */

const call = staffContract.call;
const bytes = staffContract.download;
const FILE_TIMEOUT_MS = 120_000;

/** A scan goes as the media type it was picked as, or as octet-stream (the server reads its kind from its bytes). */
const scanMediaType = (contentType: string): ScanUploadMediaType => SCAN_UPLOAD_MEDIA_TYPES.find((type) => type === contentType) ?? 'application/octet-stream';

export const reviewsApi = {
  work: (query: ScopeQuery) => call('getReviewWork', { query }),
  decide: (query: ScopeQuery, input: ReviewDecisionsInput) => call('decideReviews', { query, body: input }),
  review: (query: ScopeQuery, input: ApplicantReviewsInput) => call('reviewApplicants', { query, body: input }),
  saveList: (query: ScopeQuery, input: RecommendationListInput) => call('saveRecommendationList', { query, body: input }),
  saveSummary: (query: ScopeQuery, summary: string) => call('saveReviewSummary', { query, body: { summary } }),
  confirmProposals: (query: ScopeQuery, enterpriseIds: string[]) => call('confirmCityProposals', { query, body: { enterpriseIds } }),
  submit: (query: ScopeQuery, rev: number) => call('submitPackage', { query, body: { rev }, timeoutMs: 60_000 }),
  packageView: (query: PackageQuery) => call('getPackage', { query }),
  packagePdf: (query: PackageQuery): Promise<HttpResponse> => bytes('downloadPackagePdf', { query, timeoutMs: FILE_TIMEOUT_MS }),
  scan: (query: PackageQuery & { n?: number }): Promise<HttpResponse> => bytes('downloadPackageScan', { query, timeoutMs: FILE_TIMEOUT_MS }),
  uploadScan: (query: PackageQuery, file: ArrayBuffer, contentType: string) => call('uploadPackageScan', { query, body: file, contentType: scanMediaType(contentType), timeoutMs: FILE_TIMEOUT_MS }),
  history: (query: ScopeQuery) => call('getReviewHistory', { query }),

  packages: (campaignId: string) => call('listPackages', { params: { id: campaignId } }),
  confirmPackage: (campaignId: string, regionCode: string, version: number) => call('confirmPackage', { params: { id: campaignId }, body: { regionCode, version } }),
  returnPackage: (campaignId: string, regionCode: string, version: number, reason: string) => call('returnPackage', { params: { id: campaignId }, body: { regionCode, version, reason } }),

  publicity: (campaignId: string) => call('getPublicity', { params: { id: campaignId } }),
  schedule: (campaignId: string, input: PublicityPeriodInput) => call('schedulePublicity', { params: { id: campaignId }, body: input }),
  recordObjection: (campaignId: string, input: ObjectionInput) => call('recordObjection', { params: { id: campaignId }, body: input }),
  decideObjection: (campaignId: string, objectionId: string, outcome: 'upheld' | 'dismissed', note: string) => call('decideObjection', { params: { id: campaignId }, body: { objectionId, outcome, note } }),
  certify: (campaignId: string) => call('certifyPublicity', { params: { id: campaignId } }),
  exportXlsx: (campaignId: string): Promise<HttpResponse> => bytes('exportPublicityXlsx', { params: { id: campaignId }, timeoutMs: FILE_TIMEOUT_MS }),
  exportPdf: (campaignId: string): Promise<HttpResponse> => bytes('exportPublicityPdf', { params: { id: campaignId }, timeoutMs: FILE_TIMEOUT_MS }),
};
