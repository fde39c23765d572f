import { defaultQuestionnaire, submitResponseSchema } from '@assess/shared';
import type { TestBff } from './bff';
import { completeAnswers } from './answers';
import { bodyOf, type ApiClient } from './http';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login, staffAccount, type TestEnterprise } from './factories';

/**
 * The dashboards' cast, for the API and the browser tests alike: one campaign, six enterprises in
 * three places, four bureau accounts, and the submits that give the dashboards something to show.
 *
 *   gz1    广东/广州, 专精特新                 submits low, then high (two attempts; the last counts)
 *   gz2    广东/广州, 申报示范, holds 优势企业   submits high (the demonstration line)
 *   fs     广东/佛山                           submits low
 *   gzSoe  广东/广州, 央企一级公司              submits high (recommended outside the quota)
 *   gzIdle 广东/广州                           never logs in
 *   sz     深圳 (separately listed city)       submits high
 *
 *   nat national · gd 广东 region · sz 深圳 region · gzc 广州 city (广东)
 */
export type CastEnterprise = 'gz1' | 'gz2' | 'fs' | 'gzSoe' | 'gzIdle' | 'sz';
export type CastStaff = 'nat' | 'gd' | 'sz' | 'gzc';

export const CAST_PASSWORD = 'Password12345';

export interface DashboardCast {
  campaignId: string;
  closesAt: Date;
  enterprises: Record<CastEnterprise, TestEnterprise & { name: string }>;
  /** Access tokens of the four accounts (password CAST_PASSWORD). */
  tokens: Record<CastStaff, string>;
}

const ROWS: Record<CastEnterprise, Parameters<typeof enterpriseRow>[0]> = {
  gz1: { region: '广东省', city: '广州市', specialized: '是' },
  gz2: { region: '广东省', city: '广州市', track: '申报示范', titleHeld: '优势企业' },
  fs: { region: '广东省', city: '佛山市' },
  gzSoe: { region: '广东省', city: '广州市', centralSoe: '是' },
  gzIdle: { region: '广东省', city: '广州市' },
  sz: { region: '深圳市', city: '' },
};

const STAFF: Record<CastStaff, { role: 'national' | 'region' | 'city'; regionCode: string | null; cityCode: string | null }> = {
  nat: { role: 'national', regionCode: null, cityCode: null },
  gd: { role: 'region', regionCode: '440000', cityCode: null },
  sz: { role: 'region', regionCode: '440300', cityCode: null },
  gzc: { role: 'city', regionCode: '440000', cityCode: '440100' },
};

/** The submits, in order (gz1 twice). */
const SUBMITS: Array<[CastEnterprise, 'high' | 'low']> = [
  ['gz1', 'low'],
  ['gz1', 'high'],
  ['gz2', 'high'],
  ['fs', 'low'],
  ['gzSoe', 'high'],
  ['sz', 'high'],
];

/** Arranges the cast on a test BFF, the window closing at `closesAt`. */
export async function dashboardCast(bff: TestBff, api: ApiClient, closesAt: Date): Promise<DashboardCast> {
  const campaign = await createCampaign(bff.services, { closesAt });
  const names = Object.keys(ROWS) as CastEnterprise[];
  const rows = names.map((name) => enterpriseRow(ROWS[name]));
  const created = await createEnterprises(bff.services, campaign._id, rows);
  const enterprises = Object.fromEntries(names.map((name, i) => [name, { ...created[i]!, name: rows[i]!.name }])) as DashboardCast['enterprises'];

  const tokens = {} as Record<CastStaff, string>;
  for (const [username, scope] of Object.entries(STAFF) as Array<[CastStaff, (typeof STAFF)[CastStaff]]>) {
    tokens[username] = (await staffAccount(bff.services, api, { username, displayName: username, password: CAST_PASSWORD, ...scope })).token;
  }
  for (const [name, pick] of SUBMITS) {
    const token = await login(api, enterprises[name]);
    bodyOf(await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey(), answers: completeAnswers(defaultQuestionnaire, pick) }, token), submitResponseSchema, 201);
  }
  return { campaignId: String(campaign._id), closesAt, enterprises, tokens };
}
