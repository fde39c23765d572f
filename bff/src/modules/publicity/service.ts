import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import {
  applicationOutcome,
  applicationOutcomeLabels,
  maskUsccForPublicity,
  packageDigest,
  publicityPhase,
  publicityPhaseLabels,
  regionByCode,
  regions,
  reviewPurposeLabels,
  titleLabels,
  toBeijingIso,
  type ObjectionDecisionInput,
  type ObjectionInput,
  type ProgrammeOutcome,
  type PublicityPeriodInput,
  type PublicityPhase,
  type PublicityView,
  type PublicPublicity,
  type Title,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Cache } from '../../lib/cache';
import type { Clock } from '../../lib/clock';
import type { LeasedMutex } from '../../lib/leasedMutex';
import type { StaffActor } from '../../lib/route';
import type { AuditService } from '../audit/service';
import type { CampaignService } from '../campaigns/service';
import type { CampaignDoc } from '../campaigns/model';
import type { ClosingInput, RecordService } from '../records/service';
import type { ReviewService } from '../reviews/service';
import { packJson, unpackJson } from '../reviews/state';
import { collectionOf } from '../../lib/mongo';
import type { ListedEntry, ListedReview, ObjectionRecord, PublicityDoc, PublicityList, PublicityModel } from './model';

/** One change of a campaign's publicity: fields set, and at most one record appended to each log. */
interface PublicityChange {
  set: Partial<Pick<PublicityDoc, 'period' | 'listed' | 'listedDigest' | 'objections' | 'certification' | 'certified'>>;
  push?: { changes?: PublicityDoc['changes'][number]; objections?: ObjectionRecord };
}

const TITLES: readonly Title[] = ['advantage', 'demonstration'];
const PUBLIC_CACHE_SECONDS = 300;
/** How long an instance reuses what it read for enterprises' home pages. */
const OUTCOME_MEMO_MS = 5_000;
const regionOrder = new Map(regions.map((region, index) => [region.code, index]));
const byRegionThenPlace = (a: ListedEntry, b: ListedEntry) => (regionOrder.get(a.regionCode) ?? 99) - (regionOrder.get(b.regionCode) ?? 99) || (a.place ?? 1e9) - (b.place ?? 1e9) || a.name.localeCompare(b.name, 'zh');

/** The fields of the result an enterprise's outcome needs (read by the home page). */
export interface OutcomeSubject {
  _id: Types.ObjectId;
  campaignId: Types.ObjectId;
  track: string;
  titleHeld: string;
  line: Title;
  final: { total: number } | null;
}

/** What the records module applies of a certified list: the 认定名单 and the review results, by enterprise. */
export function closingInputOf(list: PublicityList): ClosingInput {
  return {
    certified: list.entries.map((entry) => ({ enterpriseId: entry.enterpriseId, title: entry.title })),
    reviews: list.reviewResults.map((result) => ({ enterpriseId: result.enterpriseId, purpose: result.purpose, line: result.line, outcome: result.outcome })),
  };
}

