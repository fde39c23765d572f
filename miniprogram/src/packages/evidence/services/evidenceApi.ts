import { evidenceEnterpriseEndpoints, type CreateUploadInput } from '@assess/shared';
import { apiClient } from '../../../services/api';
import type { HttpResponse } from '../../../services/apiClient';
import { createContractClient, PARSE_RESPONSES, reportDrift } from '../../../services/contractClient';

/**
 * The enterprise's 示范 evidence operations (shared evidenceEndpoints): their own contract client in
 * this subpackage, over the app's session, so the main package carries none of these schemas.
 */
const contract = createContractClient(apiClient, evidenceEnterpriseEndpoints, { parseResponses: PARSE_RESPONSES, onDrift: reportDrift });
const CHUNK_TIMEOUT_MS = 60_000;

export const evidenceApi = {
  page: () => contract.call('getEvidence'),
  saveAnswer: (itemId: string, answer: string) => contract.call('saveEvidenceAnswer', { params: { itemId }, body: { answer } }),
  createUpload: (input: CreateUploadInput) => contract.call('createEvidenceUpload', { body: input }),
  upload: (uploadId: string) => contract.call('getEvidenceUpload', { params: { uploadId } }),
  putChunk: (uploadId: string, n: number, bytes: ArrayBuffer) => contract.call('putEvidenceChunk', { params: { uploadId, n: String(n) }, body: bytes, contentType: 'application/octet-stream', timeoutMs: CHUNK_TIMEOUT_MS }),
  complete: (uploadId: string) => contract.call('completeEvidenceUpload', { params: { uploadId }, timeoutMs: CHUNK_TIMEOUT_MS }),
  submit: () => contract.call('submitEvidence', { timeoutMs: 30_000 }),
  file: (fileId: string): Promise<HttpResponse> => contract.download('downloadOwnEvidenceFile', { params: { fileId }, query: { inline: '1' }, timeoutMs: 120_000 }),
};
