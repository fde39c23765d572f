import type { TrackOverrideInput } from '@assess/shared';
import type { HttpResponse } from '../../../services/apiClient';
import { staffContract } from './staffApi';

/**
 * One enterprise across the years (shared/src/api/recordEndpoints.ts): its lasting record on the
 * bureau's enterprise page, and the national bureau's list of titles at risk — operations of the
 * shared staff endpoint table, over the same contract client as staffApi.
 */
const call = staffContract.call;

export const recordsApi = {
  record: (enterpriseId: string) => call('getEnterpriseRecord', { params: { id: enterpriseId } }),
  risks: (year?: number) => call('listTitleRisks', { query: year ? { year } : {} }),
  overrideTrack: (campaignId: string, input: TrackOverrideInput) => call('overrideTrack', { params: { id: campaignId }, body: input }),
  exportRisks: (year?: number): Promise<HttpResponse> => staffContract.download('exportTitleRisks', { query: year ? { year } : {}, timeoutMs: 120_000 }),
};
