import { Types } from 'mongoose';
import type { ImportRowError } from '@assess/shared';
import type { Models } from '../../lib/models';
import type { Clock } from '../../lib/clock';
import { generateSceneToken } from '../../lib/secrets';
import type { CampaignDoc } from '../campaigns/model';
import type { EnterpriseDoc } from './model';
import { validateImportRow, type EnterpriseRecord } from './rows';

export interface ImportOutcome {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
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
 */
export async function importEnterprises(
  deps: { models: Models; clock: Clock },
  campaign: CampaignDoc,
  rows: Array<{ row: number; data: Record<string, unknown> }>,
  onProgress: (processed: number) => Promise<void> | void = () => undefined,
): Promise<ImportOutcome> {
  const { models, clock } = deps;
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

  const existing = new Map<string, EnterpriseDoc>();
  const current = (await models.enterprises.collection.find({ campaignId: campaign._id }, { projection: { keyHash: 0 } }).toArray()) as EnterpriseDoc[];
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
    const enterpriseDocs = batch.map(({ _id, record }) => ({
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
    const written = await insertManyTolerant(models.enterprises.collection, enterpriseDocs);
    const insertedIds = new Set(written.map(String));
    const resultDocs = batch
      .filter(({ _id }) => insertedIds.has(String(_id)))
      .map(({ _id, record }) => newResult(_id, campaign, record, now));
    await insertManyTolerant(models.results.collection, resultDocs);
    inserted += insertedIds.size;
    unchanged += batch.length - insertedIds.size; // inserted meanwhile by a concurrent import of the same file
    processed += batch.length;
    await onProgress(processed);
  }

  let movedAfterSubmit = 0;
  for (const { doc, record } of toUpdate) {
    await models.enterprises.collection.updateOne(
      { _id: doc._id },
      { $set: { name: record.name, regionCode: record.regionCode, cityCode: record.cityCode, track: record.track, titleHeld: record.titleHeld, flags: record.flags, contacts: record.contacts, updatedAt: now } },
    );
    const before = await models.results.collection.findOneAndUpdate(
      { _id: doc._id },
      { $set: { name: record.name, regionCode: record.regionCode, cityCode: record.cityCode, track: record.track, titleHeld: record.titleHeld, line: record.line, flags: record.flags, updatedAt: now }, $inc: { rev: 1 } },
      { returnDocument: 'before' },
    );
    if (before && before.final && (before.regionCode !== record.regionCode || before.line !== record.line)) movedAfterSubmit += 1;
    processed += 1;
    if (processed % 500 === 0) await onProgress(processed);
  }
  await onProgress(rows.length);
  return { total: rows.length, inserted, updated: toUpdate.length, unchanged, errors: errors.sort((a, b) => a.row - b.row), movedAfterSubmit };
}

function newResult(_id: Types.ObjectId, campaign: CampaignDoc, record: EnterpriseRecord, now: Date) {
  return {
    _id,
    campaignId: campaign._id,
    regionCode: record.regionCode,
    cityCode: record.cityCode,
    uscc: record.uscc,
    name: record.name,
    track: record.track,
    titleHeld: record.titleHeld,
    line: record.line,
    flags: record.flags,
    keyVersion: 0,
    opensAt: campaign.opensAt,
    deadline: campaign.closesAt,
    extensionUntil: null,
    status: 'not_started',
    firstLoginAt: null,
    draftStartedAt: null,
    attemptSeq: 0,
    recentKeys: [],
    recentSubmits: [],
    history: [],
    lastSubmittedAt: null,
    final: null,
    integrity: [],
    flagged: false,
    rev: 0,
    updatedAt: now,
  };
}

/** insertMany(ordered: false) that treats duplicate keys as "already there" and returns the ids written. */
async function insertManyTolerant<T extends { _id: Types.ObjectId }>(collection: Models['enterprises']['collection'], docs: T[]): Promise<Types.ObjectId[]> {
  if (docs.length === 0) return [];
  try {
    await collection.insertMany(docs as never[], { ordered: false });
    return docs.map((doc) => doc._id);
  } catch (error) {
    const failure = error as { code?: number; writeErrors?: Array<{ index: number; code: number }> | { index: number; code: number } };
    const writeErrors = Array.isArray(failure.writeErrors) ? failure.writeErrors : failure.writeErrors ? [failure.writeErrors] : [];
    if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== 11000)) throw error;
    const failed = new Set(writeErrors.map((e) => e.index));
    return docs.filter((_, index) => !failed.has(index)).map((doc) => doc._id);
  }
}
