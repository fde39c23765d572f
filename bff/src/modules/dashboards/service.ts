import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  campaignState,
  cityByCode,
  passLinesVisibleTo,
  rankForQuota,
  regionByCode,
  resultsVisibleTo,
  tableQuerySchema,
  toBeijingIso,
  type EnterpriseContacts,
  type EnterpriseDetail,
  type NationalTable,
  type Overview,
  type PassLineInput,
  type PassLinePreview,
  type QuotaPanel,
  type ScopeQuery,
  type TablePage,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Cache } from '../../lib/cache';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../lib/route';
import type { CampaignDoc } from '../campaigns/model';
import type { CampaignService } from '../campaigns/service';
import type { AuditService } from '../audit/service';
import type { QuestionnaireService } from '../questionnaires/service';
import type { ResultDoc } from '../results/model';
import type { ResultRepository } from '../results/repository';
import type { SummaryStore } from '../results/summaries';
import { generations } from '../results/cacheKeys';
import type { EnterpriseService } from '../enterprises/service';
import { toReceipt } from '../attempts/receipt';
import { resolveScope, withinScope, type Scope } from './scope';
import { toRow, type Lines } from './rows';
import { dimensionAverages, distribution, meanTotal, participation } from './overview';
import { passesFromHist, previewLines, summariesByRegion } from './national';
import { regionQuota } from '../campaigns/service';
import { checkTableQuery, tableRows } from './tableFilter';
import { rosterRowOf, type RosterRow } from '../results/roster';
import { integrityView } from './evidence';
import { maskContact } from './contacts';

type TableQuery = z.infer<typeof tableQuerySchema>;
const CACHE_SECONDS = 300;
const NATIONAL_AVERAGES_SECONDS = 60;


/** Pass lines a caller may apply: bureaus once published; the national bureau also its drafts. */
export function linesFor(actor: StaffActor, campaign: CampaignDoc): Lines | null {
  const passLines = campaign.passLines;
  if (!passLines || !passLinesVisibleTo(actor.role, passLines)) return null;
  return {
    advantage: passLines.advantage ?? null,
    demonstration: passLines.demonstration ?? null,
    excellentFrom: { advantage: passLines.excellentFrom?.advantage ?? null, demonstration: passLines.excellentFrom?.demonstration ?? null },
  };
}

function scopeView(scope: Scope) {
  return {
    regionCode: scope.regionCode,
    regionName: scope.regionCode ? (regionByCode(scope.regionCode)?.name ?? null) : null,
    cityCode: scope.cityCode,
    cityName: scope.cityCode ? (cityByCode(scope.cityCode)?.name ?? null) : null,
  };
}

/**
 * The bureaus' views. Whether a caller sees results — scores, the answers behind them, evidence
 * citing either — in every field and export below is the shared `resultsVisibleTo`.
 */
