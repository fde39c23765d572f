import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../receipt';
import { regionByCode } from '../data/regions';
import type { ListIssue } from './recommendation';

/**
 * The package a local bureau reports (上报材料, 国知办函运字〔2023〕572号 二(二): 推荐名单、考核/复核
 * 通过名单及评审情况, 加盖公章): its digest, its document number, and what must hold before it can
 * be submitted. The BFF prints the digest on every page of the PDF; anyone holding the submitted
 * snapshot can recompute it and compare it with the sealed paper.
 */

/** Hex SHA-256 of the snapshot's canonical JSON (sorted keys, no whitespace). */
export function packageDigest(snapshot: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(snapshot))));
}

/** The one-character abbreviations documents use (粤知…); separately listed cities and the 兵团 keep theirs. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  '110000': '京', '120000': '津', '130000': '冀', '140000': '晋', '150000': '蒙', '210000': '辽', '220000': '吉', '230000': '黑',
  '310000': '沪', '320000': '苏', '330000': '浙', '340000': '皖', '350000': '闽', '360000': '赣', '370000': '鲁', '410000': '豫',
  '420000': '鄂', '430000': '湘', '440000': '粤', '450000': '桂', '460000': '琼', '500000': '渝', '510000': '川', '520000': '黔',
  '530000': '滇', '540000': '藏', '610000': '陕', '620000': '甘', '630000': '青', '640000': '宁', '650000': '新', '660000': '兵团',
  '210200': '大连', '330200': '甬', '350200': '厦', '370200': '青岛', '440300': '深',
};

export function regionAbbreviation(regionCode: string): string {
  return ABBREVIATIONS[regionCode] ?? regionByCode(regionCode)?.shortName ?? regionCode;
}

/**
 * 粤知推〔2026〕1号-v2: the region's abbreviation, the campaign year, the region's package number for
 * that campaign (one package per campaign, so 1 unless a campaign ever takes more), and the version
 * (a package returned and submitted again is v2, v3…; every version keeps its own number).
 */
export function packageDocumentNumber(input: { regionCode: string; year: number; sequence?: number; version: number }): string {
  return `${regionAbbreviation(input.regionCode)}知推〔${input.year}〕${input.sequence ?? 1}号-v${input.version}`;
}

/**
 * A USCC as the public 公示 page shows it: the first 8 characters (registration authority, kind,
 * area code) and the check character, so namesakes can be told apart and an objector can name the
 * enterprise, while the list is not a directory of full codes.
 */
export function maskUsccForPublicity(uscc: string): string {
  if (uscc.length !== 18) return uscc;
  return `${uscc.slice(0, 8)}*********${uscc.slice(17)}`;
}

export type PackageIssueCode = ListIssue['code'] | 'UNDECIDED' | 'PROPOSALS_PENDING' | 'SUMMARY_REQUIRED';

export interface PackageIssue {
  code: PackageIssueCode;
  enterpriseId: string | null;
  message: string;
}

/**
 * Whether a package can be submitted: both lists without issues (checkRecommendationList, the
 * priority reason included), every 考核/复核 judgement of an enterprise that cleared its line
 * decided by the region (one below its line is not passed and needs none), no city proposal left
 * unconfirmed, and a 评审情况 summary written.
 */
export function packageIssues(input: {
  listIssues: readonly ListIssue[];
  undecided: ReadonlyArray<{ enterpriseId: string; name: string; purposeLabel: string }>;
  pendingProposals: number;
  summary: string;
}): PackageIssue[] {
  const issues: PackageIssue[] = [...input.listIssues];
  for (const item of input.undecided) {
    issues.push({ code: 'UNDECIDED', enterpriseId: item.enterpriseId, message: `${item.name}：达到合格线，尚未作出${item.purposeLabel}初核结论` });
  }
  if (input.pendingProposals > 0) {
    issues.push({ code: 'PROPOSALS_PENDING', enterpriseId: null, message: `还有 ${input.pendingProposals} 项地市局的初核或评审意见待确认` });
  }
  if (input.summary.trim() === '') issues.push({ code: 'SUMMARY_REQUIRED', enterpriseId: null, message: '请填写评审情况' });
  return issues;
}
