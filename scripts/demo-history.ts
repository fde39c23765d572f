/**
 * The demo's history (issue 18): three earlier campaigns (2022, 2023, 2024), closed and certified,
 * a few enterprises across them, and those enterprises in the current campaign, so `npm start`
 * shows each eligibility flag:
 *
 * - 广州连续未考核科技有限公司 — advantage since 2023 (historical titles import), missed 考核 in 2024
 *   and 2025: 连续 2 年未参加考核，取消复核资格 (its 复核 row was accepted by the national bureau's
 *   override, so the bureau can open it);
 * - 佛山再次复核装备有限公司 — certified advantage in 2022, 考核 in 2023 and 2024, missed the 2025
 *   复核: 保留资格 1 年，须再次复核;
 * - 深圳示范复核科技有限公司 — advantage since 2019 (the 2023 notice's example): missed the 2022
 *   复核, applied for demonstration in 2023 and was certified, 考核 in 2024: 培育期满，须参加复核;
 * - 北京新认定优势有限公司 — certified advantage in 2024: 培育期内，须参加年度考核;
 * - 广州复核未过再审有限公司 — advantage since 2018, failed 复核 in 2022, reviewed again and passed in
 *   2023 (its 2023 enterprise page shows the one-year grace).
 *
 * Each year's close is applied through the records service with the outcomes its 认定 would have
 * certified (the demo does not walk three years of review and 公示). Idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import { defaultQuestionnaire, historyColumns, isCampaignChoices, regionByCode, sampleAnswers, type EnterpriseImportRow, type ReviewPurpose, type Title } from '@assess/shared';
import type { Services } from '../bff/src/services';
import type { EnterpriseActor, StaffActor } from '../bff/src/lib/route';
import type { ClosingInput } from '../bff/src/modules/records/service';
import { dataDir } from './lib/paths';
import { demoUscc } from './demo-data';

const DAY = 24 * 60 * 60 * 1000;
const ip = '127.0.0.1';
export const historyCampaignName = (year: number) => `${year}年度创新管理与知识产权国际标准测评（演示·历史）`;

type CastName = 'lost' | 'grace' | 'reviewDue' | 'assessmentDue' | 'failed';
const cast: Record<CastName, { name: string; region: string; city: string; area: string; serial: number }> = {
  lost: { name: '广州连续未考核科技有限公司', region: '广东省', city: '广州市', area: '440100', serial: 901 },
  grace: { name: '佛山再次复核装备有限公司', region: '广东省', city: '佛山市', area: '440600', serial: 902 },
  reviewDue: { name: '深圳示范复核科技有限公司', region: '深圳市', city: '', area: '440300', serial: 903 },
  assessmentDue: { name: '北京新认定优势有限公司', region: '北京市', city: '', area: '110108', serial: 904 },
  failed: { name: '广州复核未过再审有限公司', region: '广东省', city: '广州市', area: '440100', serial: 905 },
};
export const historyUscc = (who: CastName) => demoUscc(cast[who].area, cast[who].serial);
const row = (who: CastName, track: string, titleHeld: string): EnterpriseImportRow => ({ uscc: historyUscc(who), name: cast[who].name, region: cast[who].region, city: cast[who].city, track, titleHeld, specialized: '否', contact1Name: '王敏', contact1Phone: '13900003000' });

/** Each year: who is imported on which track, who submits (with what strength), what the 认定 certified. */
interface Year {
  year: number;
  rows: Array<[CastName, string, string]>;
  submit: Partial<Record<CastName, number>>;
  certified: Array<[CastName, Title]>;
  reviews: Array<[CastName, ReviewPurpose, 'pass' | 'fail']>;
}
const years: Year[] = [
  {
    year: 2022,
    rows: [['failed', '复核', '优势企业'], ['grace', '申报优势', '无']],
    submit: { failed: 0.45, grace: 0.9 },
    certified: [['grace', 'advantage']],
    reviews: [['failed', 'review', 'fail']],
  },
  {
    year: 2023,
    rows: [['failed', '复核', '优势企业'], ['grace', '考核', '优势企业'], ['reviewDue', '申报示范', '优势企业']],
    submit: { failed: 0.85, grace: 0.85, reviewDue: 0.95 },
    certified: [['reviewDue', 'demonstration']],
    reviews: [['failed', 'review', 'pass'], ['grace', 'assessment', 'pass'], ['reviewDue', 'review', 'pass']],
  },
  {
    year: 2024,
    rows: [['failed', '考核', '优势企业'], ['grace', '考核', '优势企业'], ['reviewDue', '考核', '示范企业'], ['lost', '考核', '优势企业'], ['assessmentDue', '申报优势', '无']],
    submit: { failed: 0.8, grace: 0.8, reviewDue: 0.9, assessmentDue: 0.9 },
    certified: [['assessmentDue', 'advantage']],
    reviews: [['failed', 'assessment', 'pass'], ['grace', 'assessment', 'pass'], ['reviewDue', 'assessment', 'pass']],
  },
];
/** In the current campaign: each on the track its record makes due (the lost one's 复核 by override). */
const current: Array<[CastName, string, string]> = [['lost', '复核', '优势企业'], ['grace', '复核', '优势企业'], ['reviewDue', '复核', '示范企业'], ['assessmentDue', '考核', '优势企业']];

