import { XLSX_MEDIA_TYPE } from './admin';
import { scopeQuerySchema } from './dashboard';
import { endpoint, type Endpoint } from './endpoints';
import {
  applicantReviewsInputSchema,
  confirmPackageInputSchema,
  confirmProposalsInputSchema,
  objectionDecisionInputSchema,
  objectionInputSchema,
  packageDecisionResultSchema,
  packageQuerySchema,
  packagesTableSchema,
  packageViewSchema,
  publicityPeriodInputSchema,
  publicityViewSchema,
  recommendationListInputSchema,
  returnPackageInputSchema,
  reviewDecisionsInputSchema,
  reviewHistorySchema,
  reviewSummaryInputSchema,
  SCAN_FILE_MEDIA_TYPES,
  SCAN_UPLOAD_MEDIA_TYPES,
  scanQuerySchema,
  scanViewSchema,
  submitPackageInputSchema,
  workPageSchema,
} from './reviews';

const PDF = 'application/pdf';

/**
 * After the close: the local bureaus' review work and package (上报), and the national bureau's
 * confirmation, 公示 and 认定 — part of the staff table (the bureau subpackage's client).
 */
export const reviewEndpoints = {
  getReviewWork: endpoint({ method: 'get', path: '/api/reviews/work', query: scopeQuerySchema, response: workPageSchema }),
  decideReviews: endpoint({ method: 'post', path: '/api/reviews/decisions', query: scopeQuerySchema, body: reviewDecisionsInputSchema, response: workPageSchema }),
  reviewApplicants: endpoint({ method: 'post', path: '/api/reviews/applicant-reviews', query: scopeQuerySchema, body: applicantReviewsInputSchema, response: workPageSchema }),
  saveRecommendationList: endpoint({ method: 'put', path: '/api/reviews/lists', query: scopeQuerySchema, body: recommendationListInputSchema, response: workPageSchema }),
  saveReviewSummary: endpoint({ method: 'put', path: '/api/reviews/summary', query: scopeQuerySchema, body: reviewSummaryInputSchema, response: workPageSchema }),
  confirmCityProposals: endpoint({ method: 'post', path: '/api/reviews/proposals/confirm', query: scopeQuerySchema, body: confirmProposalsInputSchema, response: workPageSchema }),
  submitPackage: endpoint({ method: 'post', path: '/api/reviews/package/submit', query: scopeQuerySchema, body: submitPackageInputSchema, response: workPageSchema }),
  getPackage: endpoint({ method: 'get', path: '/api/reviews/package', query: packageQuerySchema, response: packageViewSchema }),
  downloadPackagePdf: endpoint({ method: 'get', path: '/api/reviews/package.pdf', query: packageQuerySchema, produces: PDF }),
  uploadPackageScan: endpoint({ method: 'post', path: '/api/reviews/package/scans', query: packageQuerySchema, upload: SCAN_UPLOAD_MEDIA_TYPES, response: scanViewSchema, status: 201 }),
  downloadPackageScan: endpoint({ method: 'get', path: '/api/reviews/package/scan', query: scanQuerySchema, produces: SCAN_FILE_MEDIA_TYPES }),
  getReviewHistory: endpoint({ method: 'get', path: '/api/reviews/history', query: scopeQuerySchema, response: reviewHistorySchema }),

  listPackages: endpoint({ method: 'get', path: '/api/admin/campaigns/:id/packages', response: packagesTableSchema }),
  confirmPackage: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/packages/confirm', body: confirmPackageInputSchema, response: packageDecisionResultSchema }),
  returnPackage: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/packages/return', body: returnPackageInputSchema, response: packageDecisionResultSchema }),
  getPublicity: endpoint({ method: 'get', path: '/api/admin/campaigns/:id/publicity', response: publicityViewSchema }),
  schedulePublicity: endpoint({ method: 'put', path: '/api/admin/campaigns/:id/publicity', body: publicityPeriodInputSchema, response: publicityViewSchema }),
  recordObjection: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/publicity/objections', body: objectionInputSchema, response: publicityViewSchema, status: 201 }),
  decideObjection: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/publicity/objections/decision', body: objectionDecisionInputSchema, response: publicityViewSchema }),
  certifyPublicity: endpoint({ method: 'post', path: '/api/admin/campaigns/:id/publicity/certify', response: publicityViewSchema }),
  exportPublicityXlsx: endpoint({ method: 'get', path: '/api/admin/campaigns/:id/publicity.xlsx', produces: XLSX_MEDIA_TYPE }),
  exportPublicityPdf: endpoint({ method: 'get', path: '/api/admin/campaigns/:id/publicity.pdf', produces: PDF }),
} as const satisfies Record<string, Endpoint>;