export function dashboardService(deps: {
  results: Pick<ResultRepository, 'get' | 'attempt'>;
  enterprises: Pick<EnterpriseService, 'contactsOf'>;
  clock: Clock;
  cache: Cache;
  campaigns: CampaignService;
  questionnaires: QuestionnaireService;
  summaries: SummaryStore;
  audit: AuditService;
}) {
  const { results, enterprises, clock, cache, campaigns, questionnaires, summaries, audit } = deps;

  /** The scope's enterprises from the region rosters (two reads for a region; never the results). */
  async function scopeRows(campaign: CampaignDoc, scope: Scope): Promise<RosterRow[]> {
    const rows = await summaries.rosterRows(campaign._id, scope.regionCode);
    return scope.cityCode ? rows.filter((row) => row.cityCode === scope.cityCode) : rows;
  }

  /** The enterprise's result, when the caller's scope covers it. */
  async function resultInScope(actor: StaffActor, enterpriseId: Types.ObjectId): Promise<ResultDoc> {
    const result = await results.get(enterpriseId);
    if (!result) throw new AppError('ENTERPRISE_NOT_FOUND');
    if (!withinScope(resolveScope(actor, {}), result.regionCode, result.cityCode)) throw new AppError('FORBIDDEN');
    return result;
  }

  async function campaignOf(campaignId: string): Promise<CampaignDoc> {
    return campaigns.get(new Types.ObjectId(campaignId));
  }

  /** Reads through the Redis cache under the scope's generations (a submit in the scope invalidates). */
  async function cached<T>(kind: string, campaignId: string, scope: Scope, variant: unknown, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
    const regionGen = scope.regionCode ? generations.region(campaignId, scope.regionCode) : generations.anyRegion(campaignId);
    const [campaignGen, scopeGen] = await Promise.all([cache.generation(generations.campaign(campaignId)), cache.generation(regionGen)]);
    const digest = createHash('sha1').update(JSON.stringify(variant)).digest('hex').slice(0, 16);
    const key = `dash:${kind}:${campaignId}:${scope.regionCode ?? 'all'}:${scope.cityCode ?? 'all'}:${campaignGen}.${scopeGen}:${digest}`;
    return cache.wrap(key, CACHE_SECONDS, compute);
  }

  /**
   * National dimension averages from the region summaries, for comparison beside a region's own.
   * Cached for a minute under the campaign's generation, not the any-region one: every submit in
   * the country bumps that, which made nearly every overview in the rush read the summaries and
   * their pending deltas again (two more database commands) to move an average over tens of
   * thousands of finals by a hundredth at most.
   */
  async function nationalDimensionAverages(campaignId: string): Promise<Record<string, number | null>> {
    const campaignGen = await cache.generation(generations.campaign(campaignId));
    const { value } = await cache.wrap(`dash:national-dims:${campaignId}:${campaignGen}`, NATIONAL_AVERAGES_SECONDS, async () => {
      const all = await summaries.read(new Types.ObjectId(campaignId));
      const submitted = all.reduce((acc, s) => acc + (s.submitted ?? 0), 0);
      const sums: Record<string, number> = {};
      for (const summary of all) for (const [id, sum] of Object.entries(summary.dimSums ?? {})) sums[id] = (sums[id] ?? 0) + sum;
      return Object.fromEntries(Object.entries(sums).map(([id, sum]) => [id, submitted === 0 ? null : Math.round((sum / submitted) * 100) / 100]));
    });
    return value;
  }

  return {
    async overview(actor: StaffActor, query: ScopeQuery): Promise<Overview & { cached: boolean }> {
      const scope = resolveScope(actor, query);
      const campaign = await campaignOf(query.campaignId);
      const now = clock.now();
      const visible = resultsVisibleTo(actor.role, campaign, now);
      const lines = linesFor(actor, campaign);
      const { value, cached: hit } = await cached('overview', query.campaignId, scope, { visible, lines, role: actor.role }, async (): Promise<Overview> => {
        const docs = await scopeRows(campaign, scope);
        const definition = await questionnaires.definition(campaign.questionnaire);
        const counts = participation(docs);
        return {
          scope: scopeView(scope),
          campaign: { id: String(campaign._id), name: campaign.name, state: campaignState(now, campaign.opensAt, campaign.closesAt), closesAt: toBeijingIso(campaign.closesAt) },
          ...counts,
          scoresVisible: visible,
          passLines: lines ? { advantage: lines.advantage, demonstration: lines.demonstration, state: campaign.passLines.state, excellentFrom: lines.excellentFrom } : null,
          distribution: visible ? distribution(docs, definition.scale.baseMax + definition.scale.bonusMax) : null,
          dimensions: visible ? dimensionAverages(docs, definition, await nationalDimensionAverages(query.campaignId)) : null,
          mean: visible ? meanTotal(docs) : null,
          flagged: docs.filter((doc) => doc.integrity.length > 0).length,
        };
      });
      return { ...value, cached: hit };
    },

    /** One page of the table, filtered and sorted from the scope's roster rows. */
    async table(actor: StaffActor, query: TableQuery): Promise<TablePage & { cached: boolean }> {
      const scope = resolveScope(actor, query);
      const campaign = await campaignOf(query.campaignId);
      const visible = resultsVisibleTo(actor.role, campaign, clock.now());
      const lines = linesFor(actor, campaign);
      checkTableQuery(query, visible, lines);
      const { value, cached: hit } = await cached('table', query.campaignId, scope, { query, visible, lines }, async (): Promise<TablePage> => {
        const matching = tableRows(await scopeRows(campaign, scope), query, visible, lines);
        const skip = (query.page - 1) * query.pageSize;
        const page = matching.slice(skip, skip + query.pageSize);
        return { total: matching.length, page: query.page, pageSize: query.pageSize, scoresVisible: visible, rows: page.map((row) => toRow(row, visible, lines)) };
      });
      return { ...value, cached: hit };
    },

    /**
     * Every row of the current filter, for the Excel export: names, USCCs and (when visible)
     * scores leave the system in a file, so each export is an audit record.
     */
    async exportRows(actor: StaffActor, query: TableQuery, ip: string) {
      const scope = resolveScope(actor, query);
      const campaign = await campaignOf(query.campaignId);
      const visible = resultsVisibleTo(actor.role, campaign, clock.now());
      const lines = linesFor(actor, campaign);
      checkTableQuery(query, visible, lines);
      const rows = tableRows(await scopeRows(campaign, scope), query, visible, lines);
      const { campaignId: _campaign, page: _page, pageSize: _pageSize, ...filter } = query;
      await audit.record({
        action: 'dashboard.exported',
        actor: { kind: 'staff', id: actor.staffId, ip },
        campaignId: campaign._id,
        target: scope.cityCode ?? scope.regionCode ?? 'national',
        details: { regionCode: scope.regionCode, cityCode: scope.cityCode, filter, rows: rows.length, scoresVisible: visible },
      });
      return { campaign, scope: scopeView(scope), visible, rows: rows.map((row) => toRow(row, visible, lines)) };
    },

    async detail(actor: StaffActor, enterpriseId: Types.ObjectId): Promise<EnterpriseDetail> {
      const result = await resultInScope(actor, enterpriseId);
      const campaign = await campaigns.get(result.campaignId);
      const visible = resultsVisibleTo(actor.role, campaign, clock.now());
      const lines = linesFor(actor, campaign);
      const enterprise = await enterprises.contactsOf(enterpriseId);
      let final: EnterpriseDetail['final'] = null;
      if (visible && result.final) {
        const attempt = await results.attempt(result.final.attemptId);
        if (attempt) {
          const receipt = toReceipt(attempt, await questionnaires.get(attempt.questionnaire));
          final = { questionnaire: attempt.questionnaire, answers: attempt.answers, receipt };
        }
      }
      const finalId = result.final ? String(result.final.attemptId) : null;
      return {
        row: toRow(rosterRowOf(result), visible, lines),
        contacts: (enterprise?.contacts ?? []).map(maskContact),
        extension: enterprise?.extension ? { until: toBeijingIso(enterprise.extension.until), reason: enterprise.extension.reason } : null,
        deadline: toBeijingIso(result.deadline),
        history: [...(result.history ?? [])]
          .sort((a, b) => +a.submittedAt - +b.submittedAt || a.number - b.number)
          .map((entry) => ({
            number: entry.number,
            attemptId: String(entry.attemptId),
            submittedAt: toBeijingIso(entry.submittedAt),
            total: visible ? entry.total : null,
            seconds: entry.seconds ?? null,
            counts: String(entry.attemptId) === finalId,
          })),
        integrity: (result.integrity ?? []).map((flag) => integrityView(flag, visible)),
        final,
      };
    },

    /** One enterprise's contacts in full, for a caller whose scope covers it; every call is audited. */
    async contacts(actor: StaffActor, enterpriseId: Types.ObjectId, ip: string): Promise<EnterpriseContacts> {
      const result = await resultInScope(actor, enterpriseId);
      const enterprise = await enterprises.contactsOf(enterpriseId);
      const contacts = (enterprise?.contacts ?? []).map((c) => ({ name: c.name ?? '', phone: c.phone ?? '', email: c.email ?? '' }));
      await audit.record({
        action: 'contacts.viewed',
        actor: { kind: 'staff', id: actor.staffId, ip },
        campaignId: result.campaignId,
        target: String(enterpriseId),
        details: { contacts: contacts.length },
      });
      return { contacts };
    },

    /** The region's quotas and, once the lines are published, its applicants ranked within them. */
    async quota(actor: StaffActor, query: ScopeQuery): Promise<QuotaPanel> {
      const scope = resolveScope(actor, query);
      if (!scope.regionCode) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'region', message: '请选择地区' }] });
      const campaign = await campaignOf(query.campaignId);
      const lines = campaign.passLines?.state === 'published' ? linesFor(actor, campaign) : null;
      const quota = regionQuota(campaign, scope.regionCode);
      const base = { regionCode: scope.regionCode, regionName: regionByCode(scope.regionCode)?.name ?? '', quota, published: lines !== null };
      // The ranked lists carry scores: lines published before the close show them no earlier.
      if (!lines || !resultsVisibleTo(actor.role, campaign, clock.now())) return { ...base, lists: [] };
      const rows = await scopeRows(campaign, scope);
      const candidates = rows.map((row) => ({ ...row, specialized: row.flags.specialized, centralSoe: row.flags.centralSoe }));
      const lists = (['advantage', 'demonstration'] as const).map((line) => {
        const passLine = lines[line];
        // The shared quota ranking (专精特新 first, then score, then name; central SOEs take no place).
        const ranked = passLine === null ? [] : rankForQuota(candidates, line, passLine, quota[line]);
        const inQuota = ranked.filter((entry) => entry.place !== null);
        return {
          line,
          passLine,
          quota: quota[line],
          ranked: inQuota.map(({ candidate, withinQuota }) => ({ id: candidate.id, name: candidate.name, uscc: candidate.uscc, total: candidate.total!, specialized: candidate.specialized, withinQuota })),
          outsideQuota: ranked.filter((entry) => entry.place === null).map(({ candidate }) => ({ id: candidate.id, name: candidate.name, uscc: candidate.uscc, total: candidate.total! })),
        };
      });
      return { ...base, lists };
    },

    /** The 37 regions in one table, from the region summaries (two reads, whatever the size). */
    async national(campaignId: string): Promise<NationalTable> {
      const campaign = await campaignOf(campaignId);
      const all = await summaries.read(campaign._id);
      const lines = { advantage: campaign.passLines?.advantage ?? null, demonstration: campaign.passLines?.demonstration ?? null };
      const rows = summariesByRegion(campaign._id, all, clock.now()).map(({ region, summary }) => ({
        regionCode: region.code,
        regionName: region.name,
        enterprises: summary.enterprises ?? 0,
        started: summary.loggedIn ?? 0,
        submitted: summary.submitted ?? 0,
        mean: summary.submitted ? Math.round((summary.scoreSum / summary.submitted) * 100) / 100 : null,
        passes: {
          advantage: lines.advantage === null ? null : passesFromHist(summary, 'advantage', lines.advantage),
          demonstration: lines.demonstration === null ? null : passesFromHist(summary, 'demonstration', lines.demonstration),
        },
        applicantPasses: {
          advantage: lines.advantage === null ? null : passesFromHist(summary, 'advantage', lines.advantage, 'apply_advantage'),
          demonstration: lines.demonstration === null ? null : passesFromHist(summary, 'demonstration', lines.demonstration, 'apply_demonstration'),
        },
        quota: regionQuota(campaign, region.code),
      }));
      const sum = (pick: (row: (typeof rows)[number]) => number | null) => rows.reduce((acc, row) => acc + (pick(row) ?? 0), 0);
      const submitted = sum((row) => row.submitted);
      const scoreSum = all.reduce((acc, s) => acc + (s.scoreSum ?? 0), 0);
      return {
        rows,
        totals: {
          enterprises: sum((row) => row.enterprises),
          started: sum((row) => row.started),
          submitted,
          mean: submitted ? Math.round((scoreSum / submitted) * 100) / 100 : null,
          passes: { advantage: lines.advantage === null ? null : sum((r) => r.passes.advantage), demonstration: lines.demonstration === null ? null : sum((r) => r.passes.demonstration) },
          applicantPasses: { advantage: lines.advantage === null ? null : sum((r) => r.applicantPasses.advantage), demonstration: lines.demonstration === null ? null : sum((r) => r.applicantPasses.demonstration) },
          quota: { advantage: sum((r) => r.quota.advantage), demonstration: sum((r) => r.quota.demonstration) },
        },
        passLines: {
          advantage: lines.advantage,
          demonstration: lines.demonstration,
          state: campaign.passLines?.state ?? 'draft',
          excellentFrom: { advantage: campaign.passLines?.excellentFrom?.advantage ?? null, demonstration: campaign.passLines?.excellentFrom?.demonstration ?? null },
        },
      };
    },

    async preview(campaignId: string, lines: PassLineInput): Promise<PassLinePreview> {
      const campaign = await campaignOf(campaignId);
      return previewLines(campaign._id, await summaries.read(campaign._id), lines, clock.now(), (regionCode) => regionQuota(campaign, regionCode));
    },
  };
}

export type DashboardService = ReturnType<typeof dashboardService>;