export function publicityService(deps: { model: PublicityModel; clock: Clock; cache: Cache; campaigns: CampaignService; reviews: ReviewService; audit: AuditService; locks: LeasedMutex; records: Pick<RecordService, 'applyClose'> }) {
  const { clock, cache, campaigns, reviews, audit, locks, records } = deps;
  const collection = collectionOf(deps.model);
  const memo = new Map<string, { at: number; value: Parsed | null }>();

  interface Parsed {
    period: { startsAt: Date; endsAt: Date } | null;
    certifiedAt: Date | null;
    listed: PublicityList | null;
    certified: PublicityList | null;
  }

  const namespace = (campaignId: Types.ObjectId) => `publicity:${String(campaignId)}`;

  async function load(campaignId: Types.ObjectId): Promise<PublicityDoc | null> {
    return collection.findOne({ _id: String(campaignId) });
  }

  const phaseOf = (doc: PublicityDoc | null): PublicityPhase => publicityPhase(clock.now(), doc?.period ?? null, doc?.certification?.certifiedAt ?? null);

  /**
   * Changes the campaign's publicity document under its lease (FerretDB loses concurrent updates
   * of one document), conditional on the rev read; `decide` throws to refuse.
   */
  async function change(campaignId: Types.ObjectId, decide: (doc: PublicityDoc | null) => Promise<PublicityChange>): Promise<PublicityDoc> {
    return locks.run(`publicity:${String(campaignId)}`, async () => {
      const doc = await load(campaignId);
      const { set, push } = await decide(doc);
      const now = clock.now();
      if (!doc) {
        await collection.insertOne({
          _id: String(campaignId),
          campaignId,
          rev: 1,
          period: null,
          listed: null,
          listedDigest: null,
          certification: null,
          certified: null,
          ...set,
          objections: [...(set.objections ?? []), ...(push?.objections ? [push.objections] : [])],
          changes: push?.changes ? [push.changes] : [],
          updatedAt: now,
        });
      } else {
        const outcome = await collection.updateOne({ _id: doc._id, rev: doc.rev }, { $set: { ...set, updatedAt: now }, $inc: { rev: 1 }, ...(push ? { $push: push } : {}) });
        if (outcome.matchedCount !== 1) throw new AppError('SERVICE_UNAVAILABLE', { reason: 'busy' });
      }
      memo.delete(String(campaignId));
      await cache.invalidate(namespace(campaignId));
      return (await load(campaignId))!;
    });
  }

  async function parsed(campaignId: Types.ObjectId): Promise<Parsed | null> {
    const key = String(campaignId);
    const hit = memo.get(key);
    if (hit && Date.now() - hit.at < OUTCOME_MEMO_MS) return hit.value;
    const doc = await load(campaignId);
    const value: Parsed | null = doc
      ? { period: doc.period, certifiedAt: doc.certification?.certifiedAt ?? null, listed: doc.listed ? await unpackJson<PublicityList>(doc.listed) : null, certified: doc.certified ? await unpackJson<PublicityList>(doc.certified) : null }
      : null;
    memo.set(key, { at: Date.now(), value });
    return value;
  }

  /** The list the 公示 shows, from the confirmed packages. */
  async function listFromPackages(campaignId: Types.ObjectId): Promise<PublicityList> {
    const packages = await reviews.confirmedPackages(campaignId);
    const entries: ListedEntry[] = [];
    const reviewResults: ListedReview[] = [];
    for (const { regionCode, snapshot } of packages) {
      for (const title of TITLES) {
        for (const entry of snapshot.lists[title]) entries.push({ enterpriseId: entry.enterpriseId, name: entry.name, uscc: entry.uscc, regionCode, title, place: entry.place, centralSoe: entry.centralSoe });
      }
      for (const result of snapshot.reviewResults) reviewResults.push({ enterpriseId: result.enterpriseId, name: result.name, uscc: result.uscc, regionCode, purpose: result.purpose, line: result.line, outcome: result.outcome });
    }
    return { entries: entries.sort(byRegionThenPlace), reviewResults, packages: packages.map(({ regionCode, version, documentNumber, digest }) => ({ regionCode, version, documentNumber, digest })) };
  }

  function counts(list: PublicityList | null) {
    return {
      advantage: list?.entries.filter((entry) => entry.title === 'advantage').length ?? 0,
      demonstration: list?.entries.filter((entry) => entry.title === 'demonstration').length ?? 0,
      reviewPassed: list?.reviewResults.filter((result) => result.outcome === 'pass').length ?? 0,
    };
  }

  function nameOf(list: PublicityList | null, enterpriseId: string | null): string | null {
    if (!list || !enterpriseId) return null;
    return list.entries.find((entry) => entry.enterpriseId === enterpriseId)?.name ?? list.reviewResults.find((result) => result.enterpriseId === enterpriseId)?.name ?? null;
  }

  async function requirePublished(campaignId: Types.ObjectId): Promise<CampaignDoc> {
    const campaign = await campaigns.getFresh(campaignId);
    if (campaign.passLines?.state !== 'published') throw new AppError('PUBLICITY_NOT_READY');
    return campaign;
  }

  const staffRef = (actor: StaffActor, ip: string) => ({ kind: 'staff' as const, id: actor.staffId, ip });

  return {
    async view(campaignId: Types.ObjectId): Promise<PublicityView> {
      await campaigns.get(campaignId);
      const [doc, table] = await Promise.all([load(campaignId), reviews.packagesTable(campaignId)]);
      const listed = doc?.listed ? await unpackJson<PublicityList>(doc.listed) : null;
      const phase = phaseOf(doc);
      return {
        campaignId: String(campaignId),
        phase,
        phaseLabel: publicityPhaseLabels[phase],
        period: doc?.period ? { startsAt: toBeijingIso(doc.period.startsAt), endsAt: toBeijingIso(doc.period.endsAt), by: doc.period.by, at: toBeijingIso(doc.period.at) } : null,
        listed: {
          advantage: counts(listed).advantage,
          demonstration: counts(listed).demonstration,
          regions: listed?.packages.map((p) => p.regionCode) ?? [],
          digest: doc?.listedDigest ?? null,
          enterprises: (listed?.entries ?? []).map(({ enterpriseId, name, regionCode, title }) => ({ enterpriseId, name, regionCode, title })),
        },
        confirmedRegions: table.rows.filter((row) => row.state === 'confirmed').length,
        objections: (doc?.objections ?? []).map((objection) => ({
          id: objection.id,
          enterpriseId: objection.enterpriseId,
          enterpriseName: nameOf(listed, objection.enterpriseId),
          from: objection.from,
          receivedAt: toBeijingIso(objection.receivedAt),
          content: objection.content,
          recordedBy: objection.recordedBy,
          recordedAt: toBeijingIso(objection.recordedAt),
          outcome: objection.outcome ? { decision: objection.outcome.decision, note: objection.outcome.note, by: objection.outcome.by, at: toBeijingIso(objection.outcome.at) } : null,
        })),
        certification: doc?.certification ? { certifiedAt: toBeijingIso(doc.certification.certifiedAt), by: doc.certification.by, digest: doc.certification.digest, counts: doc.certification.counts } : null,
      };
    },

    /**
     * Sets the 公示 period. Before it starts, setting it again lists the packages confirmed by
     * then; once it has started only its end may move (later), and the list stays as shown.
     */
    async schedule(campaignId: Types.ObjectId, input: PublicityPeriodInput, actor: StaffActor, ip: string): Promise<PublicityView> {
      await requirePublished(campaignId);
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      const now = clock.now();
      if (!(startsAt < endsAt) || endsAt <= now) throw new AppError('PUBLICITY_PERIOD_INVALID');
      await change(campaignId, async (doc) => {
        const phase = phaseOf(doc);
        if (phase === 'certified') throw new AppError('CERTIFIED');
        const period = { startsAt, endsAt, by: actor.staffId, at: now };
        const changeRecord = { at: now, by: actor.staffId, action: doc?.period ? 'period.changed' : 'period.set', details: { before: doc?.period ?? null, startsAt, endsAt } };
        if (phase === 'open' || phase === 'ended') {
          if (+startsAt !== +doc!.period!.startsAt || endsAt < doc!.period!.endsAt) throw new AppError('PUBLICITY_LOCKED');
          return { set: { period }, push: { changes: changeRecord } };
        }
        const list = await listFromPackages(campaignId);
        if (list.packages.length === 0) throw new AppError('PUBLICITY_NOT_READY', { reason: 'no confirmed package' });
        return { set: { period, listed: await packJson(list), listedDigest: packageDigest(list) }, push: { changes: changeRecord } };
      });
      await audit.record({ action: 'publicity.scheduled', actor: staffRef(actor, ip), campaignId, details: { startsAt: input.startsAt, endsAt: input.endsAt } });
      return this.view(campaignId);
    },

    async recordObjection(campaignId: Types.ObjectId, input: ObjectionInput, actor: StaffActor, ip: string): Promise<PublicityView> {
      const id = randomBytes(8).toString('hex');
      await change(campaignId, async (doc) => {
        const phase = phaseOf(doc);
        if (phase === 'certified') throw new AppError('CERTIFIED');
        if (phase !== 'open' && phase !== 'ended') throw new AppError('OBJECTION_NOT_ALLOWED');
        const listed = doc?.listed ? await unpackJson<PublicityList>(doc.listed) : null;
        if (input.enterpriseId && !nameOf(listed, input.enterpriseId)) throw new AppError('ENTERPRISE_NOT_FOUND', { enterpriseId: input.enterpriseId });
        const record: ObjectionRecord = { id, enterpriseId: input.enterpriseId, from: input.from, receivedAt: new Date(input.receivedAt), content: input.content, recordedBy: actor.staffId, recordedAt: clock.now(), outcome: null };
        return { set: {}, push: { objections: record } };
      });
      await audit.record({ action: 'publicity.objection_recorded', actor: staffRef(actor, ip), campaignId, target: input.enterpriseId, details: { objectionId: id, from: input.from, receivedAt: input.receivedAt } });
      return this.view(campaignId);
    },

    /** Records an objection's outcome, once: upheld takes the enterprise out of the certified list. */
    async decideObjection(campaignId: Types.ObjectId, input: ObjectionDecisionInput, actor: StaffActor, ip: string): Promise<PublicityView> {
      await change(campaignId, async (doc) => {
        if (phaseOf(doc) === 'certified') throw new AppError('CERTIFIED');
        const objections = doc?.objections ?? [];
        const index = objections.findIndex((objection) => objection.id === input.objectionId);
        if (index < 0) throw new AppError('OBJECTION_NOT_FOUND');
        if (objections[index]!.outcome) throw new AppError('OBJECTION_DECIDED');
        // The whole list is written back (under the lease, conditional on rev): one outcome added, nothing else changed.
        const decided = objections.map((objection, i) => (i === index ? { ...objection, outcome: { decision: input.outcome, note: input.note, by: actor.staffId, at: clock.now() } } : objection));
        return { set: { objections: decided } };
      });
      await audit.record({ action: 'publicity.objection_decided', actor: staffRef(actor, ip), campaignId, details: { objectionId: input.objectionId, outcome: input.outcome, note: input.note } });
      return this.view(campaignId);
    },

    /** 认定: after the period, every objection decided; fixes the certified list and review results with their digest. */
    async certify(campaignId: Types.ObjectId, actor: StaffActor, ip: string): Promise<PublicityView> {
      let digest = '';
      await change(campaignId, async (doc) => {
        const phase = phaseOf(doc);
        if (phase === 'certified') throw new AppError('CERTIFIED');
        const open = (doc?.objections ?? []).filter((objection) => !objection.outcome).length;
        if (phase !== 'ended' || open > 0 || !doc?.listed) throw new AppError('CERTIFY_NOT_READY', { phase, undecidedObjections: open });
        const listed = await unpackJson<PublicityList>(doc.listed);
        const upheld = new Set(doc.objections.filter((objection) => objection.outcome?.decision === 'upheld' && objection.enterpriseId).map((objection) => objection.enterpriseId!));
        const certified: PublicityList = {
          entries: listed.entries.filter((entry) => !upheld.has(entry.enterpriseId)),
          reviewResults: listed.reviewResults.map((result) => (upheld.has(result.enterpriseId) && result.outcome === 'pass' ? { ...result, outcome: 'fail' as const } : result)),
          packages: listed.packages,
        };
        digest = packageDigest(certified);
        return { set: { certified: await packJson(certified), certification: { certifiedAt: clock.now(), by: actor.staffId, digest, counts: counts(certified) } } };
      });
      await audit.record({ action: 'publicity.certified', actor: staffRef(actor, ip), campaignId, details: { digest } });
      // The close reaches each enterprise's lasting record. The certification stands if this
      // fails (it is recorded); `npm run rebuild-results` applies it again.
      const certifiedList = await this.closingInput(campaignId);
      if (certifiedList) {
        await records.applyClose(campaignId, certifiedList, { by: actor.staffId }).catch((error: unknown) =>
          audit.record({ action: 'records.close_failed', actor: staffRef(actor, ip), campaignId, details: { message: (error as Error).message } }),
        );
      }
      return this.view(campaignId);
    },

    /** The certified outcomes of a campaign, for the records (null before 认定). */
    async closingInput(campaignId: Types.ObjectId): Promise<ClosingInput | null> {
      const doc = await load(campaignId);
      return doc?.certified ? closingInputOf(await unpackJson<PublicityList>(doc.certified)) : null;
    },

    /** The public 公示 page: during and after the period only; cached in Redis until the publicity changes. */
    async publicPage(campaignId: Types.ObjectId): Promise<{ value: PublicPublicity; cached: boolean }> {
      const generation = await cache.generation(namespace(campaignId));
      type Cached = Omit<PublicPublicity, 'phase' | 'phaseLabel'> & { startsAt: string | null; certifiedAt: string | null };
      const { value, cached } = await cache.wrap<Cached | { none: true }>(`pub:${String(campaignId)}:${generation}`, PUBLIC_CACHE_SECONDS, async () => {
        const campaign = await campaigns.get(campaignId).catch(() => null);
        const doc = campaign ? await load(campaignId) : null;
        if (!campaign || !doc?.period || !doc.listed) return { none: true };
        const list = doc.certified ? await unpackJson<PublicityList>(doc.certified) : await unpackJson<PublicityList>(doc.listed);
        return {
          campaign: { name: campaign.name, year: campaign.year },
          period: { startsAt: toBeijingIso(doc.period.startsAt), endsAt: toBeijingIso(doc.period.endsAt) },
          startsAt: doc.period.startsAt.toISOString(),
          certifiedAt: doc.certification ? doc.certification.certifiedAt.toISOString() : null,
          certified: doc.certified !== null,
          titles: TITLES.map((title) => {
            const entries = list.entries.filter((entry) => entry.title === title);
            const byRegion = new Map<string, ListedEntry[]>();
            for (const entry of entries) byRegion.set(entry.regionCode, [...(byRegion.get(entry.regionCode) ?? []), entry]);
            return {
              title,
              label: titleLabels[title],
              count: entries.length,
              regions: [...byRegion].map(([regionCode, items]) => ({ regionCode, regionName: regionByCode(regionCode)?.name ?? regionCode, enterprises: items.map((entry) => ({ name: entry.name, uscc: maskUsccForPublicity(entry.uscc) })) })),
            };
          }),
          note: '公示期间，任何单位或个人对名单有异议的，可向国家知识产权局书面反映，并写明真实姓名和联系方式。',
        };
      });
      if ('none' in value) throw new AppError('PUBLICITY_NOT_OPEN');
      const { startsAt, certifiedAt, ...page } = value;
      const phase = publicityPhase(clock.now(), { startsAt: new Date(startsAt!), endsAt: new Date(page.period.endsAt) }, certifiedAt ? new Date(certifiedAt) : null);
      if (phase === 'none' || phase === 'scheduled') throw new AppError('PUBLICITY_NOT_OPEN');
      return { value: { ...page, phase, phaseLabel: publicityPhaseLabels[phase] }, cached };
    },

    /** The rows of the exports: the certified list and review results once certified, the 公示 list before. */
    async exportRows(campaignId: Types.ObjectId, actor: StaffActor, ip: string, format: 'xlsx' | 'pdf') {
      const campaign = await campaigns.get(campaignId);
      const doc = await load(campaignId);
      if (!doc?.listed) throw new AppError('PUBLICITY_NOT_OPEN');
      const certified = doc.certified !== null;
      const list = await unpackJson<PublicityList>(doc.certified ?? doc.listed);
      await audit.record({ action: 'publicity.exported', actor: staffRef(actor, ip), campaignId, details: { format, certified, entries: list.entries.length, reviewResults: list.reviewResults.length } });
      const entries = list.entries.map((entry) => ({
        kind: `${titleLabels[entry.title]}${certified ? '认定' : '公示'}`,
        regionName: regionByCode(entry.regionCode)?.name ?? entry.regionCode,
        place: entry.place === null ? '不占名额' : String(entry.place),
        name: entry.name,
        uscc: entry.uscc,
        outcome: certified ? '认定' : '公示中',
      }));
      const results = list.reviewResults.map((result) => ({
        kind: `${titleLabels[result.line]}${reviewPurposeLabels[result.purpose]}`,
        regionName: regionByCode(result.regionCode)?.name ?? result.regionCode,
        place: '',
        name: result.name,
        uscc: result.uscc,
        outcome: result.outcome === 'below_line' ? '未达合格线' : `${reviewPurposeLabels[result.purpose]}${result.outcome === 'pass' ? '通过' : '不通过'}`,
      }));
      return { campaign, certified, digest: certified ? doc.certification!.digest : doc.listedDigest, certifiedAt: doc.certification?.certifiedAt ?? null, entries, results };
    },

    /** What an enterprise is told on its home page, as far as the national bureau has made it visible. */
    async outcomeFor(campaign: CampaignDoc, subject: OutcomeSubject): Promise<ProgrammeOutcome | null> {
      const lines = campaign.passLines;
      if (lines?.state !== 'published') return null;
      const state = await parsed(campaign._id);
      // The phase moves with the clock: worked out now, not when the document was read.
      const phase = state ? publicityPhase(clock.now(), state.period, state.certifiedAt) : 'none';
      const id = String(subject._id);
      let application: ProgrammeOutcome['application'] = null;
      const title: Title | null = subject.track === 'apply_advantage' ? 'advantage' : subject.track === 'apply_demonstration' ? 'demonstration' : null;
      if (title) {
        const line = lines[title];
        const reachedLine = subject.final !== null && line !== null && subject.final.total >= line;
        const outcome = applicationOutcome({
          linesPublished: true,
          reachedLine,
          phase,
          proposed: state?.listed?.entries.some((entry) => entry.enterpriseId === id && entry.title === title) ?? false,
          certified: state?.certified?.entries.some((entry) => entry.enterpriseId === id && entry.title === title) ?? false,
        });
        if (outcome) application = { title, titleLabel: titleLabels[title], outcome, label: applicationOutcomeLabels[outcome] };
      }
      // 考核/复核 results are the bureau's proposals until the national bureau certifies them.
      const reviewsShown = phase === 'certified' ? (state?.certified?.reviewResults ?? []).filter((result) => result.enterpriseId === id) : [];
      if (!application && reviewsShown.length === 0) return { phase, application: null, reviews: [] };
      return {
        phase,
        application,
        reviews: reviewsShown.map((result) => {
          const outcome = result.outcome === 'pass' ? 'pass' : 'fail';
          return { purpose: result.purpose, purposeLabel: reviewPurposeLabels[result.purpose], line: result.line, outcome, label: `${titleLabels[result.line]}${reviewPurposeLabels[result.purpose]}${outcome === 'pass' ? '通过' : '未通过'}` };
        }),
      };
    },
  };
}

export type PublicityService = ReturnType<typeof publicityService>;
