import { defaultQuestionnaire } from '@assess/shared';
import type { TestBff } from './bff';
import type { ApiClient } from './http';
import type { TestClock } from './clock';
import { completeAnswers } from './answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login, type TestEnterprise } from './factories';

/**
 * A campaign after its close, for the issue-16 tests: enterprises of 广东 (广州, 佛山) and 深圳 on
 * every track, each with a final score above or below the lines, bureau accounts, and the lines
 * published. The clock is pinned just after the close; staff tokens are fresh.
 */

export const LINES = { advantage: 50, demonstration: 50 };
export const PASSWORD = 'AfterClose2026pw';

export interface CastMember extends TestEnterprise {
  key: string;
  name: string;
  token: string;
}

const cast = {
  // 广东 — 申报优势
  gdSpecialA: { name: '广州喆堃镕新材料科技有限公司', region: '广东省', city: '广州市', track: '申报优势', titleHeld: '无', specialized: '是', pick: 'high' },
  gdPlain: { name: '广州白云普通制造有限公司', region: '广东省', city: '广州市', track: '申报优势', titleHeld: '无', specialized: '否', pick: 'high' },
  gdSpecialB: { name: '佛山顺德专精装备有限公司', region: '广东省', city: '佛山市', track: '申报优势', titleHeld: '无', specialized: '是', pick: 'high' },
  gdLow: { name: '佛山南海低分科技有限公司', region: '广东省', city: '佛山市', track: '申报优势', titleHeld: '无', specialized: '否', pick: 'low' },
  gdSoe: { name: '中建广州央企一级有限公司', region: '广东省', city: '广州市', track: '申报优势', titleHeld: '无', specialized: '否', centralSoe: '是', pick: 'high' },
  // 广东 — 申报示范 (an advantage enterprise: also its advantage review) and 考核/复核
  gdDemo: { name: '广州南沙示范申报有限公司', region: '广东省', city: '广州市', track: '申报示范', titleHeld: '优势企业', specialized: '否', pick: 'high' },
  gdHolder: { name: '广州天河考核通过有限公司', region: '广东省', city: '广州市', track: '考核', titleHeld: '优势企业', specialized: '否', pick: 'high' },
  gdHolderLow: { name: '广州番禺考核低分有限公司', region: '广东省', city: '广州市', track: '考核', titleHeld: '优势企业', specialized: '否', pick: 'low' },
  gdReview: { name: '佛山禅城复核企业有限公司', region: '广东省', city: '佛山市', track: '复核', titleHeld: '示范企业', specialized: '否', pick: 'high' },
  // 深圳 — its own region
  szApply: { name: '深圳南山申报优势有限公司', region: '深圳市', city: '', track: '申报优势', titleHeld: '无', specialized: '是', pick: 'high' },
  szHolder: { name: '深圳福田考核企业有限公司', region: '深圳市', city: '', track: '考核', titleHeld: '优势企业', specialized: '否', pick: 'high' },
} as const;

export type CastName = keyof typeof cast;

export interface ClosedCampaign {
  campaignId: string;
  closesAt: Date;
  enterprises: Record<CastName, CastMember>;
  staff: { national: string; gd: string; gz: string; sz: string };
  totals: Record<CastName, number>;
}

async function staffLogin(api: ApiClient, username: string): Promise<string> {
  const response = await api.post('/api/auth/staff/login', { username, password: PASSWORD });
  if (response.status !== 200) throw new Error(`staff login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token as string;
}

export async function closedCampaign(bff: TestBff, api: ApiClient, clock: TestClock, options: { publish?: boolean; tag?: string } = {}): Promise<ClosedCampaign> {
  const tag = options.tag ?? Date.now().toString(36).slice(-4);
  const closesAt = new Date(clock.now().getTime() + 3 * 60_000);
  const campaign = await createCampaign(bff.services, { closesAt });
  const campaignId = String(campaign._id);
  const names = Object.keys(cast) as CastName[];
  const rows = names.map((name) => {
    const { pick: _pick, ...row } = cast[name];
    return enterpriseRow({ ...row, name: row.name.replace('有限公司', `${tag}有限公司`) });
  });
  const created = await createEnterprises(bff.services, campaign._id, rows);
  const enterprises = {} as Record<CastName, CastMember>;
  const totals = {} as Record<CastName, number>;
  for (const [i, name] of names.entries()) {
    const enterprise = created[i]!;
    const token = await login(api, enterprise);
    const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('close'), answers: completeAnswers(defaultQuestionnaire, cast[name].pick) }, token);
    if (submitted.status !== 201) throw new Error(`submit ${name}: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    totals[name] = submitted.body.receipt.total as number;
    enterprises[name] = { ...enterprise, name: rows[i]!.name, token };
  }
  const accounts = [
    [`nat_${tag}`, 'national', null, null],
    [`gd_${tag}`, 'region', '440000', null],
    [`gz_${tag}`, 'city', '440000', '440100'],
    [`sz_${tag}`, 'region', '440300', null],
  ] as const;
  for (const [username, role, regionCode, cityCode] of accounts) {
    await bff.services.staff.upsert({ username, displayName: username, password: PASSWORD, role, regionCode, cityCode });
  }
  // Past the close: the rosters folded, the lines set and (by default) published.
  clock.pin(new Date(closesAt.getTime() + 1_000));
  bff.services.campaigns.forget(campaign._id);
  await bff.services.summaries.compactOnce();
  const staff = { national: await staffLogin(api, accounts[0][0]), gd: await staffLogin(api, accounts[1][0]), gz: await staffLogin(api, accounts[2][0]), sz: await staffLogin(api, accounts[3][0]) };
  const lines = await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: LINES, token: staff.national });
  if (lines.status !== 200) throw new Error(`pass lines: ${lines.status} ${JSON.stringify(lines.body)}`);
  if (options.publish !== false) {
    const published = await api.post(`/api/admin/campaigns/${campaignId}/passlines/publish`, undefined, staff.national);
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  }
  return { campaignId, closesAt, enterprises, staff, totals };
}
