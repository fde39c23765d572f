import { endpoint, type Endpoint } from './endpoints';
import {
  chunkAckSchema,
  createUploadInputSchema,
  EVIDENCE_CHUNK_MEDIA_TYPES,
  EVIDENCE_FILE_MEDIA_TYPES,
  evidenceAnswerInputSchema,
  evidenceChecklistInputSchema,
  evidenceChecklistViewSchema,
  evidenceDownloadQuerySchema,
  evidenceMarksInputSchema,
  evidenceNoteInputSchema,
  evidenceOwnFileQuerySchema,
  evidencePageSchema,
  evidenceRequestInputSchema,
  evidenceScopeQuerySchema,
  evidenceSetListSchema,
  evidenceSetQuerySchema,
  evidenceSetViewSchema,
  uploadViewSchema,
} from './evidence';

/**
 * 示范 evidence materials (issue 17). The enterprise's operations (its evidence subpackage's
 * client) and the bureaus' (the bureau subpackage's, part of the staff table).
 */
export const evidenceEnterpriseEndpoints = {
  getEvidence: endpoint({ method: 'get', path: '/api/evidence', response: evidencePageSchema }),
  saveEvidenceAnswer: endpoint({ method: 'put', path: '/api/evidence/items/:itemId/answer', body: evidenceAnswerInputSchema, response: evidenceSetViewSchema }),
  createEvidenceUpload: endpoint({ method: 'post', path: '/api/evidence/uploads', body: createUploadInputSchema, response: uploadViewSchema, status: 201 }),
  getEvidenceUpload: endpoint({ method: 'get', path: '/api/evidence/uploads/:uploadId', response: uploadViewSchema }),
  putEvidenceChunk: endpoint({ method: 'put', path: '/api/evidence/uploads/:uploadId/chunks/:n', upload: EVIDENCE_CHUNK_MEDIA_TYPES, response: chunkAckSchema }),
  completeEvidenceUpload: endpoint({ method: 'post', path: '/api/evidence/uploads/:uploadId/complete', response: evidenceSetViewSchema }),
  submitEvidence: endpoint({ method: 'post', path: '/api/evidence/submit', response: evidenceSetViewSchema }),
  downloadOwnEvidenceFile: endpoint({ method: 'get', path: '/api/evidence/files/:fileId', query: evidenceOwnFileQuerySchema, produces: EVIDENCE_FILE_MEDIA_TYPES }),
} as const satisfies Record<string, Endpoint>;

export const evidenceStaffEndpoints = {
  getEvidenceChecklist: endpoint({ method: 'get', path: '/api/admin/campaigns/:id/evidence-checklist', response: evidenceChecklistViewSchema }),
  saveEvidenceChecklist: endpoint({ method: 'put', path: '/api/admin/campaigns/:id/evidence-checklist', body: evidenceChecklistInputSchema, response: evidenceChecklistViewSchema }),
  listEvidenceSets: endpoint({ method: 'get', path: '/api/evidence/sets', query: evidenceScopeQuerySchema, response: evidenceSetListSchema }),
  getEvidenceSet: endpoint({ method: 'get', path: '/api/evidence/sets/:enterpriseId', query: evidenceSetQuerySchema, response: evidenceSetViewSchema }),
  downloadEvidenceFile: endpoint({ method: 'get', path: '/api/evidence/sets/:enterpriseId/files/:fileId', query: evidenceDownloadQuerySchema, produces: EVIDENCE_FILE_MEDIA_TYPES }),
  markEvidence: endpoint({ method: 'put', path: '/api/evidence/sets/:enterpriseId/marks', query: evidenceSetQuerySchema, body: evidenceMarksInputSchema, response: evidenceSetViewSchema }),
  requestEvidence: endpoint({ method: 'post', path: '/api/evidence/sets/:enterpriseId/requests', query: evidenceSetQuerySchema, body: evidenceRequestInputSchema, response: evidenceSetViewSchema, status: 201 }),
  saveEvidenceNote: endpoint({ method: 'put', path: '/api/evidence/sets/:enterpriseId/note', query: evidenceSetQuerySchema, body: evidenceNoteInputSchema, response: evidenceSetViewSchema }),
} as const satisfies Record<string, Endpoint>;
