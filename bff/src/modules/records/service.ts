import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import {
  checkTrack,
  eventsOfYear,
  historyImportRowSchema,
  regionByCode,
  riskOf,
  standingFlagLabels,
  standingIn,
  titleEventLabels,
  titleLabels,
  toBeijingIso,
  trackLabels,
  validateUscc,
  type EnterpriseRecord,
  type EnterpriseRecordView,
  type HistoryImportReport,
  type RulesFor,
  type ScoreHistory,
  type StandingView,
  type Title,
  type TitleEventSource,
  type TitleRiskList,
  type TitleRiskRow,
  type Track,
  type TrackOverrideInput,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { KeyedMutex } from '../../lib/keyedMutex';
import { collectionOf } from '../../lib/mongo';
import type { StaffActor } from '../../lib/route';
import type { AuditService } from '../audit/service';
import type { CampaignDoc } from '../campaigns/model';
import type { CampaignService } from '../campaigns/service';
import type { ClosingRow, ResultRepository } from '../results/repository';
import type { ClosingInput, EnterpriseRecordDoc, EnterpriseRecordModel, RecordClosingDoc, RecordClosingModel, RecordJournalModel, RecordOverride, RecordParticipation, RecordTitleEvent } from './model';

export type { ClosingInput } from './model';

/**
 * Writes go under a lock per USCC. A close or an import writes thousands of records at once and
 * cannot take a lease each (on FerretDB a lease is an insert and a delete), so the USCCs are
 * spread over a few lock keys: one record's write takes its key, a bulk write takes them all, in
 * order (two bulk writes never wait on each other crosswise).
 */
const LOCK_SHARDS = 8;
const lockKeys = Array.from({ length: LOCK_SHARDS }, (_, index) => `records:${index}`);
const lockKeyOf = (uscc: string) => lockKeys[createHash('sha1').update(uscc).digest()[0]! % LOCK_SHARDS]!;
/** Records per journal chunk and per insertMany. */
const BULK = 500;
/** Up to this many changed records are replaced one by one; more go through the journal (delete once, insert again). */
const ONE_BY_ONE = 20;

/** What an enterprise import asks of the records about one row. */
export interface ImportCheckRow {
  row: number;
  uscc: string;
  name: string;
  track: Track;
  titleHeld: 'none' | Title;
  /** 认定年份 from the row (null when blank). */
  grantedYear: number | null;
}

export interface ImportRowIssue {
  row: number;
  field: string;
  reason: string;
  code: string;
}

export interface ImportCheck {
  errors: ImportRowIssue[];
  warnings: ImportRowIssue[];
  /** Titles the rows' 认定年份 give enterprises without a recorded history (written once the rows are imported). */
  grants: Array<{ uscc: string; name: string; title: Title; year: number }>;
}

export interface CloseOutcome {
  applied: boolean;
  enterprises: number;
  events: number;
  ms: number;
}

const titleOfTrack = (track: Track): Title | null => (track === 'apply_advantage' ? 'advantage' : track === 'apply_demonstration' ? 'demonstration' : null);

/** The shared rules' view of a stored record. */
export function eligibilityOf(doc: Pick<EnterpriseRecordDoc, 'titles' | 'participations'>): EnterpriseRecord {
  return {
    titles: doc.titles.map((event) => ({ title: event.title, year: event.year, source: event.source, ...(event.note ? { note: event.note } : {}) })),
    participations: doc.participations.map((p) => ({ year: p.year, track: p.track, submitted: p.submitted, finalScore: p.finalScore, reachedLine: p.reachedLine, reviewOutcome: p.reviewOutcome, certified: p.certified })),
  };
}

const sameEvent = (a: Pick<RecordTitleEvent, 'title' | 'year' | 'source'>, b: Pick<RecordTitleEvent, 'title' | 'year' | 'source'>) => a.title === b.title && a.year === b.year && a.source === b.source;
const byYear = <T extends { year: number }>(a: T, b: T) => a.year - b.year;
const eventOrder: Record<TitleEventSource, number> = { granted: 0, review_passed: 1, revoked: 2 };
const byEvent = (a: RecordTitleEvent, b: RecordTitleEvent) => a.year - b.year || eventOrder[a.source] - eventOrder[b.source];

/** A record's content in a fixed field order, to tell whether a write would change it. */
function canonical(doc: Omit<EnterpriseRecordDoc, 'rev' | 'updatedAt'>): string {
  return JSON.stringify([
    doc._id,
    doc.name,
    doc.regionCode,
    doc.names.map((n) => [n.name, n.year]),
    doc.titles.map((t) => [t.title, t.year, t.source, t.note ?? null, t.origin, t.campaignId ?? null]),
    doc.participations.map((p) => [p.campaignId, p.year, p.track, p.regionCode, p.submitted, p.finalScore, p.reachedLine, p.reviewOutcome, p.certified]),
    doc.overrides.map((o) => [o.campaignId, o.track, o.code, o.reason, o.by, +new Date(o.at)]),
  ]);
}

/** A canonical digest of a close's inputs (the same certified outcomes give the same digest). */
function digestOf(input: ClosingInput): string {
  const certified = input.certified.map((c) => `${c.enterpriseId}:${c.title}`).sort();
  const reviews = input.reviews.map((r) => `${r.enterpriseId}:${r.purpose}:${r.line}:${r.outcome}`).sort();
  return createHash('sha256').update(JSON.stringify({ certified, reviews })).digest('hex');
}

const emptyRecord = (uscc: string, name: string, regionCode: string | null): Omit<EnterpriseRecordDoc, 'rev' | 'updatedAt'> => ({ _id: uscc, name, regionCode, names: [], titles: [], participations: [], overrides: [] });

/** The names a record keeps: a new one is appended with the year it was first seen. */
function withName(names: EnterpriseRecordDoc['names'], name: string, year: number): EnterpriseRecordDoc['names'] {
  if (names.length > 0 && names[names.length - 1]!.name === name) return names;
  if (names.some((n) => n.name === name && n.year === year)) return names;
  return [...names, { name, year }].sort(byYear);
}

function parseTitle(raw: string): Title | null {
  const text = raw.trim();
  if (['advantage', '优势企业', '优势', '知识产权优势企业'].includes(text)) return 'advantage';
  if (['demonstration', '示范企业', '示范', '知识产权示范企业'].includes(text)) return 'demonstration';
  return null;
}

function parseSource(raw: string): TitleEventSource | null {
  const text = raw.trim();
  if (['granted', '认定'].includes(text)) return 'granted';
  if (['review_passed', '复核通过'].includes(text)) return 'review_passed';
  if (['revoked', '撤销', '取消'].includes(text)) return 'revoked';
  return null;
}

export function recordService(deps: {
  models: { records: EnterpriseRecordModel; closings: RecordClosingModel; journal: RecordJournalModel };
  clock: Clock;
  audit: AuditService;
  campaigns: Pick<CampaignService, 'getFresh' | 'get' | 'list' | 'rulesFor'>;
  results: Pick<ResultRepository, 'closingRows'>;
  locks: KeyedMutex;
}) {
  const { clock, audit, campaigns, results, locks } = deps;
  const records = collectionOf(deps.models.records);
  const closings = collectionOf(deps.models.closings);
  const journal = collectionOf(deps.models.journal);

  const lockOne = <T>(uscc: string, task: () => Promise<T>): Promise<T> => locks.run(lockKeyOf(uscc), task);
  const lockAll = <T>(task: () => Promise<T>): Promise<T> => lockKeys.reduceRight<() => Promise<T>>((inner, key) => () => locks.run(key, inner), task)();

  /** Deletes the journalled records and inserts them again, then drops the journal (idempotent: a crash midway is replayed). */
  async function replayJournal(): Promise<void> {
    const chunks = await journal.find({}).toArray();
    if (chunks.length === 0) return;
    const docs = chunks.flatMap((chunk) => chunk.docs);
    await records.deleteMany({ _id: { $in: docs.map((doc) => doc._id) } });
    for (let start = 0; start < docs.length; start += BULK) await records.insertMany(docs.slice(start, start + BULK), { ordered: false });
    await journal.deleteMany({ _id: { $in: chunks.map((chunk) => chunk._id) } });
  }

  /**
   * Writes the changed records (the caller holds their locks). A few are replaced one by one; many
   * are journalled, deleted in one statement and inserted again — on FerretDB every filtered write
   * scans the collection, so 2,000 replaces would take minutes where this takes a few statements.
   */
  async function writeAll(changed: Array<{ before: EnterpriseRecordDoc | undefined; after: Omit<EnterpriseRecordDoc, 'rev' | 'updatedAt'> }>): Promise<number> {
    const now = clock.now();
    const docs: EnterpriseRecordDoc[] = [];
    const existed = new Set<string>();
    for (const { before, after } of changed) {
      if (before && canonical(before) === canonical(after)) continue;
      docs.push({ ...after, rev: (before?.rev ?? 0) + 1, updatedAt: now });
      if (before) existed.add(after._id);
    }
    await replayJournal();
    if (docs.length <= ONE_BY_ONE) {
      for (const doc of docs) {
        if (existed.has(doc._id)) await records.replaceOne({ _id: doc._id }, doc);
        else await records.insertOne(doc);
      }
      return docs.length;
    }
    const stamp = `${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`;
    const chunks = [];
    for (let start = 0; start < docs.length; start += BULK) chunks.push({ _id: `${stamp}:${start / BULK}`, at: now, docs: docs.slice(start, start + BULK) });
    await journal.insertMany(chunks);
    await replayJournal();
    return docs.length;
  }

  /** The record with everything a campaign's close put there taken out. */
  function withoutClose(doc: Omit<EnterpriseRecordDoc, 'rev' | 'updatedAt'>, campaignId: string): Omit<EnterpriseRecordDoc, 'rev' | 'updatedAt'> {
    return {
      ...doc,
      titles: doc.titles.filter((event) => !(event.origin === 'close' && event.campaignId === campaignId)),
      participations: doc.participations.filter((p) => p.campaignId !== campaignId),
    };
  }

  function participationOf(row: ClosingRow, campaign: CampaignDoc, certifiedBy: Map<string, Set<Title>>, reviewsBy: Map<string, ClosingInput['reviews']>): RecordParticipation {
    const id = String(row._id);
    const lines = campaign.passLines;
    const line = lines?.state === 'published' ? lines[row.line] : null;
    const purpose = row.track === 'assessment' ? 'assessment' : 'review';
    const judged = (reviewsBy.get(id) ?? []).filter((review) => review.purpose === purpose);
    const title = titleOfTrack(row.track);
    // A projection of 'final.total' may give {} (or nothing) for a null final: the total decides.
    const total = typeof row.final?.total === 'number' ? row.final.total : null;
    return {
      campaignId: String(campaign._id),
      year: campaign.year,
      track: row.track,
      regionCode: row.regionCode,
      submitted: total !== null,
      finalScore: total,
      reachedLine: typeof line === 'number' ? total !== null && total >= line : null,
      reviewOutcome: judged.length === 0 ? null : judged.some((review) => review.outcome === 'pass') ? 'pass' : 'fail',
      certified: title !== null && (certifiedBy.get(id)?.has(title) ?? false),
    };
  }

  /** Applies one campaign's close to the records (the caller holds every lock). */
  async function applyCloseLocked(campaign: CampaignDoc, input: ClosingInput, by: string, rulesFor: RulesFor): Promise<{ enterprises: number; events: number }> {
    const key = String(campaign._id);
    const rows = await results.closingRows(campaign._id);
    const docs = await records.find({ $or: [{ _id: { $in: rows.map((row) => row.uscc) } }, { 'participations.campaignId': key }] }).toArray();
    const stored = new Map(docs.map((doc) => [doc._id, doc]));
    const certifiedBy = new Map<string, Set<Title>>();
    for (const entry of input.certified) certifiedBy.set(entry.enterpriseId, new Set([...(certifiedBy.get(entry.enterpriseId) ?? []), entry.title]));
    const reviewsBy = new Map<string, ClosingInput['reviews']>();
    for (const review of input.reviews) reviewsBy.set(review.enterpriseId, [...(reviewsBy.get(review.enterpriseId) ?? []), review]);

    const changed: Array<{ before: EnterpriseRecordDoc | undefined; after: Omit<EnterpriseRecordDoc, 'rev' | 'updatedAt'> }> = [];
    const seen = new Set<string>();
    let events = 0;
    for (const row of rows) {
      if (seen.has(row.uscc)) continue;
      seen.add(row.uscc);
      const before = stored.get(row.uscc);
      const base = withoutClose(before ?? emptyRecord(row.uscc, row.name, row.regionCode), key);
      const participations = [...base.participations, participationOf(row, campaign, certifiedBy, reviewsBy)].sort(byYear);
      const draft = { ...base, name: row.name, regionCode: row.regionCode, names: withName(base.names, row.name, campaign.year), participations };
      const added: RecordTitleEvent[] = eventsOfYear(eligibilityOf(draft), campaign.year, rulesFor)
        .filter((event) => !draft.titles.some((existing) => sameEvent(existing, event)))
        .map((event) => ({ title: event.title, year: event.year, source: event.source, note: event.note ?? null, origin: 'close', campaignId: key }));
      events += added.length;
      changed.push({ before, after: { ...draft, titles: [...draft.titles, ...added].sort(byEvent) } });
    }
    // An enterprise no longer in the campaign loses what an earlier application of this close gave it.
    for (const doc of docs) if (!seen.has(doc._id)) changed.push({ before: doc, after: withoutClose(doc, key) });
    await writeAll(changed);
    const closing: RecordClosingDoc = { _id: key, year: campaign.year, input, digest: digestOf(input), appliedAt: clock.now(), by, enterprises: seen.size, events };
    await closings.replaceOne({ _id: key }, closing, { upsert: true });
    return { enterprises: seen.size, events };
  }

  function standingView(record: EnterpriseRecord, year: number, rulesFor: RulesFor): StandingView {
    const standing = standingIn(record, year, rulesFor);
    return {
      year,
      held: standing.held ? { title: standing.held.title, titleLabel: titleLabels[standing.held.title], cycleStart: standing.held.cycleStart, grantedYear: standing.held.grantedYear } : null,
      due: standing.due,
      mayApplyDemonstration: standing.mayApplyDemonstration,
      flags: standing.flags.map((flag) => ({ flag, label: standingFlagLabels[flag] })),
      missedAssessments: standing.missedAssessments,
    };
  }

  function recordView(doc: EnterpriseRecordDoc, year: number, rulesFor: RulesFor): EnterpriseRecordView {
    return {
      uscc: doc._id,
      name: doc.name,
      names: doc.names.map(({ name, year: y }) => ({ name, year: y })),
      titles: [...doc.titles].sort(byEvent).map((event) => ({
        title: event.title,
        titleLabel: titleLabels[event.title],
        year: event.year,
        source: event.source,
        sourceLabel: titleEventLabels[event.source],
        note: event.note ?? null,
        origin: event.origin,
        campaignId: event.campaignId ?? null,
      })),
      participations: [...doc.participations].sort(byYear).map((p) => ({
        campaignId: p.campaignId,
        year: p.year,
        track: p.track,
        trackLabel: trackLabels[p.track],
        submitted: p.submitted,
        finalScore: p.finalScore,
        reachedLine: p.reachedLine,
        reviewOutcome: p.reviewOutcome,
        certified: p.certified,
      })),
      standing: standingView(eligibilityOf(doc), year, rulesFor),
      overrides: doc.overrides.map((o) => ({ campaignId: o.campaignId, year: o.year, track: o.track, code: o.code, reason: o.reason, by: o.by, at: toBeijingIso(new Date(o.at)) })),
    };
  }

  /** The year the bureaus look ahead to: the newest campaign's, or the next one once its close is applied. */
  async function currentYear(): Promise<number> {
    const list = await campaigns.list();
    const latest = list[0];
    if (!latest) return clock.now().getUTCFullYear();
    const closed = await closings.findOne({ _id: String(latest._id) }, { projection: { _id: 1 } });
    return closed ? latest.year + 1 : latest.year;
  }

  return {
    /**
     * Applies a campaign's close to the records from its results and its certified outcomes
     * (publicity's certify calls it; `input` null: apply again what was applied last). Idempotent:
     * the close's earlier contribution is taken out and computed again, and the same outcomes
     * (the same digest) are not applied twice unless `force`.
     */
    async applyClose(campaignId: Types.ObjectId, input: ClosingInput | null, options: { by: string; force?: boolean }): Promise<CloseOutcome> {
      const started = Date.now();
      return lockAll(async () => {
        const campaign = await campaigns.getFresh(campaignId);
        const existing = await closings.findOne({ _id: String(campaignId) });
        const applying = input ?? existing?.input ?? null;
        if (!applying) return { applied: false, enterprises: 0, events: 0, ms: Date.now() - started };
        if (existing && existing.digest === digestOf(applying) && !options.force) return { applied: false, enterprises: existing.enterprises, events: existing.events, ms: Date.now() - started };
        const outcome = await applyCloseLocked(campaign, applying, options.by, await campaigns.rulesFor());
        await audit.record({ action: 'records.closed', actor: { kind: options.by === 'system' ? 'system' : 'staff', id: options.by === 'system' ? null : options.by, ip: null }, campaignId, details: outcome });
        return { applied: true, ...outcome, ms: Date.now() - started };
      });
    },

    /**
     * Builds the close-derived part of every record again: takes out every close's titles and
     * participations, then applies each recorded close in year order (each year's events depend
     * on the years before). `inputFor` may give a campaign's certified outcomes afresh (the
     * publicity module's list); otherwise the recorded ones are applied. Imported titles and
     * overrides stay.
     */
    async rebuild(inputFor: (campaignId: Types.ObjectId) => Promise<ClosingInput | null> = async () => null): Promise<{ campaigns: number; enterprises: number; events: number; ms: number }> {
      const started = Date.now();
      return lockAll(async () => {
        const applied = (await closings.find({}).toArray()).sort((a, b) => a.year - b.year || +a.appliedAt - +b.appliedAt);
        const all = await records.find({}).toArray();
        await writeAll(all.map((doc) => ({ before: doc, after: { ...doc, titles: doc.titles.filter((event) => event.origin !== 'close'), participations: [] } })));
        const rulesFor = await campaigns.rulesFor();
        let enterprises = 0;
        let events = 0;
        let count = 0;
        for (const closing of applied) {
          const campaign = await campaigns.getFresh(new Types.ObjectId(closing._id)).catch(() => null);
          if (!campaign) continue;
          const outcome = await applyCloseLocked(campaign, (await inputFor(campaign._id)) ?? closing.input, closing.by, rulesFor);
          enterprises += outcome.enterprises;
          events += outcome.events;
          count += 1;
        }
        const summary = { campaigns: count, enterprises, events, ms: Date.now() - started };
        await audit.record({ action: 'records.rebuilt', actor: { kind: 'system', id: null, ip: null }, campaignId: null, details: summary });
        return summary;
      });
    },

    /** Whether a campaign's close has been applied (and when). */
    async closingOf(campaignId: Types.ObjectId): Promise<Pick<RecordClosingDoc, 'appliedAt' | 'enterprises' | 'events' | 'digest'> | null> {
      return closings.findOne({ _id: String(campaignId) }, { projection: { appliedAt: 1, enterprises: 1, events: 1, digest: 1 } });
    },

    /**
     * Checks an enterprise import's rows against the records (shared checkTrack with the year
     * rules): a contradiction is a row error unless the national bureau overrode it, a lesser one
     * a warning. One read of the records for the whole file.
     */
    async checkImport(campaign: CampaignDoc, rows: readonly ImportCheckRow[]): Promise<ImportCheck> {
      const out: ImportCheck = { errors: [], warnings: [], grants: [] };
      if (rows.length === 0) return out;
      const [docs, rulesFor] = await Promise.all([records.find({ _id: { $in: rows.map((row) => row.uscc) } }).toArray(), campaigns.rulesFor()]);
      const stored = new Map(docs.map((doc) => [doc._id, doc]));
      const key = String(campaign._id);
      for (const row of rows) {
        const doc = stored.get(row.uscc);
        // The campaign's own close is not history going into its year.
        const prior = doc ? withoutClose(doc, key) : null;
        const history = prior ? eligibilityOf(prior) : { titles: [], participations: [] };
        let record: EnterpriseRecord = history;
        if (history.titles.length === 0 && row.titleHeld !== 'none') {
          if (row.grantedYear === null) {
            out.warnings.push({ row: row.row, field: 'grantedYear', code: 'NO_HISTORY', reason: '系统中没有该企业的称号记录，未按年度规则核对参加类型（可填写认定年份或先导入历史称号）' });
            continue;
          }
          record = { titles: [{ title: row.titleHeld, year: row.grantedYear, source: 'granted' }], participations: history.participations };
          out.grants.push({ uscc: row.uscc, name: row.name, title: row.titleHeld, year: row.grantedYear });
        }
        const check = checkTrack(record, row.track, campaign.year, rulesFor);
        if (!check) continue;
        const override = doc?.overrides.find((o) => o.campaignId === key && o.track === row.track);
        if (override) out.warnings.push({ row: row.row, field: 'track', code: 'OVERRIDDEN', reason: `${check.message}（全国局已确认接受：${override.reason}）` });
        else if (check.severity === 'error') out.errors.push({ row: row.row, field: 'track', code: check.code, reason: check.message });
        else out.warnings.push({ row: row.row, field: 'track', code: check.code, reason: check.message });
      }
      return out;
    },

    /** Records the titles imported rows' 认定年份 gave enterprises without a history. */
    async recordImportGrants(campaign: CampaignDoc, grants: ImportCheck['grants']): Promise<number> {
      if (grants.length === 0) return 0;
      return lockAll(async () => {
        const docs = new Map((await records.find({ _id: { $in: grants.map((grant) => grant.uscc) } }).toArray()).map((doc) => [doc._id, doc]));
        const changed = grants.map((grant) => {
          const before = docs.get(grant.uscc);
          const base = before ?? emptyRecord(grant.uscc, grant.name, null);
          const event: RecordTitleEvent = { title: grant.title, year: grant.year, source: 'granted', note: '企业导入：认定年份', origin: 'enterprise_import', campaignId: String(campaign._id) };
          const titles = base.titles.some((existing) => sameEvent(existing, event)) ? base.titles : [...base.titles, event].sort(byEvent);
          return { before, after: { ...base, names: withName(base.names, grant.name, campaign.year), titles } };
        });
        return writeAll(changed);
      });
    },

    /** The national bureau accepts a row whose track contradicts the record, for one campaign, with its reason (audited). */
    async overrideTrack(campaignId: Types.ObjectId, input: TrackOverrideInput, actor: StaffActor, ip: string) {
      const uscc = validateUscc(input.uscc);
      if (!uscc.ok) throw new AppError('USCC_INVALID', { reason: uscc.message });
      const campaign = await campaigns.getFresh(campaignId);
      const rulesFor = await campaigns.rulesFor();
      const key = String(campaignId);
      const override = await lockOne(uscc.uscc, async () => {
        const before = (await records.findOne({ _id: uscc.uscc })) ?? undefined;
        const base = before ?? emptyRecord(uscc.uscc, uscc.uscc, null);
        const check = checkTrack(eligibilityOf(withoutClose(base, key)), input.track, campaign.year, rulesFor);
        const entry: RecordOverride = { campaignId: key, year: campaign.year, track: input.track, code: check?.code ?? 'NONE', reason: input.reason, by: actor.staffId, at: clock.now() };
        await writeAll([{ before, after: { ...base, overrides: [...base.overrides.filter((o) => !(o.campaignId === key && o.track === input.track)), entry] } }]);
        return entry;
      });
      await audit.record({ action: 'records.track_overridden', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId, target: uscc.uscc, details: { track: input.track, code: override.code, reason: input.reason } });
      return { uscc: uscc.uscc, override: { campaignId: key, year: override.year, track: override.track, code: override.code, reason: override.reason, by: override.by, at: toBeijingIso(override.at) } };
    },

    /**
     * The one-time import of historical titles (认定 / 复核通过 / 撤销 by year): fills the records
     * of enterprises the system has not seen in a campaign. Re-importing the same file adds nothing.
     */
    async importHistory(rows: ReadonlyArray<{ row: number; data: Record<string, unknown> }>, actor: StaffActor, ip: string): Promise<HistoryImportReport> {
      const errors: HistoryImportReport['errors'] = [];
      const thisYear = clock.now().getUTCFullYear();
      const valid: Array<{ uscc: string; name: string; event: RecordTitleEvent }> = [];
      const seen = new Set<string>();
      for (const { row, data } of rows) {
        const parsed = historyImportRowSchema.safeParse(data);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) errors.push({ row, field: issue.path.map(String).join('.') || '(row)', reason: issue.message });
          continue;
        }
        const before = errors.length;
        const uscc = validateUscc(parsed.data.uscc);
        if (!uscc.ok) errors.push({ row, field: 'uscc', reason: uscc.message });
        const title = parseTitle(parsed.data.title);
        if (!title) errors.push({ row, field: 'title', reason: `称号应为 优势企业/示范企业，而不是“${parsed.data.title}”` });
        const source = parseSource(parsed.data.source);
        if (!source) errors.push({ row, field: 'source', reason: `来源应为 认定/复核通过/撤销，而不是“${parsed.data.source}”` });
        const year = Number(parsed.data.year);
        if (year < 2000 || year > thisYear) errors.push({ row, field: 'year', reason: `年份应在 2000 至 ${thisYear} 之间` });
        if (errors.length > before || !uscc.ok || !title || !source) continue;
        const dedupe = `${uscc.uscc}:${title}:${year}:${source}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        valid.push({ uscc: uscc.uscc, name: parsed.data.name || uscc.uscc, event: { title, year, source, note: parsed.data.note || null, origin: 'history_import', campaignId: null } });
      }
      const report = await lockAll(async () => {
        const docs = new Map((await records.find({ _id: { $in: [...new Set(valid.map((v) => v.uscc))] } }).toArray()).map((doc) => [doc._id, doc]));
        const next = new Map<string, { before: EnterpriseRecordDoc | undefined; after: Omit<EnterpriseRecordDoc, 'rev' | 'updatedAt'> }>();
        let added = 0;
        let unchanged = 0;
        for (const { uscc, name, event } of valid) {
          const current = next.get(uscc) ?? { before: docs.get(uscc), after: docs.get(uscc) ?? emptyRecord(uscc, name, null) };
          if (current.after.titles.some((existing) => sameEvent(existing, event))) unchanged += 1;
          else {
            added += 1;
            current.after = { ...current.after, titles: [...current.after.titles, event].sort(byEvent), names: current.after.names.length === 0 && name !== uscc ? [{ name, year: event.year }] : current.after.names };
          }
          next.set(uscc, current);
        }
        const created = [...next.values()].filter((entry) => !entry.before).length;
        await writeAll([...next.values()]);
        return { total: rows.length, added, unchanged, created, errors };
      });
      await audit.record({ action: 'records.history_imported', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: null, details: { total: report.total, added: report.added, unchanged: report.unchanged, created: report.created, refused: errors.length } });
      return report;
    },

    /** An enterprise's record as a bureau's enterprise page shows it, with its standing going into `year`. */
    async recordOf(uscc: string, year: number): Promise<EnterpriseRecordView | null> {
      const doc = await records.findOne({ _id: uscc });
      return doc ? recordView(doc, year, await campaigns.rulesFor()) : null;
    },

    /** The enterprise's own score history across the years (certified closes only). */
    async historyOf(uscc: string): Promise<ScoreHistory> {
      const doc = await records.findOne({ _id: uscc });
      const years = [...(doc?.participations ?? [])].sort((a, b) => b.year - a.year).map((p) => {
        const title = titleOfTrack(p.track);
        let outcomeLabel: string | null = null;
        if (title) outcomeLabel = p.certified ? `认定为${titleLabels[title]}` : p.reachedLine === false ? '未达合格线' : p.submitted ? '未认定' : '未参加';
        else if (!p.submitted) outcomeLabel = '未参加';
        else if (p.reviewOutcome) outcomeLabel = `${trackLabels[p.track]}${p.reviewOutcome === 'pass' ? '通过' : '未通过'}`;
        return { year: p.year, track: p.track, trackLabel: trackLabels[p.track], finalScore: p.finalScore, reachedLine: p.reachedLine, outcomeLabel };
      });
      return { years };
    },

    /** Titles that lapse or are at risk going into `year` (default: the year ahead), one scan of the records. */
    async risks(year?: number): Promise<TitleRiskList> {
      const at = year ?? (await currentYear());
      const [docs, rulesFor] = await Promise.all([records.find({}, { projection: { overrides: 0, names: 0 } }).toArray(), campaigns.rulesFor()]);
      const rows: TitleRiskRow[] = [];
      for (const doc of docs) {
        const record = eligibilityOf(doc);
        const flags = riskOf(record, at, rulesFor);
        if (flags.length === 0) continue;
        const held = standingIn(record, at, rulesFor).held!;
        rows.push({
          uscc: doc._id,
          name: doc.name,
          regionCode: doc.regionCode ?? null,
          regionName: doc.regionCode ? (regionByCode(doc.regionCode)?.name ?? doc.regionCode) : null,
          title: held.title,
          titleLabel: titleLabels[held.title],
          cycleStart: held.cycleStart,
          flags: flags.map((flag) => ({ flag, label: standingFlagLabels[flag] })),
          lapses: flags.includes('review_eligibility_lost'),
        });
      }
      rows.sort((a, b) => Number(b.lapses) - Number(a.lapses) || (a.regionCode ?? '~').localeCompare(b.regionCode ?? '~') || a.name.localeCompare(b.name, 'zh'));
      return { year: at, total: rows.length, rows };
    },
  };
}

export type RecordService = ReturnType<typeof recordService>;
