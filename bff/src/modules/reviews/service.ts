import type { Readable } from 'node:stream';
import { gzipSync, gunzipSync } from 'node:zlib';
import { Binary } from 'mongodb';
import { Types } from 'mongoose';
import {
  canonicalJson,
  checkRecommendationList,
  cityByCode,
  listEligibility,
  nextPackageState,
  packageDigest,
  packageStateLabels,
  regionByCode,
  regions,
  reviewDecisionIssue,
  reviewDecisionMessages,
  reviewOutcomeLabels,
  reviewPurposeLabels,
  titleLabels,
  toBeijingIso,
  type ApplicantReviewsInput,
  type ConfirmProposalsInput,
  type PackageSnapshot,
  type PackageState,
  type PackagesTable,
  type PackageView,
  type PackageQuery,
  type RecommendationListInput,
  type ReviewDecisionsInput,
  type ReviewSummaryInput,
  type ScopeQuery,
  type Title,
  type WorkPage,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { FileStore } from '../../lib/files';
import { KeyedMutex } from '../../lib/keyedMutex';
import type { StaffActor } from '../../lib/route';
import type { AuditService } from '../audit/service';
import { quotasOf, regionQuota, type CampaignService } from '../campaigns/service';
import type { CampaignDoc } from '../campaigns/model';
import type { SummaryStore } from '../results/summaries';
import { resolveScope, type Scope } from '../dashboards/scope';
import { packageId, reviewKey, type ReviewActorRef, type ReviewPackageDoc } from './model';
import type { Op, ReviewState } from './state';
import type { ReviewStore } from './store';
import { candidatesOf, judgementsOf, submitIssues, workPage, TITLES, type Candidate, type Lines, type WorkContext } from './work';
import { buildSnapshot, snapshotCounts } from './snapshot';
import { packagePdf } from './pdf';

/** The sealed scan: a PDF or a photo of each page, up to 20 MB. */
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;
const MAX_PDF_BYTES = 64 * 1024 * 1024;
const HISTORY_LIMIT = 300;
/** Hard rules a draft list may not break (the priority reason may wait for the submit). */
const HARD_LIST_ISSUES = new Set(['UNKNOWN_ENTERPRISE', 'DUPLICATE', 'NOT_APPLICANT', 'NO_SCORE', 'BELOW_LINE', 'OVER_QUOTA']);

function namesOf(names: readonly string[]): string {
  return names.length <= 3 ? names.join('、') : `${names.slice(0, 3).join('、')}等 ${names.length} 家`;
}

export function reviewService(deps: { clock: Clock; logger: Logger; campaigns: CampaignService; summaries: SummaryStore; audit: AuditService; store: ReviewStore; files: FileStore }) {
  const { clock, logger, campaigns, summaries, audit, store, files } = deps;
  const pdfLocks = new KeyedMutex();

  interface Loaded {
    campaign: CampaignDoc;
    scope: Scope & { regionCode: string };
    ctx: WorkContext;
  }

  /** The caller's scope (a region is needed: the work is per region), the campaign, and whether the review is open. */
  async function open(actor: StaffActor, query: ScopeQuery): Promise<Loaded> {
    const scope = resolveScope(actor, query);
    if (!scope.regionCode) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'region', message: '请选择地区' }] });
    const campaign = await campaigns.get(new Types.ObjectId(query.campaignId));
    const now = clock.now();
    const passLines = campaign.passLines;
    const published = passLines?.state === 'published' && passLines.advantage !== null && passLines.demonstration !== null;
    const closed = now.getTime() >= campaign.closesAt.getTime();
    const isOpen = published && closed;
    const regionCode = scope.regionCode;
    const ctx: WorkContext = {
      campaign: { id: String(campaign._id), name: campaign.name, year: campaign.year },
      regionCode,
      cityCode: scope.cityCode,
      role: actor.role,
      lines: isOpen ? { advantage: passLines.advantage!, demonstration: passLines.demonstration! } : null,
      open: isOpen,
      closedReason: !published ? '合格线公布后，开始初核、评审和推荐' : !closed ? '测评系统关闭后，开始初核、评审和推荐' : null,
      quota: regionQuota(campaign, regionCode),
      quotaBasis: quotasOf(campaign).basis,
      scope: {
        regionCode,
        regionName: regionByCode(regionCode)?.name ?? null,
        cityCode: scope.cityCode,
        cityName: scope.cityCode ? (cityByCode(scope.cityCode)?.name ?? null) : null,
      },
    };
    return { campaign, scope: { ...scope, regionCode }, ctx };
  }

  const idsOf = (loaded: Loaded) => ({ campaignId: loaded.campaign._id, regionCode: loaded.scope.regionCode });
  const actorRef = (actor: StaffActor, ip: string): ReviewActorRef => ({ id: actor.staffId, role: actor.role, cityCode: actor.city, ip });
  const candidatesFor = async (loaded: Loaded): Promise<Candidate[]> => candidatesOf(await summaries.rosterRows(loaded.campaign._id, loaded.scope.regionCode));

  function linesOf(loaded: Loaded): Lines {
    if (!loaded.ctx.open || !loaded.ctx.lines) throw new AppError('REVIEW_NOT_OPEN', { reason: loaded.ctx.closedReason });
    return loaded.ctx.lines;
  }

  /** What every edit starts from: the open review, its lines and its candidates (by id). */
  async function openForEdit(actor: StaffActor, query: ScopeQuery, need: { wholeRegion: boolean }) {
    const loaded = await open(actor, query);
    if (need.wholeRegion) requireWholeRegion(actor, loaded);
    const lines = linesOf(loaded);
    const candidates = await candidatesFor(loaded);
    const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
    return { loaded, lines, candidates, byId };
  }

  /** Edits leave a submitted or confirmed package alone; the first edit makes a draft. */
  function editOps(state: ReviewState): Op[] {
    const next = nextPackageState(state.package.state, 'edit');
    if (next === null) throw new AppError('PACKAGE_LOCKED', { state: state.package.state });
    return next !== state.package.state ? [{ path: ['package', 'state'], value: next }] : [];
  }

  function mark(actor: StaffActor) {
    return { by: actor.staffId, byRole: actor.role, cityCode: actor.role === 'city' ? actor.city : null, at: toBeijingIso(clock.now()) };
  }

  function candidateIn(byId: Map<string, Candidate>, actor: StaffActor, enterpriseId: string): Candidate {
    const candidate = byId.get(enterpriseId);
    if (!candidate) throw new AppError('ENTERPRISE_NOT_FOUND', { enterpriseId });
    if (actor.role === 'city' && candidate.cityCode !== actor.city) throw new AppError('FORBIDDEN');
    return candidate;
  }

  /** Runs one change of a region's state and answers the updated page. */
  async function changeAndShow(loaded: Loaded, actor: StaffActor, ip: string, candidates: Candidate[], decide: (state: ReviewState) => { action: string; ops: Op[]; what: string; reason?: string | null; details?: Record<string, unknown> }): Promise<WorkPage> {
    const { rev, state } = await store.change(idsOf(loaded), actorRef(actor, ip), (current) => {
      const change = decide(current);
      return { ...change, result: null };
    });
    return workPage(loaded.ctx, candidates, state, rev);
  }

  async function ensurePdf(doc: ReviewPackageDoc): Promise<string> {
    if (doc.pdfFileId) return doc.pdfFileId;
    return pdfLocks.run(doc._id, async () => {
      const fresh = await store.package(doc._id);
      if (fresh?.pdfFileId) return fresh.pdfFileId;
      const snapshot = unpackSnapshot(doc);
      const bytes = await packagePdf(snapshot, doc.digest);
      const stored = await files.storeBuffer(bytes, { maxBytes: MAX_PDF_BYTES, kinds: ['pdf'], filename: `${doc.documentNumber}.pdf`, meta: { packageId: doc._id, digest: doc.digest } });
      await store.setPdf(doc._id, stored.id);
      return (await store.package(doc._id))?.pdfFileId ?? stored.id;
    });
  }

  async function currentPackage(loaded: Loaded, version: number | undefined): Promise<ReviewPackageDoc> {
    const { state } = await store.load(reviewKey(loaded.campaign._id, loaded.scope.regionCode));
    const wanted = version ?? state.package.version;
    if (wanted < 1 || wanted > state.package.version) throw new AppError('PACKAGE_NOT_FOUND');
    const doc = await store.package(packageId(reviewKey(loaded.campaign._id, loaded.scope.regionCode), wanted));
    if (!doc) throw new AppError('PACKAGE_NOT_FOUND');
    return doc;
  }

  /** A package, its lists and its history cover the whole region: a city bureau cannot act on them (a ?city narrows only what a page shows). */
  function requireWholeRegion(actor: StaffActor, _loaded: Loaded): void {
    if (actor.role === 'city') throw new AppError('FORBIDDEN');
  }

  async function decidePackageAs(kind: 'returned' | 'confirmed', campaignId: Types.ObjectId, input: { regionCode: string; version: number; reason?: string }, actor: StaffActor, ip: string) {
    if (!regionByCode(input.regionCode)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'regionCode', message: '地区代码不正确' }] });
    const campaign = await campaigns.get(campaignId);
    const key = reviewKey(campaign._id, input.regionCode);
    const at = toBeijingIso(clock.now());
    const { state } = await store.change({ campaignId: campaign._id, regionCode: input.regionCode }, actorRef(actor, ip), (current) => {
      if (current.package.version === 0 || input.version > current.package.version) throw new AppError('PACKAGE_NOT_FOUND');
      const next = nextPackageState(current.package.state, kind === 'returned' ? 'return' : 'confirm');
      if (input.version !== current.package.version || next === null) throw new AppError('PACKAGE_STATE_CONFLICT', { state: current.package.state, version: current.package.version });
      const reason = input.reason?.trim() ?? null;
      return {
        action: kind === 'returned' ? 'package.returned' : 'package.confirmed',
        ops: [
          { path: ['package', 'state'], value: next },
          { path: ['package', 'returnedReason'], value: kind === 'returned' ? reason : null },
        ],
        effects: [{ kind: 'decidePackage', packageId: packageId(key, input.version), decision: { kind, reason, by: actor.staffId, at } }],
        what: `${kind === 'returned' ? '国家知识产权局退回' : '国家知识产权局确认'}第 ${input.version} 版上报材料`,
        reason,
        details: { version: input.version },
        result: null,
      };
    });
    await audit.record({ action: kind === 'returned' ? 'package.returned' : 'package.confirmed', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: campaign._id, target: input.regionCode, details: { version: input.version, reason: input.reason ?? null, digest: state.package.digest } });
    return { state: state.package.state, stateLabel: packageStateLabels[state.package.state], version: state.package.version };
  }

  return {
    /** The working page of a region (or of a city in it). */
    async work(actor: StaffActor, query: ScopeQuery): Promise<WorkPage> {
      const loaded = await open(actor, query);
      const [candidates, { rev, state }] = await Promise.all([loaded.ctx.open ? candidatesFor(loaded) : Promise.resolve([]), store.load(reviewKey(loaded.campaign._id, loaded.scope.regionCode))]);
      return workPage(loaded.ctx, candidates, state, rev);
    },

    /** 初核 decisions: the region's own (overriding a city's proposal), or a city's proposals for its enterprises. */
    async decide(actor: StaffActor, query: ScopeQuery, input: ReviewDecisionsInput, ip: string): Promise<WorkPage> {
      const { loaded, lines, candidates, byId } = await openForEdit(actor, query, { wholeRegion: false });
      const asRegion = actor.role === 'region';
      return changeAndShow(loaded, actor, ip, candidates, (state) => {
        const ops = editOps(state);
        const issues: Array<{ enterpriseId: string; code: string; message: string }> = [];
        const changed: Array<{ enterpriseId: string; name: string; purpose: string; before: unknown; after: unknown }> = [];
        for (const item of input.items) {
          const candidate = candidateIn(byId, actor, item.enterpriseId);
          const judgement = judgementsOf(candidate, lines).find((j) => j.purpose === item.purpose);
          if (!judgement) throw new AppError('REVIEW_NOT_APPLICABLE', { enterpriseId: item.enterpriseId, purpose: item.purpose });
          const section = asRegion ? 'decisions' : 'proposals';
          const before = state[section][candidate.id]?.[item.purpose] ?? null;
          if (item.outcome === null) {
            if (before) ops.push({ path: [section, candidate.id, item.purpose], value: null });
            changed.push({ enterpriseId: candidate.id, name: candidate.name, purpose: item.purpose, before, after: null });
            continue;
          }
          const issue = reviewDecisionIssue({ outcome: item.outcome, total: candidate.total, passLine: judgement.passLine, reason: item.reason });
          if (issue) {
            issues.push({ enterpriseId: candidate.id, code: issue, message: `${candidate.name}：${reviewDecisionMessages[issue]}` });
            continue;
          }
          const reason = item.reason?.trim() ? item.reason.trim() : null;
          if (before && before.outcome === item.outcome && before.reason === reason) continue;
          const record = { outcome: item.outcome, reason, ...mark(actor) };
          ops.push({ path: [section, candidate.id, item.purpose], value: record });
          if (asRegion && state.proposals[candidate.id]?.[item.purpose]) ops.push({ path: ['proposals', candidate.id, item.purpose], value: null });
          changed.push({ enterpriseId: candidate.id, name: candidate.name, purpose: item.purpose, before, after: record });
        }
        if (issues.length > 0) throw new AppError('REVIEW_DECISION_INVALID', { issues });
        const first = input.items[0];
        const label = first?.outcome ? reviewOutcomeLabels[first.outcome] : '撤回';
        return {
          action: asRegion ? 'decision.set' : 'decision.proposed',
          ops: changed.length > 0 ? ops : [],
          what: `${asRegion ? '初核' : '地市局初核意见'}：${namesOf(changed.map((c) => c.name))}${first && input.items.length === 1 ? ` ${reviewPurposeLabels[first.purpose]} ${label}` : ''}`,
          reason: first && input.items.length === 1 ? (first.reason?.trim() ?? null) : null,
          details: { items: changed },
        };
      });
    },

    /** The bureau's review of applicants above their line: a score and/or an opinion (a city's are proposals). */
    async reviewApplicants(actor: StaffActor, query: ScopeQuery, input: ApplicantReviewsInput, ip: string): Promise<WorkPage> {
      const { loaded, lines, candidates, byId } = await openForEdit(actor, query, { wholeRegion: false });
      const asRegion = actor.role === 'region';
      return changeAndShow(loaded, actor, ip, candidates, (state) => {
        const ops = editOps(state);
        const changed: Array<{ enterpriseId: string; name: string; before: unknown; after: unknown }> = [];
        for (const item of input.items) {
          const candidate = candidateIn(byId, actor, item.enterpriseId);
          const title: Title | null = candidate.track === 'apply_advantage' ? 'advantage' : candidate.track === 'apply_demonstration' ? 'demonstration' : null;
          const why = title ? listEligibility(candidate, title, lines[title]) : 'NOT_APPLICANT';
          if (why) throw new AppError('REVIEW_NOT_APPLICABLE', { enterpriseId: candidate.id, code: why, message: `${candidate.name}：只评审达到合格线的申报企业` });
          const section = asRegion ? 'reviews' : 'reviewProposals';
          const before = state[section][candidate.id] ?? null;
          const opinion = item.opinion?.trim() ? item.opinion.trim() : null;
          const withdraw = item.score === null && opinion === null;
          if (withdraw ? !before : before && before.score === item.score && before.opinion === opinion) continue;
          const record = withdraw ? null : { score: item.score, opinion, ...mark(actor) };
          ops.push({ path: [section, candidate.id], value: record });
          if (asRegion && state.reviewProposals[candidate.id]) ops.push({ path: ['reviewProposals', candidate.id], value: null });
          changed.push({ enterpriseId: candidate.id, name: candidate.name, before, after: record });
        }
        return {
          action: asRegion ? 'review.set' : 'review.proposed',
          ops: changed.length > 0 ? ops : [],
          what: `${asRegion ? '评审' : '地市局评审意见'}：${namesOf(changed.map((c) => c.name))}`,
          details: { items: changed },
        };
      });
    },

    /** One title's recommendation list, checked against the hard rules (the priority reason may wait for the submit). */
    async saveList(actor: StaffActor, query: ScopeQuery, input: RecommendationListInput, ip: string): Promise<WorkPage> {
      const { loaded, lines, candidates, byId } = await openForEdit(actor, query, { wholeRegion: true });
      const entries = input.entries.map((entry) => ({ id: entry.enterpriseId, priorityReason: entry.priorityReason?.trim() ? entry.priorityReason.trim() : null }));
      const check = checkRecommendationList({ title: input.title, quota: loaded.ctx.quota[input.title], passLine: lines[input.title], candidates, entries });
      const hard = check.issues.filter((issue) => HARD_LIST_ISSUES.has(issue.code));
      if (hard.length > 0) throw new AppError('LIST_INVALID', { title: input.title, issues: hard });
      return changeAndShow(loaded, actor, ip, candidates, (state) => {
        const ops = editOps(state);
        const before = state.lists[input.title];
        if (canonicalJson(before.map((e) => ({ id: e.id, priorityReason: e.priorityReason ?? null }))) === canonicalJson(entries)) return { action: 'list.changed', ops: [], what: '' };
        const had = new Set(before.map((entry) => entry.id));
        const has = new Set(entries.map((entry) => entry.id));
        const added = entries.filter((entry) => !had.has(entry.id)).map((entry) => byId.get(entry.id)!.name);
        const removed = before.filter((entry) => !has.has(entry.id)).map((entry) => byId.get(entry.id)?.name ?? entry.id);
        ops.push({ path: ['lists', input.title], value: entries });
        const parts = [added.length ? `列入 ${namesOf(added)}` : '', removed.length ? `移出 ${namesOf(removed)}` : ''].filter(Boolean);
        return {
          action: 'list.changed',
          ops,
          what: `${titleLabels[input.title]}推荐名单（${entries.length} 家）：${parts.join('；') || '修改推荐理由'}`,
          details: { title: input.title, added, removed, entries: entries.length, placesUsed: check.placesUsed },
        };
      });
    },

    async saveSummary(actor: StaffActor, query: ScopeQuery, input: ReviewSummaryInput, ip: string): Promise<WorkPage> {
      const loaded = await open(actor, query);
      requireWholeRegion(actor, loaded);
      linesOf(loaded);
      const candidates = await candidatesFor(loaded);
      return changeAndShow(loaded, actor, ip, candidates, (state) => {
        if (state.summary === input.summary) return { action: 'summary.changed', ops: [], what: '' };
        return { action: 'summary.changed', ops: [...editOps(state), { path: ['summary'], value: input.summary }], what: `评审情况（${input.summary.length} 字）`, details: { before: state.summary, after: input.summary } };
      });
    },

    /** The region takes its cities' proposals for these enterprises as its own decisions and reviews. */
    async confirmProposals(actor: StaffActor, query: ScopeQuery, input: ConfirmProposalsInput, ip: string): Promise<WorkPage> {
      const { loaded, lines, candidates, byId } = await openForEdit(actor, query, { wholeRegion: true });
      const stamp = { confirmedBy: actor.staffId, confirmedAt: toBeijingIso(clock.now()) };
      return changeAndShow(loaded, actor, ip, candidates, (state) => {
        const ops = editOps(state);
        const confirmed: string[] = [];
        for (const id of input.enterpriseIds) {
          const candidate = byId.get(id);
          if (!candidate) throw new AppError('ENTERPRISE_NOT_FOUND', { enterpriseId: id });
          let any = false;
          for (const [purpose, proposal] of Object.entries(state.proposals[id] ?? {})) {
            const judgement = judgementsOf(candidate, lines).find((j) => j.purpose === purpose);
            if (!proposal || !judgement || reviewDecisionIssue({ outcome: proposal.outcome, total: candidate.total, passLine: judgement.passLine, reason: proposal.reason })) continue;
            ops.push({ path: ['decisions', id, purpose], value: { ...proposal, ...stamp } }, { path: ['proposals', id, purpose], value: null });
            any = true;
          }
          const review = state.reviewProposals[id];
          if (review) {
            ops.push({ path: ['reviews', id], value: { ...review, ...stamp } }, { path: ['reviewProposals', id], value: null });
            any = true;
          }
          if (any) confirmed.push(candidate.name);
        }
        return { action: 'proposals.confirmed', ops: confirmed.length > 0 ? ops : [], what: `确认地市局意见：${namesOf(confirmed)}`, details: { enterpriseIds: input.enterpriseIds } };
      });
    },

    /**
     * 上报: checks everything, fixes the snapshot, its digest and document number as a new
     * version, locks the state, then makes the PDF (regenerated on first download if this fails).
     */
    async submit(actor: StaffActor, query: ScopeQuery, input: { rev: number }, ip: string): Promise<WorkPage> {
      const { loaded, lines, candidates } = await openForEdit(actor, query, { wholeRegion: true });
      const key = reviewKey(loaded.campaign._id, loaded.scope.regionCode);
      const now = clock.now();
      const { rev, state, result } = await store.change(idsOf(loaded), actorRef(actor, ip), (current, currentRev) => {
        if (nextPackageState(current.package.state, 'submit') === null) throw new AppError('PACKAGE_LOCKED', { state: current.package.state });
        if (currentRev !== input.rev) throw new AppError('PACKAGE_STALE', { rev: currentRev });
        const issues = submitIssues(candidates, current, lines, loaded.ctx.quota);
        if (issues.length > 0) throw new AppError('PACKAGE_INVALID', { issues });
        const version = current.package.version + 1;
        const snapshot = buildSnapshot({ campaign: loaded.ctx.campaign, regionCode: loaded.scope.regionCode, version, lines, quota: loaded.ctx.quota, candidates, state: current, submittedAt: now, submittedBy: actor.staffId });
        const digest = packageDigest(snapshot);
        const counts = snapshotCounts(snapshot);
        const id = packageId(key, version);
        return {
          action: 'package.submitted',
          ops: [
            {
              path: ['package'],
              value: { state: 'submitted' as PackageState, version, submittedAt: snapshot.submittedAt, documentNumber: snapshot.documentNumber, digest, returnedReason: null, counts, scans: 0 },
            },
          ],
          effects: [
            {
              kind: 'insertPackage',
              doc: {
                _id: id,
                key,
                campaignId: loaded.campaign._id,
                regionCode: loaded.scope.regionCode,
                version,
                documentNumber: snapshot.documentNumber,
                digest,
                snapshot: new Binary(gzipSync(canonicalJson(snapshot))),
                submittedAt: now.toISOString(),
                submittedBy: actor.staffId,
                pdfFileId: null,
                scans: [],
                decision: null,
              },
            },
          ],
          what: `上报第 ${version} 版材料 ${snapshot.documentNumber}：推荐优势企业 ${counts.advantage} 家、示范企业 ${counts.demonstration} 家，考核复核初核通过 ${counts.reviewPassed} 项`,
          details: { version, documentNumber: snapshot.documentNumber, digest, counts },
          result: id,
        };
      });
      await audit.record({ action: 'package.submitted', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: loaded.campaign._id, target: loaded.scope.regionCode, details: { version: state.package.version, digest: state.package.digest, documentNumber: state.package.documentNumber, counts: state.package.counts } });
      const doc = await store.package(result);
      if (doc) await ensurePdf(doc).catch((error: unknown) => logger.error({ err: error, packageId: result }, 'package PDF not made at submit (made on first download)'));
      return workPage(loaded.ctx, candidates, state, rev);
    },

    /** A package's versions and one version's snapshot (the latest unless asked). */
    async packageView(actor: StaffActor, query: PackageQuery): Promise<PackageView> {
      const loaded = await open(actor, query);
      requireWholeRegion(actor, loaded);
      const key = reviewKey(loaded.campaign._id, loaded.scope.regionCode);
      const [{ state }, versions] = await Promise.all([store.load(key), store.packagesOf(key)]);
      const wanted = query.version ?? state.package.version;
      if (query.version !== undefined && !versions.some((v) => v.version === query.version)) throw new AppError('PACKAGE_NOT_FOUND');
      const doc = wanted > 0 ? await store.package(packageId(key, wanted)) : null;
      return {
        regionCode: loaded.scope.regionCode,
        regionName: loaded.ctx.scope.regionName ?? '',
        state: state.package.state,
        stateLabel: packageStateLabels[state.package.state],
        versions: versions.map((v) => ({
          version: v.version,
          documentNumber: v.documentNumber,
          digest: v.digest,
          submittedAt: toBeijingIso(v.submittedAt),
          submittedBy: v.submittedBy,
          decision: v.decision ? { kind: v.decision.kind, reason: v.decision.reason, by: v.decision.by, at: toBeijingIso(new Date(v.decision.at)) } : null,
          scans: (v.scans ?? []).map((scan) => ({ n: scan.n, kind: scan.kind, bytes: scan.bytes, sha256: scan.sha256, by: scan.by, at: toBeijingIso(new Date(scan.at)) })),
        })),
        snapshot: doc ? unpackSnapshot(doc) : null,
      };
    },

    /** The package's PDF (made now if the submit could not), streamed; every download is audited. */
    async packagePdf(actor: StaffActor, query: PackageQuery, ip: string): Promise<{ stream: Readable; bytes: number; filename: string }> {
      const loaded = await open(actor, query);
      requireWholeRegion(actor, loaded);
      const doc = await currentPackage(loaded, query.version);
      const file = await files.open(await ensurePdf(doc));
      await audit.record({ action: 'package.downloaded', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: loaded.campaign._id, target: loaded.scope.regionCode, details: { version: doc.version, file: 'pdf', digest: doc.digest } });
      return { ...file, filename: `${doc.documentNumber}.pdf` };
    },

    /** The sealed scan of the current submitted version: streamed into the file store (kind by magic bytes, ≤20 MB), then recorded. */
    async uploadScan(actor: StaffActor, query: PackageQuery, source: Readable, ip: string) {
      const loaded = await open(actor, query);
      requireWholeRegion(actor, loaded);
      linesOf(loaded);
      const key = reviewKey(loaded.campaign._id, loaded.scope.regionCode);
      const check = (state: ReviewState) => {
        const version = query.version ?? state.package.version;
        if (state.package.version === 0 || version > state.package.version) throw new AppError('PACKAGE_NOT_FOUND');
        if (version !== state.package.version || state.package.state !== 'submitted') throw new AppError('PACKAGE_STATE_CONFLICT', { state: state.package.state, version: state.package.version });
        return version;
      };
      check((await store.load(key)).state);
      const stored = await files.store(source, { maxBytes: MAX_SCAN_BYTES, kinds: ['pdf', 'jpeg', 'png'], filename: `scan-${key}`, meta: { key, by: actor.staffId } });
      const at = toBeijingIso(clock.now());
      try {
        const { state } = await store.change(idsOf(loaded), actorRef(actor, ip), (current) => {
          const version = check(current);
          const n = current.package.scans + 1;
          return {
            action: 'scan.uploaded',
            ops: [{ path: ['package', 'scans'], value: n }],
            effects: [{ kind: 'addScan', packageId: packageId(key, version), scan: { n, fileId: stored.id, kind: stored.kind, bytes: stored.bytes, sha256: stored.sha256, by: actor.staffId, at } }],
            what: `上传第 ${version} 版盖章扫描件（${stored.kind.toUpperCase()}，${Math.ceil(stored.bytes / 1024)} KB）`,
            details: { version, n, sha256: stored.sha256, bytes: stored.bytes, kind: stored.kind },
            result: null,
          };
        });
        await audit.record({ action: 'package.scan_uploaded', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: loaded.campaign._id, target: loaded.scope.regionCode, details: { version: state.package.version, sha256: stored.sha256, bytes: stored.bytes, kind: stored.kind } });
        return { n: state.package.scans, kind: stored.kind, bytes: stored.bytes, sha256: stored.sha256, by: actor.staffId, at };
      } catch (error) {
        await files.remove(stored.id).catch(() => undefined);
        throw error;
      }
    },

    /** A sealed scan, streamed; every download is audited. */
    async scan(actor: StaffActor, query: PackageQuery & { n?: number }, ip: string) {
      const loaded = await open(actor, query);
      requireWholeRegion(actor, loaded);
      const doc = await currentPackage(loaded, query.version);
      const scans = doc.scans ?? [];
      const scan = query.n === undefined ? scans[scans.length - 1] : scans.find((s) => s.n === query.n);
      if (!scan) throw new AppError('NOT_FOUND');
      const file = await files.open(scan.fileId);
      await audit.record({ action: 'package.downloaded', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: loaded.campaign._id, target: loaded.scope.regionCode, details: { version: doc.version, file: 'scan', n: scan.n, sha256: scan.sha256 } });
      return { ...file, kind: scan.kind, filename: `${doc.documentNumber}-盖章件-${scan.n}.${scan.kind === 'jpeg' ? 'jpg' : scan.kind}` };
    },

    async history(actor: StaffActor, query: ScopeQuery) {
      const loaded = await open(actor, query);
      requireWholeRegion(actor, loaded);
      const events = await store.history(reviewKey(loaded.campaign._id, loaded.scope.regionCode), HISTORY_LIMIT);
      return { events: events.map((event) => ({ rev: event.rev, action: event.action, by: event.actor.id, byRole: event.actor.role, at: toBeijingIso(event.at), what: event.what, reason: event.reason })) };
    },

    // ---- the national bureau -----------------------------------------------------------------

    /** Every region's package state, counts and quota (one read of the region documents, without their states). */
    async packagesTable(campaignId: Types.ObjectId): Promise<PackagesTable> {
      const campaign = await campaigns.get(campaignId);
      const docs = new Map((await store.regionsOf(campaign._id)).map((doc) => [doc.regionCode, doc]));
      const byState: Record<string, number> = {};
      const rows = regions.map((region) => {
        const doc = docs.get(region.code);
        const state = doc?.packageState ?? 'not_started';
        byState[state] = (byState[state] ?? 0) + 1;
        const counts = doc?.counts;
        return {
          regionCode: region.code,
          regionName: region.name,
          state,
          stateLabel: packageStateLabels[state],
          version: doc?.version ?? 0,
          submittedAt: doc?.submittedAt ? toBeijingIso(doc.submittedAt) : null,
          documentNumber: doc?.documentNumber ?? null,
          digest: doc?.digest ?? null,
          counts: { advantage: counts?.advantage ?? 0, demonstration: counts?.demonstration ?? 0, outsideQuota: counts?.outsideQuota ?? 0, reviewPassed: counts?.reviewPassed ?? 0 },
          quota: regionQuota(campaign, region.code),
          scans: doc?.scans ?? 0,
        };
      });
      return { rows, byState };
    },

    confirmPackage: (campaignId: Types.ObjectId, input: { regionCode: string; version: number }, actor: StaffActor, ip: string) => decidePackageAs('confirmed', campaignId, input, actor, ip),
    returnPackage: (campaignId: Types.ObjectId, input: { regionCode: string; version: number; reason: string }, actor: StaffActor, ip: string) => decidePackageAs('returned', campaignId, input, actor, ip),

    /** The confirmed packages' snapshots (what 公示 lists), one per region that has one. */
    async confirmedPackages(campaignId: Types.ObjectId): Promise<Array<{ regionCode: string; version: number; digest: string; documentNumber: string; snapshot: PackageSnapshot }>> {
      const confirmed = (await store.regionsOf(campaignId)).filter((doc) => doc.packageState === 'confirmed');
      const docs = await store.packagesById(confirmed.map((doc) => packageId(doc._id, doc.version)));
      return docs
        .map((doc) => ({ regionCode: doc.regionCode, version: doc.version, digest: doc.digest, documentNumber: doc.documentNumber, snapshot: unpackSnapshot(doc) }))
        .sort((a, b) => regions.findIndex((r) => r.code === a.regionCode) - regions.findIndex((r) => r.code === b.regionCode));
    },

    titles: TITLES,
  };
}

/** A stored snapshot, checked against its digest (a mismatch means the record was altered: refuse to show it as the package). */
export function unpackSnapshot(doc: Pick<ReviewPackageDoc, 'snapshot' | 'digest' | '_id'>): PackageSnapshot {
  const bytes = doc.snapshot instanceof Binary ? doc.snapshot.buffer : (doc.snapshot as Uint8Array);
  const snapshot = JSON.parse(gunzipSync(bytes).toString('utf8')) as PackageSnapshot;
  if (packageDigest(snapshot) !== doc.digest) throw new Error(`package ${doc._id}: stored snapshot does not match its digest`);
  return snapshot;
}

export type ReviewService = ReturnType<typeof reviewService>;
