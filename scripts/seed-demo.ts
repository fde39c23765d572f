/**
 * The demo seed, idempotent: the default questionnaire, a campaign open now until +7 days,
 * ~30 enterprises with keys, a national admin and bureau accounts for 广东, 深圳 and 广州.
 * Keys are shown once by design; the demo keeps the ones it issued in .data/demo-keys.json
 * (git-ignored) so every start can print them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultQuestionnaire, questionnaireRef } from '@assess/shared';
import { dataDir } from './lib/paths';
import { openServices } from './lib/serviceDeps';
import { demoEnterpriseRows, demoStaff } from './demo-data';
import { seedAfterClose } from './demo-after-close';
import { seedHistory } from './demo-history';
import type { StaffActor } from '../bff/src/lib/route';

const CAMPAIGN_NAME = '2026年度创新管理与知识产权国际标准测评（演示）';
const DAY = 24 * 60 * 60 * 1000;

export async function seedDemo(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { services, close } = await openServices(env);
  try {
    const ref = await services.questionnaires.ensureStored(defaultQuestionnaire);
    const now = new Date();
    const system: StaffActor = { kind: 'staff', staffId: 'demo-seed', role: 'national', region: null, city: null };
    let campaign = (await services.campaigns.list()).find((c) => c.name === CAMPAIGN_NAME);
    if (!campaign) {
      campaign = await services.campaigns.create(
        { name: CAMPAIGN_NAME, year: 2026, questionnaire: ref, opensAt: new Date(now.getTime() - 60_000).toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString(), settings: { hideScoresDuringWindow: true } },
        system,
        '127.0.0.1',
      );
    } else if (campaign.closesAt <= now) {
      campaign = await services.campaigns.update(campaign._id, { opensAt: new Date(now.getTime() - 60_000).toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString() }, system, '127.0.0.1');
    }
    const rows = demoEnterpriseRows().map((data, index) => ({ row: index + 2, data: data as Record<string, unknown> }));
    const report = await services.enterprises.runImport(campaign._id, rows, system, '127.0.0.1', true);
    if (report.errors.length > 0) throw new Error(`demo import refused rows: ${JSON.stringify(report.errors)}`);

    const keyFile = path.join(dataDir, 'demo-keys.json');
    const keys: Record<string, string> = fs.existsSync(keyFile) ? (JSON.parse(fs.readFileSync(keyFile, 'utf8')) as Record<string, string>) : {};
    const enterprises = await services.models.enterprises.find({ campaignId: campaign._id }).sort({ regionCode: 1, uscc: 1 }).lean();
    for (const enterprise of enterprises) {
      const stored = keys[enterprise.uscc];
      if (stored && enterprise.keyHash) continue;
      const { key } = await services.enterprises.resetKey(enterprise._id, system, '127.0.0.1');
      keys[enterprise.uscc] = key;
    }
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(keyFile, JSON.stringify(keys, null, 2));
    for (const account of demoStaff) await services.staff.upsert(account);
    // A second campaign, already closed, with the review under way (issue 16).
    const afterClose = await seedAfterClose(services);
    // Three earlier years, certified, and their enterprises in this campaign: each eligibility flag (issue 18).
    const history = await seedHistory(services, campaign._id);

    const publicUrl = services.config.publicUrl;
    // One enterprise per region, so 广东 and 深圳 (its own region) both show.
    const onePerRegion = [...new Map(enterprises.map((e) => [e.regionCode, e])).values()];
    const lines = onePerRegion.map((e) => `  ${e.name.padEnd(18, '　')} 密钥 ${keys[e.uscc]}  ${publicUrl}/pages/entry/index?scene=${e.sceneToken}`);
    return [
      `\n演示活动：${campaign.name}（问卷 ${questionnaireRef(defaultQuestionnaire)}，${enterprises.length} 家企业）`,
      '企业登录（扫码链接 + 密钥；PC 端也可用统一社会信用代码 + 密钥）：',
      ...lines,
      `  …全部 ${enterprises.length} 家的密钥见 ${path.relative(process.cwd(), keyFile) || keyFile}`,
      `工作人员登录（${publicUrl}/packages/bureau/pages/login/index）：`,
      ...demoStaff.map((s) => `  ${s.displayName}：${s.username} / ${s.password}`),
      ...afterClose,
      ...history,
    ].join('\n');
  } finally {
    await close();
  }
}

if (require.main === module) {
  seedDemo().then(
    (summary) => console.log(summary),
    (error: unknown) => {
      console.error(`✘ ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
