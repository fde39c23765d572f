import type { EvidenceChecklistInput, EvidenceMarksInput, EvidenceRequestInput, EvidenceScopeQuery } from '@assess/shared';
import type { HttpResponse } from '../../../services/apiClient';
import { staffContract } from './staffApi';

/** 示范 evidence, the bureaus' side (shared evidenceEndpoints, part of the staff table). */
const call = staffContract.call;

export const evidenceStaffApi = {
  checklist: (campaignId: string) => call('getEvidenceChecklist', { params: { id: campaignId } }),
  saveChecklist: (campaignId: string, input: EvidenceChecklistInput) => call('saveEvidenceChecklist', { params: { id: campaignId }, body: input }),
  sets: (query: EvidenceScopeQuery) => call('listEvidenceSets', { query }),
  set: (campaignId: string, enterpriseId: string) => call('getEvidenceSet', { params: { enterpriseId }, query: { campaignId } }),
  file: (campaignId: string, enterpriseId: string, fileId: string, inline: boolean): Promise<HttpResponse> =>
    staffContract.download('downloadEvidenceFile', { params: { enterpriseId, fileId }, query: { campaignId, ...(inline ? { inline: '1' as const } : {}) }, timeoutMs: 120_000 }),
  mark: (campaignId: string, enterpriseId: string, input: EvidenceMarksInput) => call('markEvidence', { params: { enterpriseId }, query: { campaignId }, body: input }),
  request: (campaignId: string, enterpriseId: string, input: EvidenceRequestInput) => call('requestEvidence', { params: { enterpriseId }, query: { campaignId }, body: input }),
  note: (campaignId: string, enterpriseId: string, note: string) => call('saveEvidenceNote', { params: { enterpriseId }, query: { campaignId }, body: { note } }),
};
