import type { Document, UpdateFilter } from 'mongodb';
import type { Connection } from 'mongoose';
import { campaignModel } from '../modules/campaigns/model';
import { questionnaireModel } from '../modules/questionnaires/model';
import { enterpriseModel } from '../modules/enterprises/model';
import { resultModel, regionRosterModel, regionSummaryModel, summaryDeltaModel } from '../modules/results/model';
import { attemptModel, draftModel } from '../modules/attempts/model';
import { auditModel } from '../modules/audit/model';
import { staffModel } from '../modules/staff/model';
import { reviewModels } from '../modules/reviews/model';
import { publicityModel } from '../modules/publicity/model';

/** Every model, bound to one connection. Each feature module owns its model's schema. */
export function createModels(connection: Connection) {
  return {
    campaigns: campaignModel(connection),
    questionnaires: questionnaireModel(connection),
    enterprises: enterpriseModel(connection),
    results: resultModel(connection),
    regionSummaries: regionSummaryModel(connection),
    summaryDeltas: summaryDeltaModel(connection),
    regionRosters: regionRosterModel(connection),
    attempts: attemptModel(connection),
    drafts: draftModel(connection),
    audit: auditModel(connection),
    staff: staffModel(connection),
    ...reviewModels(connection),
    publicity: publicityModel(connection),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Creates the declared indexes (idempotent). Run at start and by the seed scripts. */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
}

/**
 * The driver's update typing cannot follow `$push` with `$each`/`$slice` on an untyped
 * collection; hot paths build their updates by hand and pass them through this.
 */
export const rawUpdate = (update: Record<string, unknown>): UpdateFilter<Document> => update as UpdateFilter<Document>;