async function staffActor(services: Services): Promise<StaffActor> {
  const account = await services.staff.findByUsername('admin');
  return { kind: 'staff', staffId: account ? String(account._id) : 'demo-seed', role: 'national', region: null, city: null };
}

async function submitAs(services: Services, enterprise: { _id: Types.ObjectId; sceneToken: string }, strength: number, tag: string): Promise<void> {
  const national = await staffActor(services);
  const { key } = await services.enterprises.resetKey(enterprise._id, national, ip);
  const pair = await services.auth.enterpriseLogin({ scene: enterprise.sceneToken, key }, '127.0.2.1');
  if (isCampaignChoices(pair)) throw new Error('a scene login names its campaign');
  const claims = services.tokens.verify(pair.token, 'access', new Date());
  const actor = { kind: 'enterprise', enterpriseId: claims.sub, campaignId: (claims as { cid: string }).cid, keyVersion: (claims as { kv: number }).kv, questionnaire: (claims as { q: string }).q } as EnterpriseActor;
  const questionnaire = await services.questionnaires.get(await services.questionnaires.ensureStored(defaultQuestionnaire));
  await services.attempts.submit(actor, { idempotencyKey: `demo-history-${tag}`, answers: sampleAnswers(questionnaire, strength) }, { ip, userAgent: 'demo-seed' });
}

/** One earlier year: the campaign, its enterprises and submits, its close applied to the records. */
async function seedYear(services: Services, spec: Year): Promise<void> {
  const national = await staffActor(services);
  const ref = await services.questionnaires.ensureStored(defaultQuestionnaire);
  const now = Date.now();
  const created = await services.campaigns.create(
    { name: historyCampaignName(spec.year), year: spec.year, questionnaire: ref, opensAt: new Date(now - 30 * DAY).toISOString(), closesAt: new Date(now + 60 * 60_000).toISOString(), settings: { hideScoresDuringWindow: true } },
    national,
    ip,
  );
  // Dated in its year, so the newest campaign (the PC login's) stays the current one.
  await services.models.campaigns.collection.updateOne({ _id: created._id }, { $set: { createdAt: new Date(`${spec.year}-06-01T00:00:00+08:00`) } });
  const report = await services.enterprises.runImport(created._id, spec.rows.map(([who, track, title], i) => ({ row: i + 2, data: row(who, track, title) as Record<string, unknown> })), national, ip, true);
  if (report.errors.length > 0) throw new Error(`history ${spec.year} import refused rows: ${JSON.stringify(report.errors)}`);
  const ids = new Map<CastName, Types.ObjectId>();
  for (const [who] of spec.rows) {
    const doc = await services.enterprises.inCampaign(created._id, historyUscc(who));
    if (!doc) throw new Error(`history ${spec.year}: ${who} missing`);
    ids.set(who, doc._id);
    const strength = spec.submit[who];
    if (strength !== undefined) await submitAs(services, doc, strength, `${spec.year}-${who}`);
  }
  const campaign = await services.campaigns.update(created._id, { closesAt: new Date(now - 10 * DAY).toISOString() }, national, ip);
  await services.summaries.compactOnce();
  await services.campaigns.setPassLines(campaign._id, { advantage: 60, demonstration: 70 }, national, ip);
  await services.campaigns.publishPassLines(campaign._id, national, ip);
  services.campaigns.forget(campaign._id);
  const input: ClosingInput = {
    certified: spec.certified.map(([who, title]) => ({ enterpriseId: String(ids.get(who)), title })),
    reviews: spec.reviews.map(([who, purpose, outcome]) => ({ enterpriseId: String(ids.get(who)), purpose, line: who === 'reviewDue' && spec.year > 2023 ? 'demonstration' : 'advantage', outcome })),
  };
  await services.records.applyClose(campaign._id, input, { by: national.staffId });
}

