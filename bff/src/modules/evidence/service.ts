import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import {
  chunkLength,
  cityByCode,
  editableItems,
  EVIDENCE_CHUNK_BYTES,
  EVIDENCE_SET_CAP_BYTES,
  evidenceAccessIssue,
  evidenceSetStateLabels,
  evidenceVerdictLabels,
  itemProgress,
  markIssue,
  missingRequired,
  regionByCode,
  requestIssue,
  toBeijingIso,
  uploadIssue,
  uploadIssueMessage,
  type CreateUploadInput,
  type ErrorCode,
  type EvidenceChecklistInput,
  type EvidenceChecklistView,
  type EvidenceItem,
  type EvidenceMarksInput,
  type EvidenceNoteInput,
  type EvidencePage,
  type EvidenceRequestInput,
  type EvidenceScopeQuery,
  type EvidenceSetList,
  type EvidenceSetView,
  type UploadIssue,
  type UploadView,
} from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { sniffKind, SNIFF_BYTES, type FileStore } from '../../lib/files';
import type { LeasedMutex } from '../../lib/leasedMutex';
import { collectionOf } from '../../lib/mongo';
import type { EnterpriseActor, StaffActor } from '../../lib/route';
import type { AuditService } from '../audit/service';
import type { CampaignService } from '../campaigns/service';
import type { CampaignDoc } from '../campaigns/model';
import type { ResultRepository } from '../results/repository';
import type { SummaryStore } from '../results/summaries';
import type { ReviewService } from '../reviews/service';
import { resolveScope, withinScope } from '../dashboards/scope';
import { checklistId, setId, type EvidenceChecklistDoc, type EvidenceChecklistModel, type EvidenceFileRecord, type EvidenceSetDoc, type EvidenceSetModel, type EvidenceUploadDoc, type EvidenceUploadModel } from './model';

/** An upload session left unfinished this long is gone (its chunks are removed when it is next seen). */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
const OPINION_MAX = 1_000;
const NOTE_TAG = '【材料审查意见】';

const uploadIssueCodes: Record<UploadIssue, ErrorCode> = {
  KIND: 'EVIDENCE_KIND_INVALID',
  EMPTY: 'UPLOAD_CHUNK_INVALID',
  TOO_LARGE: 'EVIDENCE_FILE_TOO_LARGE',
  TOO_MANY: 'EVIDENCE_TOO_MANY_FILES',
  QUOTA: 'EVIDENCE_QUOTA_EXCEEDED',
};

/** The facts about an enterprise the evidence rules read, from its result. */
interface Subject {
  enterpriseId: string;
  campaignId: Types.ObjectId;
  name: string;
  uscc: string;
  regionCode: string;
  cityCode: string | null;
  track: Parameters<typeof evidenceAccessIssue>[0]['track'];
  total: number | null;
}

type ActorRef = { kind: 'enterprise' | 'staff'; id: string; ip: string };

