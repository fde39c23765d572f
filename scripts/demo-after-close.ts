/**
 * The demo's second campaign, after its close (issue 16): enterprises of 广东, 深圳 and 北京 with
 * final scores, the pass lines published, and the review under way — 深圳's package confirmed,
 * 北京's submitted and waiting for the national bureau, 广东 in draft with a 广州 proposal to
 * confirm and a list that still needs its 专精特新 reason — so `npm start` shows the working page,
 * the national regions page and the package view at once. Idempotent: a second run changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultQuestionnaire, regionByCode, sampleAnswers, toBeijingIso, type EnterpriseImportRow, isCampaignChoices } from '@assess/shared';
import type { Services } from '../bff/src/services';
import type { EnterpriseActor, StaffActor } from '../bff/src/lib/route';
import { dataDir } from './lib/paths';
import { demoUscc } from './demo-data';
import { EVIDENCE_DEMO_ENTERPRISE, seedEvidence } from './demo-evidence';

export const CLOSED_CAMPAIGN_NAME = '2025年度创新管理与知识产权国际标准测评（演示·已结束）';
const DAY = 24 * 60 * 60 * 1000;
const LINES = { advantage: 60, demonstration: 70 };

type Row = [region: string, city: string, name: string, track: string, title: string, strength: number, marks?: { specialized?: boolean; centralSoe?: boolean }];

/** Strength 0.95 scores about 95, 0.45 about 45 with the default questionnaire (sampleAnswers). */
const companies: Row[] = [
  ['广东省', '广州市', '广州喆堃镕新材料科技有限公司', '申报优势', '无', 0.95, { specialized: true }],
  ['广东省', '佛山市', '佛山顺德智能装备有限公司', '申报优势', '无', 0.9, { specialized: true }],
  ['广东省', '广州市', '广州白云精密制造有限公司', '申报优势', '无', 0.92],
  ['广东省', '东莞市', '东莞松山湖电子有限公司', '申报优势', '无', 0.45],
  ['广东省', '广州市', '中电（广州）电网装备有限公司', '申报优势', '无', 0.85, { centralSoe: true }],
  ['广东省', '广州市', '广州南沙海洋装备有限公司', '申报示范', '优势企业', 0.95],
  ['广东省', '广州市', '广州天河软件服务有限公司', '考核', '优势企业', 0.85],
  ['广东省', '佛山市', '佛山禅城陶瓷新材料有限公司', '考核', '优势企业', 0.4],
  ['广东省', '珠海市', '珠海横琴芯片设计有限公司', '复核', '示范企业', 0.9],
  ['深圳市', '深圳市', '深圳前海云算科技有限公司', '申报优势', '无', 0.95, { specialized: true }],
  ['深圳市', '深圳市', '深圳南山无人机系统有限公司', '申报示范', '优势企业', 0.95, { specialized: true }],
  ['深圳市', '深圳市', '深圳光明生物医药股份有限公司', '考核', '优势企业', 0.8],
  ['深圳市', '深圳市', '深圳龙岗通信设备有限公司', '申报优势', '无', 0.5],
  ['北京市', '', '北京中关村量子信息技术有限公司', '申报优势', '无', 0.95, { specialized: true }],
  ['北京市', '', '北京昌平医疗器械有限公司', '考核', '优势企业', 0.85],
];
const AREA: Record<string, string> = { 广东省: '440100', 深圳市: '440300', 北京市: '110108' };

function rows(): EnterpriseImportRow[] {
  return companies.map(([region, city, name, track, title, , marks], index) => ({
    uscc: demoUscc(AREA[region] ?? '110000', 700 + index),
    name,
    region,
    city,
    track,
    titleHeld: title,
    specialized: marks?.specialized ? '是' : '否',
    centralSoe: marks?.centralSoe ? '是' : '否',
    contact1Name: '李华',
    contact1Phone: `1390000${String(2000 + index)}`,
  }));
}

async function staffActor(services: Services, username: string, fallback: Omit<StaffActor, 'kind' | 'staffId'>): Promise<StaffActor> {
  const account = await services.staff.findByUsername(username);
  return { kind: 'staff', staffId: account ? String(account._id) : `demo-${username}`, role: fallback.role, region: fallback.region, city: fallback.city };
}

