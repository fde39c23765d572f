import type { z } from 'zod';
import { XLSX_MEDIA_TYPE } from './admin';
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
import { scoreHistorySchema } from './history';
import { attemptListSchema, draftImportReportSchema, quotaTableSchema } from './responses';
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
  /** A file instead of JSON: its media type, or the types it may be (a stored scan is a PDF or an image). */
  produces?: string | readonly string[];
  status?: number;
}

export const endpoint = <const E extends Endpoint>(e: E): E => e;

/**
 * What the enterprise's app calls (the mini-program's main package): kept apart from the staff
 * operations so the main package does not carry the bureau's schemas (and their password checker).
 */
export const enterpriseEndpoints = {
  enterpriseLogin: endpoint({ method: 'post', path: '/api/auth/enterprise/login', body: enterpriseLoginRequestSchema, response: enterpriseLoginResponseSchema }),
  refreshTokens: endpoint({ method: 'post', path: '/api/auth/refresh', body: refreshRequestSchema, response: tokenPairSchema }),
  logout: endpoint({ method: 'post', path: '/api/auth/logout', body: logoutRequestSchema, response: logoutResponseSchema }),
  getEntry: endpoint({ method: 'get', path: '/api/entry/:scene', response: entryInfoSchema }),
  getMe: endpoint({ method: 'get', path: '/api/me', response: meResponseSchema }),
  getMyHistory: endpoint({ method: 'get', path: '/api/me/history', response: scoreHistorySchema }),
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
  getQuotaTable: endpoint({ method: 'get', path: '/api/quotas/:year', response: quotaTableSchema }),
} as const satisfies Record<string, Endpoint>;

/** `/api/attempts/:id` → `{ id: string }`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;