export function evidenceService(deps: {
  checklists: EvidenceChecklistModel;
  sets: EvidenceSetModel;
  uploads: EvidenceUploadModel;
  clock: Clock;
  campaigns: CampaignService;
  results: Pick<ResultRepository, 'get' | 'keyVersion'>;
  summaries: Pick<SummaryStore, 'rosterRows'>;
  reviews: Pick<ReviewService, 'work' | 'reviewApplicants'>;
  audit: AuditService;
  files: FileStore;
  locks: LeasedMutex;
}) {
  const { clock, campaigns, results, summaries, reviews, audit, files, locks } = deps;
  const checklists = collectionOf(deps.checklists);
  const sets = collectionOf(deps.sets);
  const uploads = collectionOf(deps.uploads);

  // ---- reading ------------------------------------------------------------------------------------

  const latestChecklist = async (campaignId: Types.ObjectId): Promise<EvidenceChecklistDoc | null> => (await checklists.find({ campaignId }).sort({ version: -1 }).limit(1).toArray())[0] ?? null;

  async function subjectOf(enterpriseId: string, campaignId: Types.ObjectId): Promise<Subject> {
    const result = await results.get(enterpriseId);
    if (!result || String(result.campaignId) !== String(campaignId)) throw new AppError('ENTERPRISE_NOT_FOUND');
    return { enterpriseId, campaignId: result.campaignId, name: result.name, uscc: result.uscc, regionCode: result.regionCode, cityCode: result.cityCode ?? null, track: result.track, total: result.final?.total ?? null };
  }

  function linesOf(campaign: CampaignDoc, now: Date) {
    const published = campaign.passLines?.state === 'published' && campaign.passLines.demonstration !== null;
    return { published, closed: now.getTime() >= campaign.closesAt.getTime(), demonstrationLine: published ? campaign.passLines.demonstration : null };
  }

  const accessIssue = (campaign: CampaignDoc, subject: Subject, checklist: EvidenceChecklistDoc | null, now: Date) =>
    evidenceAccessIssue({ ...linesOf(campaign, now), track: subject.track, total: subject.total, hasChecklist: checklist !== null });

  function emptySet(subject: Subject, checklist: EvidenceChecklistDoc): EvidenceSetDoc {
    return { _id: setId(subject.campaignId, subject.enterpriseId), campaignId: subject.campaignId, enterpriseId: subject.enterpriseId, regionCode: subject.regionCode, cityCode: subject.cityCode, checklistVersion: checklist.version, state: 'open', rev: 0, items: {}, requests: [], receipts: [], note: null, updatedAt: clock.now() };
  }

  const currentFiles = (doc: EvidenceSetDoc, itemId: string): EvidenceFileRecord[] => (doc.items[itemId]?.files ?? []).filter((file) => file.replacedAt === null);
  const usedBytes = (doc: EvidenceSetDoc): number => Object.keys(doc.items).reduce((sum, id) => sum + currentFiles(doc, id).reduce((s, f) => s + f.bytes, 0), 0);

  function editableNow(doc: EvidenceSetDoc, checklist: EvidenceChecklistDoc, now: Date): string[] {
    const latest = doc.requests[doc.requests.length - 1];
    return editableItems({ state: doc.state, itemIds: checklist.items.map((item) => item.id), deadline: checklist.deadline, latestRequest: latest ? { itemIds: latest.itemIds, deadline: new Date(latest.deadline) } : null, now });
  }

  function fileView(file: EvidenceFileRecord) {
    return { id: file.fileId, name: file.name, kind: file.kind, bytes: file.bytes, sha256: file.sha256, uploadedAt: toBeijingIso(new Date(file.uploadedAt)), replaces: file.replaces, replacedAt: file.replacedAt ? toBeijingIso(new Date(file.replacedAt)) : null, submitted: file.submittedIn !== null };
  }

  function setView(campaign: CampaignDoc, subject: Subject, checklist: EvidenceChecklistDoc, doc: EvidenceSetDoc, now: Date): EvidenceSetView {
    const editable = new Set(editableNow(doc, checklist, now));
    const latest = doc.state === 'reopened' ? doc.requests[doc.requests.length - 1] : undefined;
    const progressState: Record<string, { files: number; text: string | null }> = {};
    const items = checklist.items.map((item) => {
      const record = doc.items[item.id];
      const current = currentFiles(doc, item.id);
      progressState[item.id] = { files: current.length, text: record?.answer ?? null };
      return {
        ...item,
        files: current.map(fileView),
        history: (record?.files ?? []).filter((file) => file.replacedAt !== null).map(fileView),
        answer: record?.answer ?? null,
        progress: itemProgress(item, current.length, record?.answer ?? null),
        editable: editable.has(item.id),
        requested: latest?.itemIds.includes(item.id) ?? false,
        mark: record?.mark ? { verdict: record.mark.verdict, verdictLabel: evidenceVerdictLabels[record.mark.verdict], comment: record.mark.comment, by: record.mark.by, at: toBeijingIso(new Date(record.mark.at)) } : null,
      };
    });
    const until = editable.size === 0 ? null : latest ? new Date(latest.deadline) : checklist.deadline;
    return {
      campaign: { id: String(campaign._id), name: campaign.name, year: campaign.year },
      enterprise: { id: subject.enterpriseId, name: subject.name, uscc: subject.uscc, regionCode: subject.regionCode, regionName: regionByCode(subject.regionCode)?.name ?? '', cityName: subject.cityCode ? (cityByCode(subject.cityCode)?.name ?? '') : '' },
      checklistVersion: checklist.version,
      deadline: toBeijingIso(checklist.deadline),
      state: doc.state,
      stateLabel: evidenceSetStateLabels[doc.state],
      editableUntil: until ? toBeijingIso(until) : null,
      items,
      missingRequired: missingRequired(checklist.items, progressState),
      requests: doc.requests.map((r) => ({ n: r.n, itemIds: r.itemIds, deadline: toBeijingIso(new Date(r.deadline)), comment: r.comment, by: r.by, at: toBeijingIso(new Date(r.at)) })),
      receipts: doc.receipts.map((r) => ({ n: r.n, at: toBeijingIso(new Date(r.at)), digest: r.digest, files: r.files })),
      note: doc.note ? { text: doc.note.text, by: doc.note.by, at: toBeijingIso(new Date(doc.note.at)) } : null,
      usage: { bytes: usedBytes(doc), maxBytes: EVIDENCE_SET_CAP_BYTES },
      rev: doc.rev,
    };
  }

  /** The set's checklist: the version it was started on once it holds files, else the latest. */
  async function checklistFor(campaignId: Types.ObjectId, doc: EvidenceSetDoc | null): Promise<EvidenceChecklistDoc> {
    const latest = await latestChecklist(campaignId);
    if (!latest) throw new AppError('EVIDENCE_CHECKLIST_MISSING');
    if (!doc || doc.checklistVersion === latest.version || Object.keys(doc.items).every((id) => (doc.items[id]?.files.length ?? 0) === 0)) return latest;
    const pinned = await checklists.findOne({ _id: checklistId(campaignId, doc.checklistVersion) });
    // The deadline is the campaign's latest (it may be moved on a locked version).
    return pinned ? { ...pinned, deadline: latest.deadline } : latest;
  }

  interface EnterpriseContext {
    campaign: CampaignDoc;
    subject: Subject;
    checklist: EvidenceChecklistDoc;
    doc: EvidenceSetDoc;
    now: Date;
  }

  /** A token issued before the enterprise's key was reset no longer speaks for it (TOKEN_INVALID, 401). */
  async function requireCurrentKey(actor: EnterpriseActor): Promise<void> {
    if ((await results.keyVersion(actor.enterpriseId)) !== actor.keyVersion) throw new AppError('TOKEN_INVALID');
  }

  /** The enterprise's own context; EVIDENCE_NOT_AVAILABLE (with why) when it does not take part. */
  async function ownContext(actor: EnterpriseActor): Promise<EnterpriseContext> {
    await requireCurrentKey(actor);
    const campaignId = new Types.ObjectId(actor.campaignId);
    const [campaign, subject, stored] = await Promise.all([campaigns.get(campaignId), subjectOf(actor.enterpriseId, campaignId), sets.findOne({ _id: setId(campaignId, actor.enterpriseId) })]);
    const now = clock.now();
    const latest = await latestChecklist(campaignId);
    const issue = accessIssue(campaign, subject, latest, now);
    if (issue) throw new AppError('EVIDENCE_NOT_AVAILABLE', { reason: issue });
    const checklist = await checklistFor(campaignId, stored);
    return { campaign, subject, checklist, doc: stored ?? emptySet(subject, checklist), now };
  }

  /** A bureau's view of one enterprise's set: its region and city bureau, and the national bureau. */
  async function staffContext(actor: StaffActor, enterpriseId: Types.ObjectId, campaignIdText: string): Promise<EnterpriseContext> {
    const campaignId = new Types.ObjectId(campaignIdText);
    const campaign = await campaigns.get(campaignId);
    const subject = await subjectOf(String(enterpriseId), campaignId);
    if (actor.role !== 'national') {
      if (actor.region !== subject.regionCode) throw new AppError('FORBIDDEN');
      if (actor.role === 'city' && actor.city !== subject.cityCode) throw new AppError('FORBIDDEN');
    }
    const stored = await sets.findOne({ _id: setId(campaignId, subject.enterpriseId) });
    const checklist = await checklistFor(campaignId, stored);
    return { campaign, subject, checklist, doc: stored ?? emptySet(subject, checklist), now: clock.now() };
  }

  // ---- writing ------------------------------------------------------------------------------------

  /**
   * One change of a set, under its lease (FerretDB loses concurrent updates of one document; the
   * lease queues writers across instances) and conditional on the rev it read.
   */
  async function change<R>(context: Pick<EnterpriseContext, 'subject' | 'checklist'>, mutate: (doc: EvidenceSetDoc, now: Date) => R): Promise<{ doc: EvidenceSetDoc; result: R }> {
    const key = setId(context.subject.campaignId, context.subject.enterpriseId);
    return locks.run(`evidence:${key}`, async () => {
      const stored = await sets.findOne({ _id: key });
      const doc: EvidenceSetDoc = stored ? copyPlain(stored) : emptySet(context.subject, context.checklist);
      const now = clock.now();
      const result = mutate(doc, now);
      const fromRev = doc.rev;
      doc.rev = fromRev + 1;
      doc.updatedAt = now;
      doc.checklistVersion = context.checklist.version;
      if (!stored) await sets.insertOne(doc);
      else {
        const written = await sets.replaceOne({ _id: key, rev: fromRev }, doc);
        if (written.matchedCount !== 1) throw new AppError('SERVICE_UNAVAILABLE');
      }
      return { doc, result };
    });
  }

  function requireEditable(doc: EvidenceSetDoc, checklist: EvidenceChecklistDoc, itemId: string, now: Date): void {
    if (!editableNow(doc, checklist, now).includes(itemId)) throw new AppError('EVIDENCE_LOCKED', { itemId, state: doc.state });
  }

  function itemOf(checklist: EvidenceChecklistDoc, itemId: string): EvidenceItem {
    const item = checklist.items.find((candidate) => candidate.id === itemId);
    if (!item) throw new AppError('EVIDENCE_ITEM_NOT_FOUND', { itemId });
    return item;
  }

  function refuseUpload(issue: UploadIssue, item: EvidenceItem): never {
    throw new AppError(uploadIssueCodes[issue], { reason: uploadIssueMessage(issue, item), kinds: item.kinds, maxBytes: item.maxBytes, maxFiles: item.maxFiles });
  }

  async function pendingBytes(key: string, now: Date, except?: string): Promise<number> {
    const open = await uploads.find({ setId: key, completedAt: null, expiresAt: { $gte: now } }, { projection: { bytes: 1 } }).toArray();
    return open.filter((upload) => String(upload._id) !== except).reduce((sum, upload) => sum + upload.bytes, 0);
  }

  async function uploadView(upload: EvidenceUploadDoc): Promise<UploadView> {
    return {
      uploadId: String(upload._id),
      itemId: upload.itemId,
      filename: upload.filename,
      bytes: upload.bytes,
      chunkBytes: upload.chunkBytes,
      chunks: Math.max(1, Math.ceil(upload.bytes / upload.chunkBytes)),
      received: await files.chunksOf(String(upload.fileId)),
      expiresAt: toBeijingIso(upload.expiresAt),
    };
  }

  /** The caller's unfinished upload; UPLOAD_NOT_FOUND for another's, a finished or an expired one. */
  async function ownUpload(actor: EnterpriseActor, uploadId: string): Promise<EvidenceUploadDoc> {
    await requireCurrentKey(actor);
    const upload = await uploads.findOne({ _id: new Types.ObjectId(uploadId) });
    if (!upload || upload.enterpriseId !== actor.enterpriseId) throw new AppError('UPLOAD_NOT_FOUND');
    if (upload.expiresAt.getTime() < clock.now().getTime() && !upload.completedAt) {
      await files.discardChunks(String(upload.fileId)).catch(() => undefined);
      throw new AppError('UPLOAD_NOT_FOUND');
    }
    return upload;
  }

  async function download(context: EnterpriseContext, fileId: string, by: ActorRef) {
    const file = Object.values(context.doc.items)
      .flatMap((item) => item.files)
      .find((candidate) => candidate.fileId === fileId);
    if (!file) throw new AppError('EVIDENCE_FILE_NOT_FOUND');
    const opened = await files.openStreamed(file.fileId);
    await audit.record({ action: 'evidence.downloaded', actor: by, campaignId: context.subject.campaignId, target: context.subject.enterpriseId, details: { fileId, sha256: file.sha256, bytes: file.bytes, name: file.name } });
    return { ...opened, kind: file.kind, filename: file.name };
  }

  const receiptDigest = (lines: Array<{ itemId: string; name: string; bytes: number; sha256: string }>) =>
    createHash('sha256')
      .update(lines.map((line) => `${line.itemId}\t${line.name}\t${line.bytes}\t${line.sha256}`).join('\n'))
      .digest('hex');

  const staffName = (actor: StaffActor) => actor.staffId;

  return {
    // ---- the national bureau's checklist ----

    async checklist(campaignId: Types.ObjectId): Promise<EvidenceChecklistView> {
      await campaigns.get(campaignId);
      const latest = await latestChecklist(campaignId);
      if (!latest) throw new AppError('EVIDENCE_CHECKLIST_MISSING');
      return checklistView(latest);
    },

    /** A new version of the checklist while no upload has started against it; once locked, only the deadline may change. */
    async saveChecklist(campaignId: Types.ObjectId, input: EvidenceChecklistInput, actor: StaffActor, ip: string): Promise<EvidenceChecklistView> {
      const campaign = await campaigns.get(campaignId);
      const ids = input.items.map((item) => item.id);
      if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'items', message: '项目编号不能重复' }] });
      const deadline = new Date(input.deadline);
      return locks.run(`evidence-checklist:${String(campaign._id)}`, async () => {
        const latest = await latestChecklist(campaign._id);
        const now = clock.now();
        let saved: EvidenceChecklistDoc;
        if (latest?.locked) {
          if (JSON.stringify(latest.items) !== JSON.stringify(input.items)) throw new AppError('EVIDENCE_CHECKLIST_LOCKED', { version: latest.version });
          await checklists.updateOne({ _id: latest._id }, { $set: { deadline, updatedAt: now, updatedBy: actor.staffId } });
          saved = { ...latest, deadline, updatedAt: now, updatedBy: actor.staffId };
        } else {
          const version = (latest?.version ?? 0) + 1;
          saved = { _id: checklistId(campaign._id, version), campaignId: campaign._id, version, items: input.items, deadline, locked: false, updatedAt: now, updatedBy: actor.staffId };
          await checklists.insertOne(saved);
        }
        await audit.record({ action: 'evidence.checklist_saved', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: campaign._id, details: { version: saved.version, items: ids, deadline: input.deadline, deadlineOnly: saved.version === latest?.version } });
        return checklistView(saved);
      });
    },

    /** Seeds a checklist (the demo and tests): the same checks as the national bureau's. */
    async ensureChecklist(campaignId: Types.ObjectId, input: EvidenceChecklistInput, actor: StaffActor): Promise<EvidenceChecklistView> {
      const latest = await latestChecklist(campaignId);
      if (latest) return checklistView(latest);
      return this.saveChecklist(campaignId, input, actor, '127.0.0.1');
    },

    // ---- the enterprise ----

    async page(actor: EnterpriseActor): Promise<EvidencePage> {
      try {
        const context = await ownContext(actor);
        return { allowed: true, reason: null, set: setView(context.campaign, context.subject, context.checklist, context.doc, context.now) };
      } catch (error) {
        if (error instanceof AppError && error.code === 'EVIDENCE_NOT_AVAILABLE') return { allowed: false, reason: (error.details as { reason: string }).reason, set: null };
        throw error;
      }
    },

    async saveAnswer(actor: EnterpriseActor, itemId: string, answer: string, ip: string): Promise<EvidenceSetView> {
      const context = await ownContext(actor);
      const item = itemOf(context.checklist, itemId);
      if (!item.text) throw new AppError('EVIDENCE_ITEM_NOT_FOUND', { itemId, reason: '该项不需要文字说明' });
      const text = answer.trim();
      if (text.length > item.text.maxLength) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'answer', message: `${item.text.label}不超过 ${item.text.maxLength} 字` }] });
      const { doc } = await change(context, (current, now) => {
        requireEditable(current, context.checklist, itemId, now);
        const record = (current.items[itemId] ??= { files: [], answer: null, mark: null });
        record.answer = text === '' ? null : text;
      });
      await audit.record({ action: 'evidence.answered', actor: { kind: 'enterprise', id: actor.enterpriseId, ip }, campaignId: context.subject.campaignId, target: actor.enterpriseId, details: { itemId, length: text.length } });
      return setView(context.campaign, context.subject, context.checklist, doc, clock.now());
    },

    /** Starts a resumable upload: the item's kinds, size and count, and the enterprise's cap, checked before any byte is sent. */
    async createUpload(actor: EnterpriseActor, input: CreateUploadInput): Promise<UploadView> {
      const context = await ownContext(actor);
      const item = itemOf(context.checklist, input.itemId);
      const key = setId(context.subject.campaignId, actor.enterpriseId);
      return locks.run(`evidence:${key}`, async () => {
        const now = clock.now();
        const doc = (await sets.findOne({ _id: key })) ?? context.doc;
        requireEditable(doc, context.checklist, item.id, now);
        const current = currentFiles(doc, item.id);
        if (input.replaces && !current.some((file) => file.fileId === input.replaces)) throw new AppError('EVIDENCE_FILE_NOT_FOUND', { fileId: input.replaces });
        const replaced = current.find((file) => file.fileId === input.replaces)?.bytes ?? 0;
        const issue = uploadIssue(item, { kind: input.kind, bytes: input.bytes }, { currentFiles: current.length, replacing: Boolean(input.replaces), usedBytes: usedBytes(doc) - replaced + (await pendingBytes(key, now)) });
        if (issue) refuseUpload(issue, item);
        if (!context.checklist.locked) await checklists.updateOne({ _id: context.checklist._id }, { $set: { locked: true } });
        const upload: EvidenceUploadDoc = {
          _id: new Types.ObjectId(),
          setId: key,
          campaignId: context.subject.campaignId,
          enterpriseId: actor.enterpriseId,
          itemId: item.id,
          kinds: [...item.kinds],
          filename: input.filename,
          bytes: input.bytes,
          kind: input.kind,
          chunkBytes: EVIDENCE_CHUNK_BYTES,
          fileId: new Types.ObjectId(),
          replaces: input.replaces ?? null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
          completedAt: null,
        };
        await uploads.insertOne(upload);
        return { ...(await uploadView(upload)), received: [] };
      });
    },

    getUpload: async (actor: EnterpriseActor, uploadId: string): Promise<UploadView> => uploadView(await ownUpload(actor, uploadId)),

    /**
     * One chunk, at most EVIDENCE_CHUNK_BYTES, written straight into the file store; sending a
     * chunk again replaces it. The first chunk's bytes must be one of the item's kinds: a file that
     * is not is refused here, before the rest is sent, and its upload is dropped.
     */
    async putChunk(actor: EnterpriseActor, uploadId: string, n: number, data: Buffer): Promise<{ n: number; bytes: number }> {
      const upload = await ownUpload(actor, uploadId);
      if (upload.completedAt) throw new AppError('UPLOAD_NOT_FOUND');
      const length = chunkLength(upload.bytes, n, upload.chunkBytes);
      if (length < 0 || data.length !== length) throw new AppError('UPLOAD_CHUNK_INVALID', { n, expected: length, got: data.length });
      if (n === 0) {
        const kind = sniffKind(data.subarray(0, SNIFF_BYTES));
        if (!kind || !upload.kinds.includes(kind)) {
          await uploads.deleteOne({ _id: upload._id });
          await files.discardChunks(String(upload.fileId));
          throw new AppError('EVIDENCE_KIND_INVALID', { kinds: upload.kinds, reason: '文件内容不是该项允许的类型' });
        }
      }
      await files.putChunk(String(upload.fileId), n, data);
      return { n, bytes: data.length };
    },

    /** Checks the chunks, makes them a file (SHA-256 read back from the store) and records it in the set. */
    async completeUpload(actor: EnterpriseActor, uploadId: string, ip: string): Promise<EvidenceSetView> {
      const upload = await ownUpload(actor, uploadId);
      const context = await ownContext(actor);
      if (upload.completedAt) return setView(context.campaign, context.subject, context.checklist, context.doc, clock.now());
      const item = itemOf(context.checklist, upload.itemId);
      let stored;
      try {
        stored = await files.finishChunks(String(upload.fileId), { bytes: upload.bytes, chunkBytes: upload.chunkBytes, kinds: item.kinds, filename: upload.filename, maxBytes: item.maxBytes, meta: { setId: upload.setId, itemId: item.id, enterpriseId: actor.enterpriseId } });
      } catch (error) {
        if (error instanceof AppError && error.code === 'SCAN_INVALID') {
          await uploads.deleteOne({ _id: upload._id });
          await files.discardChunks(String(upload.fileId));
          throw new AppError('EVIDENCE_KIND_INVALID', { kinds: item.kinds });
        }
        throw error;
      }
      try {
        const { doc } = await change(context, (current, now) => {
          requireEditable(current, context.checklist, item.id, now);
          const record = (current.items[item.id] ??= { files: [], answer: null, mark: null });
          const live = record.files.filter((file) => file.replacedAt === null);
          if (upload.replaces) {
            const old = record.files.find((file) => file.fileId === upload.replaces && file.replacedAt === null);
            if (!old) throw new AppError('EVIDENCE_FILE_NOT_FOUND', { fileId: upload.replaces });
            old.replacedAt = now;
          } else if (live.length >= item.maxFiles) refuseUpload('TOO_MANY', item);
          record.files.push({ fileId: stored.id, name: upload.filename, kind: stored.kind, bytes: stored.bytes, sha256: stored.sha256, uploadedAt: now, replaces: upload.replaces, replacedAt: null, submittedIn: null });
        });
        await uploads.updateOne({ _id: upload._id }, { $set: { completedAt: clock.now() } });
        await audit.record({ action: 'evidence.uploaded', actor: { kind: 'enterprise', id: actor.enterpriseId, ip }, campaignId: context.subject.campaignId, target: actor.enterpriseId, details: { itemId: item.id, fileId: stored.id, sha256: stored.sha256, bytes: stored.bytes, kind: stored.kind, replaces: upload.replaces } });
        return setView(context.campaign, context.subject, context.checklist, doc, clock.now());
      } catch (error) {
        await files.remove(stored.id).catch(() => undefined);
        throw error;
      }
    },

    /** Submits the set: every required item complete; the receipt lists every current file with its SHA-256; those files are fixed. */
    async submit(actor: EnterpriseActor, ip: string): Promise<EvidenceSetView> {
      const context = await ownContext(actor);
      const { doc, result: receipt } = await change(context, (current, now) => {
        if (editableNow(current, context.checklist, now).length === 0) throw new AppError('EVIDENCE_LOCKED', { state: current.state });
        const progress = Object.fromEntries(context.checklist.items.map((item) => [item.id, { files: currentFiles(current, item.id).length, text: current.items[item.id]?.answer ?? null }]));
        const missing = missingRequired(context.checklist.items, progress);
        if (missing.length > 0) throw new AppError('EVIDENCE_INCOMPLETE', { missing, titles: missing.map((id) => context.checklist.items.find((item) => item.id === id)?.title) });
        const n = current.receipts.length + 1;
        const lines = context.checklist.items.flatMap((item) =>
          currentFiles(current, item.id).map((file) => {
            file.submittedIn ??= n;
            return { itemId: item.id, itemTitle: item.title, fileId: file.fileId, name: file.name, bytes: file.bytes, sha256: file.sha256 };
          }),
        );
        const made = { n, at: now, digest: receiptDigest(lines), files: lines };
        current.receipts.push(made);
        current.state = 'submitted';
        return made;
      });
      await audit.record({ action: 'evidence.submitted', actor: { kind: 'enterprise', id: actor.enterpriseId, ip }, campaignId: context.subject.campaignId, target: actor.enterpriseId, details: { n: receipt.n, digest: receipt.digest, files: receipt.files.length } });
      return setView(context.campaign, context.subject, context.checklist, doc, clock.now());
    },

    async ownFile(actor: EnterpriseActor, fileId: string, ip: string) {
      return download(await ownContext(actor), fileId, { kind: 'enterprise', id: actor.enterpriseId, ip });
    },

    // ---- the bureaus ----

    /** The 申报示范 enterprises above the demonstration line in the caller's scope, with their sets' state. */
    async listSets(actor: StaffActor, query: EvidenceScopeQuery): Promise<EvidenceSetList> {
      const scope = resolveScope(actor, query);
      const campaign = await campaigns.get(new Types.ObjectId(query.campaignId));
      const now = clock.now();
      const lines = linesOf(campaign, now);
      const latest = await latestChecklist(campaign._id);
      if (!lines.published || lines.demonstrationLine === null) return { rows: [], checklistVersion: latest?.version ?? null, deadline: latest ? toBeijingIso(latest.deadline) : null };
      const line = lines.demonstrationLine;
      const [rows, docs] = await Promise.all([summaries.rosterRows(campaign._id, scope.regionCode), sets.find(scope.regionCode ? { campaignId: campaign._id, regionCode: scope.regionCode } : { campaignId: campaign._id }).toArray()]);
      const byEnterprise = new Map(docs.map((doc) => [doc.enterpriseId, doc]));
      const itemCount = latest?.items.length ?? 0;
      return {
        checklistVersion: latest?.version ?? null,
        deadline: latest ? toBeijingIso(latest.deadline) : null,
        rows: rows
          .filter((row) => row.track === 'apply_demonstration' && row.total !== null && row.total >= line && withinScope(scope, row.regionCode, row.cityCode ?? null))
          .map((row) => {
            const doc = byEnterprise.get(row.id);
            const items = latest?.items ?? [];
            const complete = doc ? items.filter((item) => itemProgress(item, currentFiles(doc, item.id).length, doc.items[item.id]?.answer ?? null).complete).length : 0;
            const lastReceipt = doc?.receipts[doc.receipts.length - 1];
            return {
              enterpriseId: row.id,
              name: row.name,
              uscc: row.uscc,
              cityName: row.cityCode ? (cityByCode(row.cityCode)?.name ?? '') : '',
              state: doc?.state ?? null,
              stateLabel: doc ? evidenceSetStateLabels[doc.state] : '未开始',
              complete,
              items: itemCount,
              needsMore: doc ? Object.values(doc.items).filter((item) => item.mark?.verdict === 'needs_more').length : 0,
              submittedAt: lastReceipt ? toBeijingIso(new Date(lastReceipt.at)) : null,
            };
          }),
      };
    },

    async set(actor: StaffActor, enterpriseId: Types.ObjectId, campaignId: string): Promise<EvidenceSetView> {
      const context = await staffContext(actor, enterpriseId, campaignId);
      return setView(context.campaign, context.subject, context.checklist, context.doc, context.now);
    },

    async staffFile(actor: StaffActor, enterpriseId: Types.ObjectId, campaignId: string, fileId: string, ip: string): Promise<{ stream: Readable; bytes: number; filename: string; kind: EvidenceFileRecord['kind'] }> {
      return download(await staffContext(actor, enterpriseId, campaignId), fileId, { kind: 'staff', id: actor.staffId, ip });
    },

    async mark(actor: StaffActor, enterpriseId: Types.ObjectId, campaignId: string, input: EvidenceMarksInput, ip: string): Promise<EvidenceSetView> {
      const context = await staffContext(actor, enterpriseId, campaignId);
      for (const entry of input.items) {
        itemOf(context.checklist, entry.itemId);
        if (markIssue(entry.verdict, entry.comment)) throw new AppError('EVIDENCE_MARK_INVALID', { itemId: entry.itemId });
      }
      const { doc } = await change(context, (current, now) => {
        for (const entry of input.items) {
          const record = (current.items[entry.itemId] ??= { files: [], answer: null, mark: null });
          record.mark = { verdict: entry.verdict, comment: entry.comment?.trim() || null, by: staffName(actor), at: now };
        }
      });
      await audit.record({ action: 'evidence.marked', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: context.subject.campaignId, target: context.subject.enterpriseId, details: { items: input.items } });
      return setView(context.campaign, context.subject, context.checklist, doc, clock.now());
    },

    /** 补正: reopens only the named items of a submitted set, until a new deadline. */
    async request(actor: StaffActor, enterpriseId: Types.ObjectId, campaignId: string, input: EvidenceRequestInput, ip: string): Promise<EvidenceSetView> {
      const context = await staffContext(actor, enterpriseId, campaignId);
      const deadline = new Date(input.deadline);
      const itemIds = [...new Set(input.itemIds)];
      const { doc, result: n } = await change(context, (current, now) => {
        const issue = requestIssue({ itemIds, known: context.checklist.items.map((item) => item.id), deadline, now, state: current.state });
        if (issue === 'NOT_SUBMITTED') throw new AppError('EVIDENCE_NOT_SUBMITTED', { state: current.state });
        if (issue) throw new AppError('EVIDENCE_REQUEST_INVALID', { issue });
        const made = { n: current.requests.length + 1, itemIds, deadline, comment: input.comment.trim(), by: staffName(actor), at: now };
        current.requests.push(made);
        current.state = 'reopened';
        return made.n;
      });
      await audit.record({ action: 'evidence.requested', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: context.subject.campaignId, target: context.subject.enterpriseId, details: { n, itemIds, deadline: input.deadline, comment: input.comment } });
      return setView(context.campaign, context.subject, context.checklist, doc, clock.now());
    },

    /**
     * The bureau's note on the materials. It feeds the package's 评审 of this enterprise through the
     * reviews module (its opinion, the score kept), so it is reported with the package; then it is kept here.
     */
    async note(actor: StaffActor, enterpriseId: Types.ObjectId, campaignId: string, input: EvidenceNoteInput, ip: string): Promise<EvidenceSetView> {
      const context = await staffContext(actor, enterpriseId, campaignId);
      const query = { campaignId, region: context.subject.regionCode };
      const page = await reviews.work(actor, query);
      const row = page.applicants.demonstration.find((candidate) => candidate.id === context.subject.enterpriseId);
      if (!row) throw new AppError('REVIEW_NOT_APPLICABLE', { enterpriseId: context.subject.enterpriseId });
      const existing = actor.role === 'city' ? (row.reviewProposal ?? row.review) : row.review;
      const before = (existing?.opinion ?? '').split(NOTE_TAG)[0]!.trim();
      const opinion = `${before ? `${before}\n` : ''}${NOTE_TAG}${input.note.trim()}`.slice(0, OPINION_MAX);
      await reviews.reviewApplicants(actor, query, { items: [{ enterpriseId: context.subject.enterpriseId, score: existing?.score ?? null, opinion }] }, ip);
      const { doc } = await change(context, (current, now) => {
        current.note = { text: input.note.trim(), by: staffName(actor), at: now };
      });
      await audit.record({ action: 'evidence.noted', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: context.subject.campaignId, target: context.subject.enterpriseId, details: { note: input.note.trim() } });
      return setView(context.campaign, context.subject, context.checklist, doc, clock.now());
    },
  };
}

/**
 * A deep copy of a stored document's plain objects and arrays; ObjectIds, Dates and Binaries are
 * kept as they are (structuredClone would turn an ObjectId into a plain object, stored as such).
 */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry: unknown) => copyPlain(entry)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyPlain(entry)])) as T;
  }
  return value;
}

function checklistView(doc: EvidenceChecklistDoc): EvidenceChecklistView {
  return { campaignId: String(doc.campaignId), version: doc.version, items: doc.items, deadline: toBeijingIso(doc.deadline), locked: doc.locked, updatedAt: toBeijingIso(doc.updatedAt), updatedBy: doc.updatedBy };
}

export type EvidenceService = ReturnType<typeof evidenceService>;