/** Seeds the closed campaign once; returns the lines `npm start` prints about it. */
export async function seedAfterClose(services: Services): Promise<string[]> {
  const keyFile = path.join(dataDir, 'demo-keys-2025.json');
  const existing = (await services.campaigns.list()).find((c) => c.name === CLOSED_CAMPAIGN_NAME);
  if (!existing) await createClosedCampaign(services, keyFile);
  const campaign = existing ?? (await services.campaigns.list()).find((c) => c.name === CLOSED_CAMPAIGN_NAME)!;
  const keys: Record<string, string> = fs.existsSync(keyFile) ? (JSON.parse(fs.readFileSync(keyFile, 'utf8')) as Record<string, string>) : {};
  const enterprises = await services.models.enterprises.find({ campaignId: campaign._id }).lean();
  await seedEvidence(services, campaign._id, await staffActor(services, 'admin', { role: 'national', region: null, city: null }), enterprises);
  const show = (name: string) => {
    const e = enterprises.find((x) => x.name === name);
    return e ? `  ${e.name}（${regionByCode(e.regionCode)?.shortName}）密钥 ${keys[e.uscc] ?? '见 .data/demo-keys-2025.json'}  ${services.config.publicUrl}/pages/entry/index?scene=${e.sceneToken}` : '';
  };
  return [
    `\n已结束的演示活动：${campaign.name}（合格线已公布；初核、推荐、上报进行中）`,
    '  工作台右上角切换到该活动：广东省局看「初核与推荐」（广州市局的意见待确认、推荐名单待填写专精特新理由），',
    '  国家局看「全国地区一览」下的各地区上报材料（深圳已确认、北京待确认）和「公示与认定」。',
    show('深圳前海云算科技有限公司'),
    show('广州白云精密制造有限公司'),
    '  示范评审材料：以下申报示范企业已上传部分材料（首页「提交示范评审材料」）；广东省局在「示范材料」中审查、标记、要求补正。',
    show(EVIDENCE_DEMO_ENTERPRISE),
  ].filter(Boolean);
}

