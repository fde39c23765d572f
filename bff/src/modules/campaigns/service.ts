import type { Types } from 'mongoose';
import {
  campaignState,
  excellentThreshold,
  isValidWindow,
  passLinesVisibleTo,
  quotaInTable,
  quotaTableForYear,
  regionByCode,
  toBeijingIso,
  type QuotaEditInput,
  type QuotaTable,
  type CampaignInput,
  type CampaignView,
  type PassLineInput,
  type StaffRole,
  defaultYearRules,
  type RulesFor,
  type YearRules,
  type YearRulesInput,
  type YearRulesView,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../lib/route';
import type { AuditService } from '../audit/service';
import type { QuestionnaireService } from '../questionnaires/service';
import type { ResultRepository } from '../results/repository';
import type { CampaignDoc, CampaignModel } from './model';

/** A campaign's year rules as the national bureau sees them (the defaults of its year when it carries none). */
export function yearRulesViewOf(campaign: CampaignDoc): YearRulesView {
  const defaults = defaultYearRules(campaign.year);
  // Before the first year (2022) nothing was due: the rules then count no year at all.
  const none: YearRules = { year: campaign.year, reviewCycleUpTo: campaign.year - 100, assessmentCycleYears: [], demonstrationGrantedUpTo: campaign.year - 100 };
  const rules = campaign.yearRules ?? defaults ?? none;
  return { campaignId: String(campaign._id), rules: { ...rules, assessmentCycleYears: [...rules.assessmentCycleYears] }, isDefault: !campaign.yearRules, defaults: defaults && { ...defaults, assessmentCycleYears: [...defaults.assessmentCycleYears] } };
}

/** Campaign documents are few and small; a second of staleness in what is *shown* is harmless. */
const CACHE_MS = 1_000;

/**
 * A campaign as `viewer` may see it: the pass-line values only once published, except to the
 * national bureau, whose draft they are (shared `passLinesVisibleTo`).
 */
export function toCampaignView(campaign: CampaignDoc, now: Date, viewer: StaffRole): CampaignView {
  const linesShown = passLinesVisibleTo(viewer, campaign.passLines);
  return {
    id: String(campaign._id),
    name: campaign.name,
    year: campaign.year,
    questionnaire: campaign.questionnaire,
    opensAt: toBeijingIso(campaign.opensAt),
    closesAt: toBeijingIso(campaign.closesAt),
    state: campaignState(now, campaign.opensAt, campaign.closesAt),
    settings: { hideScoresDuringWindow: campaign.settings?.hideScoresDuringWindow ?? true },
    passLines: {
      advantage: linesShown ? (campaign.passLines?.advantage ?? null) : null,
      demonstration: linesShown ? (campaign.passLines?.demonstration ?? null) : null,
      state: campaign.passLines?.state ?? 'draft',
      publishedAt: campaign.passLines?.publishedAt ? toBeijingIso(campaign.passLines.publishedAt) : null,
    },
  };
}

/** A campaign's quota table: its own, or (a campaign from before quotas were data) its year's. */
export function quotasOf(campaign: Pick<CampaignDoc, 'year' | 'quotas'>): QuotaTable {
  return campaign.quotas ?? quotaTableForYear(campaign.year);
}

/** One region's two quotas in a campaign. */
export function regionQuota(campaign: Pick<CampaignDoc, 'year' | 'quotas'>, regionCode: string): { advantage: number; demonstration: number } {
  return quotaInTable(quotasOf(campaign), regionCode);
}

export function campaignService(deps: {
  campaigns: CampaignModel;
  clock: Clock;
  audit: AuditService;
  questionnaires: QuestionnaireService;
  results: Pick<ResultRepository, 'applyWindow' | 'finalTotals' | 'campaignChanged'>;
}) {
  const { campaigns, clock, audit, questionnaires, results } = deps;
  const invalidate = (id: Types.ObjectId) => results.campaignChanged(id);
  const cached = new Map<string, { at: number; campaign: CampaignDoc }>();

  async function load(id: Types.ObjectId): Promise<CampaignDoc> {
    const campaign = await campaigns.findById(id).lean();
    if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
    cached.set(String(id), { at: Date.now(), campaign });
    return campaign;
  }

  return {
    /** A campaign, possibly up to a second old: for display, never for window decisions on writes. */
    async get(id: Types.ObjectId): Promise<CampaignDoc> {
      const hit = cached.get(String(id));
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.campaign;
      return load(id);
    },
    async getFresh(id: Types.ObjectId): Promise<CampaignDoc> {
      return load(id);
    },
    async list(): Promise<CampaignDoc[]> {
      return campaigns.find({}).sort({ year: -1, createdAt: -1 }).lean();
    },
    /** The newest campaign: the PC login by USCC looks there. */
    async latest(): Promise<CampaignDoc | null> {
      return campaigns.findOne({}).sort({ createdAt: -1 }).lean();
    },
    async create(input: CampaignInput, actor: StaffActor, ip: string): Promise<CampaignDoc> {
      const opensAt = new Date(input.opensAt);
      const closesAt = new Date(input.closesAt);
      if (!isValidWindow(opensAt, closesAt)) throw new AppError('CAMPAIGN_WINDOW_INVALID');
      if (!(await questionnaires.exists(input.questionnaire))) throw new AppError('QUESTIONNAIRE_NOT_FOUND', { ref: input.questionnaire });
      const created = await campaigns.create({
        name: input.name,
        year: input.year,
        questionnaire: input.questionnaire,
        opensAt,
        closesAt,
        settings: { hideScoresDuringWindow: input.settings?.hideScoresDuringWindow ?? true },
        quotas: quotaTableForYear(input.year),
      });
      await audit.record({ action: 'campaign.created', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: created._id, details: { ...input } });
      return created.toObject();
    },
    async update(id: Types.ObjectId, patch: Partial<CampaignInput>, actor: StaffActor, ip: string): Promise<CampaignDoc> {
      const current = await load(id);
      const opensAt = patch.opensAt ? new Date(patch.opensAt) : current.opensAt;
      const closesAt = patch.closesAt ? new Date(patch.closesAt) : current.closesAt;
      if (!isValidWindow(opensAt, closesAt)) throw new AppError('CAMPAIGN_WINDOW_INVALID');
      if (patch.questionnaire && patch.questionnaire !== current.questionnaire) {
        if (clock.now() >= current.opensAt) throw new AppError('CAMPAIGN_LOCKED');
        if (!(await questionnaires.exists(patch.questionnaire))) throw new AppError('QUESTIONNAIRE_NOT_FOUND');
      }
      const set: Record<string, unknown> = { opensAt, closesAt };
      if (patch.name) set.name = patch.name;
      if (patch.year) set.year = patch.year;
      // A new year brings that year's quota table (an edit to the old year's rows does not carry over).
      if (patch.year && patch.year !== current.year) set.quotas = quotaTableForYear(patch.year);
      if (patch.questionnaire) set.questionnaire = patch.questionnaire;
      if (patch.settings) set['settings.hideScoresDuringWindow'] = patch.settings.hideScoresDuringWindow;
      const updated = await campaigns.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }).lean();
      if (!updated) throw new AppError('CAMPAIGN_NOT_FOUND');
      // Every enterprise's result and draft carry a copy of the window (results/guards.ts).
      if (+opensAt !== +current.opensAt || +closesAt !== +current.closesAt) await results.applyWindow(updated);
      cached.delete(String(id));
      await invalidate(id);
      await audit.record({
        action: 'campaign.changed',
        actor: { kind: 'staff', id: actor.staffId, ip },
        campaignId: id,
        details: { before: { opensAt: current.opensAt, closesAt: current.closesAt }, patch },
      });
      return updated;
    },
    /** The national bureau changes one region's quotas (附件1 is the starting point, not a lock); audited with the reason. */
    async setQuota(id: Types.ObjectId, input: QuotaEditInput, actor: StaffActor, ip: string): Promise<CampaignDoc> {
      if (!regionByCode(input.regionCode)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'regionCode', message: '地区代码不正确' }] });
      const current = await load(id);
      const table = quotasOf(current);
      const before = quotaInTable(table, input.regionCode);
      const rows = table.rows.filter((row) => row.regionCode !== input.regionCode);
      rows.push({ regionCode: input.regionCode, advantage: input.advantage, demonstration: input.demonstration });
      const quotas: QuotaTable = { ...table, rows };
      const updated = await campaigns.findOneAndUpdate({ _id: id }, { $set: { quotas } }, { returnDocument: 'after' }).lean();
      if (!updated) throw new AppError('CAMPAIGN_NOT_FOUND');
      cached.delete(String(id));
      await invalidate(id);
      await audit.record({
        action: 'quota.changed',
        actor: { kind: 'staff', id: actor.staffId, ip },
        campaignId: id,
        target: input.regionCode,
        details: { regionCode: input.regionCode, before, after: { advantage: input.advantage, demonstration: input.demonstration }, reason: input.reason },
      });
      return updated;
    },

    /** The year rules a campaign carries, or its year's defaults (shared defaultYearRules). */
    async yearRules(id: Types.ObjectId): Promise<YearRulesView> {
      return yearRulesViewOf(await load(id));
    },

    /** The national bureau sets a campaign's year rules (each scope no later than its year); audited with the reason. */
    async setYearRules(id: Types.ObjectId, input: YearRulesInput, actor: StaffActor, ip: string): Promise<YearRulesView> {
      const current = await load(id);
      const rules: YearRules = {
        year: current.year,
        reviewCycleUpTo: input.reviewCycleUpTo,
        assessmentCycleYears: [...new Set(input.assessmentCycleYears)].sort((a, b) => a - b),
        demonstrationGrantedUpTo: input.demonstrationGrantedUpTo,
      };
      if (rules.reviewCycleUpTo >= current.year || rules.demonstrationGrantedUpTo >= current.year || rules.assessmentCycleYears.some((y) => y >= current.year)) {
        throw new AppError('YEAR_RULES_INVALID', { year: current.year });
      }
      const updated = await campaigns.findOneAndUpdate({ _id: id }, { $set: { yearRules: rules } }, { returnDocument: 'after' }).lean();
      if (!updated) throw new AppError('CAMPAIGN_NOT_FOUND');
      cached.delete(String(id));
      await audit.record({ action: 'year_rules.changed', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: id, details: { before: current.yearRules ?? null, after: rules, reason: input.reason } });
      return yearRulesViewOf(updated);
    },

    /**
     * The rules of every year that had a campaign (its own, or its year's defaults; the newest
     * campaign of a year decides), for the eligibility rules: a year without a campaign had
     * nothing due (shared RulesFor); a year after the newest campaign's is the year ahead, and
     * takes its defaults until its campaign exists. One read of the campaigns.
     */
    async rulesFor(): Promise<RulesFor> {
      const list = await campaigns.find({}, { year: 1, yearRules: 1, createdAt: 1 }).sort({ createdAt: 1 }).lean();
      const byYear = new Map<number, YearRules>();
      for (const campaign of list) {
        const rules = campaign.yearRules ?? defaultYearRules(campaign.year);
        if (rules) byYear.set(campaign.year, rules);
      }
      const newest = Math.max(0, ...byYear.keys());
      return (year: number) => byYear.get(year) ?? (year > newest ? defaultYearRules(year) : null);
    },

    forget(id: Types.ObjectId): void {
      cached.delete(String(id));
    },

    /** Sets the two pass lines as a draft (the national bureau tries them out before publishing). */
    async setPassLines(id: Types.ObjectId, lines: PassLineInput, actor: StaffActor, ip: string): Promise<CampaignDoc> {
      const current = await load(id);
      if (current.passLines?.state === 'published') throw new AppError('PASSLINES_PUBLISHED');
      const updated = await campaigns
        .findOneAndUpdate({ _id: id }, { $set: { 'passLines.advantage': lines.advantage, 'passLines.demonstration': lines.demonstration, 'passLines.state': 'draft' } }, { returnDocument: 'after' })
        .lean();
      cached.delete(String(id));
      await invalidate(id);
      await audit.record({ action: 'passlines.changed', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: id, details: { before: { advantage: current.passLines?.advantage ?? null, demonstration: current.passLines?.demonstration ?? null }, after: lines } });
      return updated!;
    },

    /**
     * Publishes the lines: fixes each line's 优秀 threshold exactly from every final score (top 15%
     * of those at or above it, shared rule), after which enterprises see pass/fail and tier and
     * bureaus see results.
     */
    async publishPassLines(id: Types.ObjectId, actor: StaffActor, ip: string): Promise<CampaignDoc> {
      const current = await load(id);
      if (current.passLines?.state === 'published') throw new AppError('PASSLINES_PUBLISHED');
      const { advantage, demonstration } = current.passLines ?? {};
      if (advantage === null || advantage === undefined || demonstration === null || demonstration === undefined) throw new AppError('PASSLINES_INCOMPLETE');
      const finals = await results.finalTotals(id);
      const excellentFrom = {
        advantage: excellentThreshold(finals.filter((r) => r.line === 'advantage' && r.final.total >= advantage).map((r) => r.final.total)),
        demonstration: excellentThreshold(finals.filter((r) => r.line === 'demonstration' && r.final.total >= demonstration).map((r) => r.final.total)),
      };
      const now = clock.now();
      const updated = await campaigns
        .findOneAndUpdate(
          { _id: id },
          { $set: { 'passLines.state': 'published', 'passLines.publishedAt': now, 'passLines.publishedBy': actor.staffId, 'passLines.excellentFrom': excellentFrom } },
          { returnDocument: 'after' },
        )
        .lean();
      cached.delete(String(id));
      await invalidate(id);
      await audit.record({ action: 'passlines.published', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: id, details: { advantage, demonstration, excellentFrom, finals: finals.length } });
      return updated!;
    },
  };
}

export type CampaignService = ReturnType<typeof campaignService>;
