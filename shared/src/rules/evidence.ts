import type { Track } from './tracks';

/**
 * 示范 evidence materials (2022 annex, step 9: an enterprise applying for demonstration that clears
 * the demonstration line uploads text and supporting documents per the 《评审要点》; the local
 * bureau reviews them before recommending, step 10). Pure rules: who sees the checklist, what an
 * upload may be, when an item is complete, and what a 补正 request reopens.
 */

export type EvidenceKind = 'pdf' | 'jpeg' | 'png';
export const EVIDENCE_KINDS: readonly EvidenceKind[] = ['pdf', 'jpeg', 'png'];
export const evidenceKindLabels: Readonly<Record<EvidenceKind, string>> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG' };

/** One chunk of a resumable upload (the last may be shorter). */
export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;
/** The most an item may allow per file. */
export const MAX_EVIDENCE_FILE_BYTES = 50 * 1024 * 1024;
/** All of one enterprise's current files together, and its unfinished uploads. */
export const EVIDENCE_SET_CAP_BYTES = 200 * 1024 * 1024;

export interface EvidenceItemRule {
  id: string;
  title: string;
  required: boolean;
  kinds: readonly EvidenceKind[];
  maxFiles: number;
  maxBytes: number;
  text: { label: string; maxLength: number; required: boolean } | null;
}

export type EvidenceSetState = 'open' | 'submitted' | 'reopened';
export const evidenceSetStateLabels: Readonly<Record<EvidenceSetState, string>> = { open: '填报中', submitted: '已提交', reopened: '补正中' };

export type EvidenceVerdict = 'sufficient' | 'needs_more';
export const evidenceVerdictLabels: Readonly<Record<EvidenceVerdict, string>> = { sufficient: '材料充分', needs_more: '需补充' };

/** Why an enterprise may not see the checklist yet (Chinese), or null when it may. */
export function evidenceAccessIssue(input: { published: boolean; closed: boolean; track: Track; total: number | null; demonstrationLine: number | null; hasChecklist: boolean }): string | null {
  if (input.track !== 'apply_demonstration') return '只有申报示范企业需要提交评审材料';
  if (!input.published || !input.closed || input.demonstrationLine === null) return '合格线公布后开放评审材料提交';
  if (input.total === null || input.total < input.demonstrationLine) return '测评得分未达到示范企业合格线，无需提交评审材料';
  if (!input.hasChecklist) return '国家知识产权局尚未发布评审要点';
  return null;
}

/** The kind a picked file claims by its media type or name (the client's check before sending; the server reads the bytes). */
export function claimedKind(mediaType: string, name: string): EvidenceKind | null {
  const type = mediaType.toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type === 'image/jpeg' || type === 'image/jpg') return 'jpeg';
  if (type === 'image/png') return 'png';
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'jpg' || ext === 'jpeg') return 'jpeg';
  if (ext === 'png') return 'png';
  return null;
}

export type UploadIssue = 'KIND' | 'TOO_LARGE' | 'EMPTY' | 'TOO_MANY' | 'QUOTA';

/**
 * Why a file may not be uploaded to an item, or null: its kind, its size, the item's file count
 * (a replacement takes its old file's place) and the enterprise's total.
 */
export function uploadIssue(item: Pick<EvidenceItemRule, 'kinds' | 'maxBytes' | 'maxFiles'>, file: { kind: EvidenceKind | null; bytes: number }, state: { currentFiles: number; replacing: boolean; usedBytes: number; capBytes?: number }): UploadIssue | null {
  if (file.kind === null || !item.kinds.includes(file.kind)) return 'KIND';
  if (file.bytes <= 0) return 'EMPTY';
  if (file.bytes > item.maxBytes) return 'TOO_LARGE';
  if (!state.replacing && state.currentFiles >= item.maxFiles) return 'TOO_MANY';
  if (state.usedBytes + file.bytes > (state.capBytes ?? EVIDENCE_SET_CAP_BYTES)) return 'QUOTA';
  return null;
}

