import { defaultQuestionnaire, enterpriseLoginResponseSchema, importColumns, staffLoginResponseSchema, type EnterpriseImportRow, type StaffAccountInput } from '@assess/shared';
import type { Types } from 'mongoose';
import type { Services } from '../../bff/src/services';
import type { StaffActor } from '../../bff/src/lib/route';
import { demoUscc } from '../../scripts/demo-data';
import { bodyOf, type ApiClient } from './http';

export const testAdmin: StaffActor = { kind: 'staff', staffId: 'test-admin', role: 'national', region: null, city: null };
const MINUTE = 60_000;
let serial = 0;

/** A campaign on the default questionnaire; by default open since a minute, closing in an hour. */
export async function createCampaign(services: Services, window: { opensAt?: Date; closesAt?: Date } = {}) {
  const ref = await services.questionnaires.ensureStored(defaultQuestionnaire);
  const now = services.clock.now();
  return services.campaigns.create(
    {
      name: `测试活动 ${++serial}`,
      year: 2026,
      questionnaire: ref,
      opensAt: (window.opensAt ?? new Date(now.getTime() - MINUTE)).toISOString(),
      closesAt: (window.closesAt ?? new Date(now.getTime() + 60 * MINUTE)).toISOString(),
    },
    testAdmin,
    '127.0.0.1',
  );
}

/** The Chinese header row of an enterprise import file. */
export const importHeader = importColumns.map(([label]) => label);

/** An enterprise import file as CSV (no quoting: the factory's values hold no commas). */
export function importCsv(rows: EnterpriseImportRow[]): string {
  const lines = rows.map((row) => importColumns.map(([, field]) => String((row as Record<string, unknown>)[field] ?? '')).join(','));
  return [importHeader.join(','), ...lines].join('\n');
}

export function enterpriseRow(overrides: Partial<EnterpriseImportRow> = {}): EnterpriseImportRow {
  const n = ++serial;
  return {
    uscc: demoUscc('440100', 500_000 + n + Math.floor(Math.random() * 400_000)),
    name: `测试企业${n}有限公司`,
    region: '440000',
    city: '广州市',
    track: '申报优势',
    titleHeld: '无',
    specialized: '否',
    ...overrides,
  };
}

export interface TestEnterprise {
  id: string;
  uscc: string;
  sceneToken: string;
  key: string;
}

/** Imports enterprises and gives each a key (as a national admin would). */
export async function createEnterprises(services: Services, campaignId: Types.ObjectId, rows: EnterpriseImportRow[]): Promise<TestEnterprise[]> {
  const report = await services.enterprises.runImport(campaignId, rows.map((data, i) => ({ row: i + 2, data: data as Record<string, unknown> })), testAdmin, '127.0.0.1', true);
  if (report.errors.length > 0) throw new Error(`factory rows refused: ${JSON.stringify(report.errors)}`);
  const out: TestEnterprise[] = [];
  for (const row of rows) {
    const doc = await services.enterprises.inCampaign(campaignId, row.uscc);
    if (!doc) throw new Error(`enterprise ${row.uscc} missing`);
    const { key } = await services.enterprises.resetKey(doc._id, testAdmin, '127.0.0.1');
    out.push({ id: String(doc._id), uscc: doc.uscc, sceneToken: doc.sceneToken, key });
  }
  return out;
}

/** Logs an enterprise in by its QR scene and key; returns the access token. */
export async function login(api: ApiClient, enterprise: TestEnterprise): Promise<string> {
  const pair = bodyOf(await api.post('/api/auth/enterprise/login', { scene: enterprise.sceneToken, key: enterprise.key }), enterpriseLoginResponseSchema);
  if (!('token' in pair)) throw new Error(`login of ${enterprise.uscc} asked to choose a campaign`);
  return pair.token;
}

/** A campaign of its own with one enterprise in it, logged in: the enterprise's access token. */
export async function loneEnterpriseToken(services: Services, api: ApiClient): Promise<string> {
  const campaign = await createCampaign(services);
  const [enterprise] = await createEnterprises(services, campaign._id, [enterpriseRow()]);
  return login(api, enterprise!);
}

/** Logs a staff account in through the API; returns the access token. */
export async function loginStaff(api: ApiClient, username: string, password: string): Promise<string> {
  return bodyOf(await api.post('/api/auth/staff/login', { username, password }), staffLoginResponseSchema).token;
}

/** A bureau account as `npm run staff` makes it (created, or reset when the name exists), logged in. */
export async function staffAccount(services: Services, api: ApiClient, account: StaffAccountInput): Promise<{ id: string; token: string }> {
  const stored = await services.staff.upsert(account);
  return { id: String(stored._id), token: await loginStaff(api, account.username, account.password) };
}

let keySerial = 0;
export const idempotencyKey = (prefix = 'k') => `${prefix}-${Date.now().toString(36)}-${(++keySerial).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