/**
 * Seeds the history once, and puts its enterprises into `currentCampaignId` (the demo's open
 * campaign). Years between the last history year and the current campaign's need a campaign of
 * their own (the demo's 2025 one): a year without a campaign counts as nothing due. Returns the
 * lines `npm start` prints.
 */
export async function seedHistory(services: Services, currentCampaignId: Types.ObjectId, keyFile = path.join(dataDir, 'demo-keys-history.json')): Promise<string[]> {
  const national = await staffActor(services);
  const existing = new Set((await services.campaigns.list()).map((c) => c.name));
  if (!existing.has(historyCampaignName(2022))) {
    // The titles granted before the first close: the one-time historical import.
    const lines = [
      historyColumns.map(([label]) => label),
      [historyUscc('failed'), cast.failed.name, '优势企业', '2018', '认定', '2018 年认定（演示）'],
      [historyUscc('reviewDue'), cast.reviewDue.name, '优势企业', '2019', '认定', '2019 年认定（演示）'],
      [historyUscc('lost'), cast.lost.name, '优势企业', '2023', '认定', '2023 年省级推荐认定（演示）'],
    ];
    await services.records.importHistory(lines.slice(1).map((cells, i) => ({ row: i + 2, data: Object.fromEntries(historyColumns.map(([, field], c) => [field, cells[c] ?? ''])) })), national, ip);
    for (const spec of years) await seedYear(services, spec);
  }
  // The current campaign: the lost enterprise's 复核 contradicts its record; the national bureau accepts it with a reason.
  const record = await services.records.recordOf(historyUscc('lost'), 2026);
  if (!record?.overrides.some((o) => o.campaignId === String(currentCampaignId))) {
    await services.records.overrideTrack(currentCampaignId, { uscc: historyUscc('lost'), track: 'review', reason: '演示：企业说明 2024、2025 年因搬迁未能参加考核，全国局同意参加复核' }, national, ip);
  }
  const report = await services.enterprises.runImport(currentCampaignId, current.map(([who, track, title], i) => ({ row: i + 2, data: row(who, track, title) as Record<string, unknown> })), national, ip, true);
  if (report.errors.length > 0) throw new Error(`history cast refused in the current campaign: ${JSON.stringify(report.errors)}`);
  const keys: Record<string, string> = fs.existsSync(keyFile) ? (JSON.parse(fs.readFileSync(keyFile, 'utf8')) as Record<string, string>) : {};
  const shown: string[] = [];
  for (const [who] of current) {
    const doc = await services.enterprises.inCampaign(currentCampaignId, historyUscc(who));
    if (!doc) continue;
    if (!keys[doc.uscc] || !doc.keyHash) keys[doc.uscc] = (await services.enterprises.resetKey(doc._id, national, ip)).key;
    shown.push(`  ${cast[who].name}（${regionByCode(doc.regionCode)?.shortName ?? ''}）密钥 ${keys[doc.uscc]}  ${services.config.publicUrl}/pages/entry/index?scene=${doc.sceneToken}`);
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  fs.writeFileSync(keyFile, JSON.stringify(keys, null, 2));
  return ['\n历年记录（2022—2024 年演示活动已认定）：国家局「称号风险」列出称号失效与须再次复核的企业；企业详情页显示称号历史与资格提示：', ...shown];
}