/** The Chinese message of an upload issue, naming the item's limits. */
export function uploadIssueMessage(issue: UploadIssue, item: Pick<EvidenceItemRule, 'kinds' | 'maxBytes' | 'maxFiles'>): string {
  switch (issue) {
    case 'KIND':
      return `文件类型不符：该项只接受 ${item.kinds.map((kind) => evidenceKindLabels[kind]).join('、')} 文件`;
    case 'EMPTY':
      return '文件是空的，请重新选择';
    case 'TOO_LARGE':
      return `文件过大：该项每个文件不超过 ${formatBytes(item.maxBytes)}`;
    case 'TOO_MANY':
      return `该项最多上传 ${item.maxFiles} 个文件，请替换已有文件`;
    case 'QUOTA':
      return `全部材料合计不超过 ${formatBytes(EVIDENCE_SET_CAP_BYTES)}`;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** How many chunks a file of `bytes` is sent in, and the length chunk `n` must have. */
export function chunkCount(bytes: number, chunkBytes = EVIDENCE_CHUNK_BYTES): number {
  return Math.max(1, Math.ceil(bytes / chunkBytes));
}
export function chunkLength(bytes: number, n: number, chunkBytes = EVIDENCE_CHUNK_BYTES): number {
  const count = chunkCount(bytes, chunkBytes);
  if (!Number.isInteger(n) || n < 0 || n >= count) return -1;
  return n < count - 1 ? chunkBytes : bytes - chunkBytes * (count - 1);
}
/** The chunks still to send, given those the server has. */
export function missingChunks(bytes: number, received: readonly number[], chunkBytes = EVIDENCE_CHUNK_BYTES): number[] {
  const have = new Set(received);
  return Array.from({ length: chunkCount(bytes, chunkBytes) }, (_, n) => n).filter((n) => !have.has(n));
}

export interface ItemProgress {
  files: number;
  textLength: number;
  /** Files present (if the item asks for any) and the required text written. */
  complete: boolean;
}

/** An item counts as complete with at least one file and, when its text is required, the text written. */
export function itemProgress(item: Pick<EvidenceItemRule, 'text'>, files: number, text: string | null): ItemProgress {
  const textLength = (text ?? '').trim().length;
  const textDone = !item.text?.required || textLength > 0;
  return { files, textLength, complete: files > 0 && textDone };
}

/** The required items not yet complete (what stops a submit). */
export function missingRequired(items: readonly Pick<EvidenceItemRule, 'id' | 'required' | 'text'>[], state: Readonly<Record<string, { files: number; text: string | null }>>): string[] {
  return items.filter((item) => item.required && !itemProgress(item, state[item.id]?.files ?? 0, state[item.id]?.text ?? null).complete).map((item) => item.id);
}

export interface EvidenceRequestRule {
  itemIds: readonly string[];
  deadline: Date;
}

/**
 * The items an enterprise may change now: all of them before its first submit (until the
 * deadline); after a submit none, until a 补正 request reopens the items it names (until its own
 * deadline). Older requests' items stay closed.
 */
export function editableItems(input: { state: EvidenceSetState; itemIds: readonly string[]; deadline: Date | null; latestRequest: EvidenceRequestRule | null; now: Date }): string[] {
  const { state, now } = input;
  if (state === 'open') return input.deadline && now.getTime() > input.deadline.getTime() ? [] : [...input.itemIds];
  if (state === 'reopened' && input.latestRequest && now.getTime() <= input.latestRequest.deadline.getTime()) return input.itemIds.filter((id) => input.latestRequest!.itemIds.includes(id));
  return [];
}

export type RequestIssue = 'NO_ITEMS' | 'UNKNOWN_ITEM' | 'DEADLINE_PAST' | 'NOT_SUBMITTED';

/** Why a 补正 request cannot be made: it names known items, a future deadline, and follows a submit. */
export function requestIssue(input: { itemIds: readonly string[]; known: readonly string[]; deadline: Date; now: Date; state: EvidenceSetState }): RequestIssue | null {
  if (input.state !== 'submitted') return 'NOT_SUBMITTED';
  if (input.itemIds.length === 0) return 'NO_ITEMS';
  if (input.itemIds.some((id) => !input.known.includes(id))) return 'UNKNOWN_ITEM';
  if (input.deadline.getTime() <= input.now.getTime()) return 'DEADLINE_PAST';
  return null;
}

/** A mark of "needs more" says what is missing. */
export function markIssue(verdict: EvidenceVerdict, comment: string | null | undefined): 'COMMENT_REQUIRED' | null {
  return verdict === 'needs_more' && (comment ?? '').trim().length < 2 ? 'COMMENT_REQUIRED' : null;
}

export interface DefaultEvidenceItem extends Omit<EvidenceItemRule, 'kinds'> {
  ask: string;
  kinds: EvidenceKind[];
}

/** A default 评审要点 checklist (our own wording: the real one is not public). */
export function defaultEvidenceChecklist(): DefaultEvidenceItem[] {
  const all: EvidenceKind[] = ['pdf', 'jpeg', 'png'];
  const mb = 1024 * 1024;
  return [
    { id: 'system', title: '创新管理体系建设情况', ask: '说明企业按 ISO 56002 建立创新管理体系的情况，附体系文件、制度或认证证书。', required: true, kinds: ['pdf'], maxFiles: 3, maxBytes: 20 * mb, text: { label: '简要说明', maxLength: 1000, required: true } },
    { id: 'ip_assets', title: '知识产权资产管理', ask: '提供知识产权清单、资产评估或管理台账，体现 ISO 56005 的知识产权管理实践。', required: true, kinds: all, maxFiles: 5, maxBytes: 20 * mb, text: null },
    { id: 'results', title: '知识产权运用成效', ask: '提供许可、转让、质押融资或产业化的合同、凭证等证明材料。', required: true, kinds: all, maxFiles: 5, maxBytes: 20 * mb, text: { label: '成效概述', maxLength: 800, required: false } },
    { id: 'cases', title: '典型案例', ask: '提交 1–2 个创新与知识产权管理的典型案例。', required: false, kinds: ['pdf'], maxFiles: 2, maxBytes: 20 * mb, text: { label: '案例摘要', maxLength: 500, required: false } },
    { id: 'commitment', title: '真实性承诺书', ask: '上传加盖公章的材料真实性承诺书扫描件。', required: true, kinds: all, maxFiles: 1, maxBytes: 10 * mb, text: null },
  ];
}