async function createClosedCampaign(services: Services, keyFile: string): Promise<void> {
  const ip = '127.0.0.1';
  const national = await staffActor(services, 'admin', { role: 'national', region: null, city: null });
  const ref = await services.questionnaires.ensureStored(defaultQuestionnaire);
  const questionnaire = await services.questionnaires.get(ref);
  const now = Date.now();
  const opensAt = new Date(now - 30 * DAY);
  // Open for the seed's submits, then closed below.
  let campaign = await services.campaigns.create(
    { name: CLOSED_CAMPAIGN_NAME, year: 2025, questionnaire: ref, opensAt: opensAt.toISOString(), closesAt: new Date(now + 60 * 60_000).toISOString(), settings: { hideScoresDuringWindow: true } },
    national,
    ip,
  );
  // Older than the open demo campaign, so a PC login by USCC (which looks at the newest) still finds that one.
  await services.models.campaigns.collection.updateOne({ _id: campaign._id }, { $set: { createdAt: opensAt } });
  const report = await services.enterprises.runImport(campaign._id, rows().map((data, i) => ({ row: i + 2, data: data as Record<string, unknown> })), national, ip, true);
  if (report.errors.length > 0) throw new Error(`closed demo import refused rows: ${JSON.stringify(report.errors)}`);

  const keys: Record<string, string> = {};
  const enterprises = await services.models.enterprises.find({ campaignId: campaign._id }).lean();
  for (const [index, enterprise] of enterprises.entries()) {
    const { key } = await services.enterprises.resetKey(enterprise._id, national, ip);
    keys[enterprise.uscc] = key;
    const strength = companies.find((c) => c[2] === enterprise.name)?.[5] ?? 0.5;
    const pair = await services.auth.enterpriseLogin({ scene: enterprise.sceneToken, key }, `127.0.1.${index + 1}`);
    if (isCampaignChoices(pair)) throw new Error('a scene login names its campaign');
    const claims = services.tokens.verify(pair.token, 'access', new Date());
    const actor = { kind: 'enterprise', enterpriseId: claims.sub, campaignId: (claims as { cid: string }).cid, keyVersion: (claims as { kv: number }).kv, questionnaire: (claims as { q: string }).q } as EnterpriseActor;
    await services.attempts.submit(actor, { idempotencyKey: `demo-2025-${enterprise.uscc}`, answers: sampleAnswers(questionnaire, strength) }, { ip, userAgent: 'demo-seed' });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(keyFile, JSON.stringify(keys, null, 2));

  campaign = await services.campaigns.update(campaign._id, { closesAt: new Date(now - 5 * 60_000).toISOString() }, national, ip);
  await services.summaries.compactOnce();
  await services.campaigns.setPassLines(campaign._id, LINES, national, ip);
  await services.campaigns.publishPassLines(campaign._id, national, ip);
  services.campaigns.forget(campaign._id);

  const id = (name: string) => String(enterprises.find((e) => e.name === name)!._id);
  const scope = (region: string, city?: string) => ({ campaignId: String(campaign._id), region, ...(city ? { city } : {}) });
  const { reviews } = services;

  // 深圳: the whole cycle, confirmed by the national bureau.
  const shenzhen = await staffActor(services, 'shenzhen', { role: 'region', region: '440300', city: null });
  await reviews.decide(shenzhen, scope('440300'), { items: [{ enterpriseId: id('深圳光明生物医药股份有限公司'), purpose: 'assessment', outcome: 'pass' }, { enterpriseId: id('深圳南山无人机系统有限公司'), purpose: 'review', outcome: 'pass' }] }, ip);
  await reviews.reviewApplicants(shenzhen, scope('440300'), { items: [{ enterpriseId: id('深圳前海云算科技有限公司'), score: 91, opinion: '知识产权管理体系完善，高价值专利储备充足' }] }, ip);
  await reviews.saveList(shenzhen, scope('440300'), { title: 'advantage', entries: [{ enterpriseId: id('深圳前海云算科技有限公司') }] }, ip);
  await reviews.saveList(shenzhen, scope('440300'), { title: 'demonstration', entries: [{ enterpriseId: id('深圳南山无人机系统有限公司') }] }, ip);
  let page = await reviews.saveSummary(shenzhen, scope('440300'), { summary: '深圳市知识产权局组织专家对测评合格的申报企业进行评审，按名额择优推荐。' }, ip);
  page = await reviews.submit(shenzhen, scope('440300'), { rev: page.rev }, ip);
  await reviews.confirmPackage(campaign._id, { regionCode: '440300', version: page.package.version }, national, ip);

  // 北京: submitted, waiting for the national bureau.
  const beijingRegion = await staffActor(services, 'beijing', { role: 'region', region: '110000', city: null });
  await reviews.decide(beijingRegion, scope('110000'), { items: [{ enterpriseId: id('北京昌平医疗器械有限公司'), purpose: 'assessment', outcome: 'pass' }] }, ip);
  await reviews.saveList(beijingRegion, scope('110000'), { title: 'advantage', entries: [{ enterpriseId: id('北京中关村量子信息技术有限公司') }] }, ip);
  page = await reviews.saveSummary(beijingRegion, scope('110000'), { summary: '北京市知识产权局评审情况（演示）。' }, ip);
  await reviews.submit(beijingRegion, scope('110000'), { rev: page.rev }, ip);

  // 广东: in progress — a 广州 proposal to confirm, one decision made, a list whose plain enterprise still needs the 专精特新 reason.
  const guangzhou = await staffActor(services, 'guangzhou', { role: 'city', region: '440000', city: '440100' });
  await reviews.decide(guangzhou, scope('440000', '440100'), { items: [{ enterpriseId: id('广州天河软件服务有限公司'), purpose: 'assessment', outcome: 'pass' }] }, ip);
  const guangdong = await staffActor(services, 'guangdong', { role: 'region', region: '440000', city: null });
  await reviews.decide(guangdong, scope('440000'), { items: [{ enterpriseId: id('珠海横琴芯片设计有限公司'), purpose: 'review', outcome: 'fail', reason: '近三年存在知识产权侵权行为（演示）' }] }, ip);
  await reviews.saveList(guangdong, scope('440000'), { title: 'advantage', entries: [{ enterpriseId: id('广州喆堃镕新材料科技有限公司') }, { enterpriseId: id('广州白云精密制造有限公司') }, { enterpriseId: id('中电（广州）电网装备有限公司') }] }, ip);
  console.log(`  已结束的演示活动已就绪（${toBeijingIso(new Date()).slice(0, 16)}）`);
}
