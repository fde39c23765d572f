import { Types } from 'mongoose';
import type { ImportRowError } from '@assess/shared';
import type { Clock } from '../../lib/clock';
import { collectionOf, insertManyTolerant } from '../../lib/mongo';
import { generateSceneToken } from '../../lib/secrets';
import type { CampaignDoc } from '../campaigns/model';
import type { RecordService } from '../records/service';
import type { ResultRepository } from '../results/repository';
import type { EnterpriseDoc, EnterpriseModel } from './model';
import { validateImportRow, type EnterpriseRecord } from './rows';

export interface ImportOutcome {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
  /** Rows imported with a note from the records' track check (or the national bureau's override of it). */
  warnings: Array<ImportRowError & { code: string }>;
  /** Enterprises whose region or pass line changed after they had submitted (summaries need a rebuild). */
  movedAfterSubmit: number;
}

const BATCH = 1_000;

function sameRecord(existing: EnterpriseDoc, record: EnterpriseRecord): boolean {
  return (
    existing.name === record.name &&
    existing.regionCode === record.regionCode &&
    (existing.cityCode ?? null) === record.cityCode &&
    existing.track === record.track &&
    existing.titleHeld === record.titleHeld &&
    Boolean(existing.flags?.specialized) === record.flags.specialized &&
    Boolean(existing.flags?.littleGiant) === record.flags.littleGiant &&
    Boolean(existing.flags?.centralSoe) === record.flags.centralSoe &&
    JSON.stringify((existing.contacts ?? []).map((c) => [c.name, c.phone, c.email])) === JSON.stringify(record.contacts.map((c) => [c.name, c.phone, c.email]))
  );
}

/**
 * Imports validated rows idempotently by USCC. FerretDB scans the collection on every filtered
 * write (docs/database.md), so instead of one upsert per row it reads the campaign's
 * enterprises once, inserts the new ones in batches and updates only the changed ones by _id.
 * Each enterprise's result (the results module's) follows its enterprise: `applyImport`.
 */
export async function importEnterprises(
  deps: { enterprises: EnterpriseModel; results: Pick<ResultRepository, 'applyImport'>; records: Pick<RecordService, 'checkImport' | 'recordImportGrants'>; clock: Clock },
  campaign: CampaignDoc,
  rows: Array<{ row: number; data: Record<string, unknown> }>,
  onProgress: (processed: number) => Promise<void> | void = () => undefined,
): Promise<ImportOutcome> {
  const { results, clock } = deps;
  const enterprises = collectionOf(deps.enterprises);
  const errors: ImportRowError[] = [];
  const records = new Map<string, { row: number; record: EnterpriseRecord }>();
  for (const { row, data } of rows) {
    const outcome = validateImportRow(row, data);
    if ('errors' in outcome) {
      errors.push(...outcome.errors);
      continue;
    }
    const earlier = records.get(outcome.record.uscc);
    if (earlier) {
      errors.push({ row, field: 'uscc', reason: `与第 ${earlier.row} 行的统一社会信用代码重复` });
      continue;
    }
    records.set(outcome.record.uscc, { row, record: outcome.record });
  }

  // Each row's track against the enterprise's lasting record and the year rules (one read for the file).
  const checks = await deps.records.checkImport(
    campaign,
    [...records.values()].map(({ row, record }) => ({ row, uscc: record.uscc, name: record.name, track: record.track, titleHeld: record.titleHeld, grantedYear: record.grantedYear })),
  );
  const refused = new Set(checks.errors.map((issue) => issue.row));
  const byRow = new Map([...records.values()].map(({ row, record }) => [row, record]));
  for (const issue of checks.errors) errors.push({ row: issue.row, field: issue.field, reason: issue.reason, uscc: byRow.get(issue.row)?.uscc, track: byRow.get(issue.row)?.track, code: issue.code });
  for (const [uscc, { row }] of records) if (refused.has(row)) records.delete(uscc);

  const existing = new Map<string, EnterpriseDoc>();
  const current = await enterprises.find({ campaignId: campaign._id }, { projection: { keyHash: 0 } }).toArray();
  for (const doc of current) existing.set(doc.uscc, doc);

  const now = clock.now();
  const toInsert: EnterpriseRecord[] = [];
  const toUpdate: Array<{ doc: EnterpriseDoc; record: EnterpriseRecord }> = [];
  let unchanged = 0;
  for (const { record } of records.values()) {
    const doc = existing.get(record.uscc);
    if (!doc) toInsert.push(record);
    else if (sameRecord(doc, record)) unchanged += 1;
    else toUpdate.push({ doc, record });
  }

  let processed = errors.length + unchanged;
  await onProgress(processed);
  let inserted = 0;
  for (let start = 0; start < toInsert.length; start += BATCH) {
    const batch = toInsert.slice(start, start + BATCH).map((record) => ({ _id: new Types.ObjectId(), record }));
    const enterpriseDocs = batch.map(({ _id, record }): EnterpriseDoc => ({
      _id,
      campaignId: campaign._id,
      uscc: record.uscc,
      name: record.name,
      regionCode: record.regionCode,
      cityCode: record.cityCode,
      track: record.track,
      titleHeld: record.titleHeld,
      flags: record.flags,
      contacts: record.contacts,
      keyHash: null,
      keyVersion: 0,
      keyIssuedAt: null,
      sceneToken: generateSceneToken(),
      extension: null,
      createdAt: now,
      updatedAt: now,
    }));
    const written = await insertManyTolerant(enterprises, enterpriseDocs);
    const added = batch.filter((_, index) => written[index]).map(({ _id, record }) => ({ _id, facts: record }));
    await results.applyImport(campaign, { added });
    inserted += added.length;
    unchanged += batch.length - added.length; // inserted meanwhile by a concurrent import of the same file
    processed += batch.length;
    await onProgress(processed);
  }

  let movedAfterSubmit = 0;
  for (const { doc, record } of toUpdate) {
    await enterprises.updateOne(
      { _id: doc._id },
      { $set: { name: record.name, regionCode: record.regionCode, cityCode: record.cityCode, track: record.track, titleHeld: record.titleHeld, flags: record.flags, contacts: record.contacts, updatedAt: now } },
    );
    // Right after its enterprise: a re-run of an interrupted import finds that enterprise unchanged.
    movedAfterSubmit += (await results.applyImport(campaign, { changed: [{ _id: doc._id, facts: record }] })).movedAfterSubmit;
    processed += 1;
    if (processed % 500 === 0) await onProgress(processed);
  }
  await deps.records.recordImportGrants(campaign, checks.grants.filter((grant) => records.has(grant.uscc)));
  await onProgress(rows.length);
  return { total: rows.length, inserted, updated: toUpdate.length, unchanged, errors: errors.sort((a, b) => a.row - b.row), warnings: checks.warnings.sort((a, b) => a.row - b.row), movedAfterSubmit };
}
