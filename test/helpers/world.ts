import { defaultQuestionnaire } from '@assess/shared';
import { Types } from 'mongoose';
import type { TestBff } from './bff';
import { apiClient, type ApiClient } from './http';
import { completeAnswers } from './answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, staffAccount as createStaffAccount, testAdmin, type TestEnterprise } from './factories';

/**
 * One campaign with enterprises in four places, two of them logged in with a submitted attempt
 * and a draft, and staff of three scopes: the cast of the authorization matrix and the fuzzer.
 *
 *   A 广东/广州 (logged in)   B 广东/佛山 (logged in)   C 北京   D 深圳 (separately listed city)
 *   city bureau 广州 (sees A) · region bureau 深圳 (sees D) · national admin (sees all)
 */
export interface WorldEnterprise extends TestEnterprise {
  name: string;
  regionCode: string;
  cityCode: string | null;
}

export interface LoggedInEnterprise extends WorldEnterprise {
  token: string;
  refreshToken: string;
  attemptId: string;
}

export interface WorldStaff {
  id: string;
  username: string;
  password: string;
  role: 'national' | 'region' | 'city';
  regionCode: string | null;
  cityCode: string | null;
  token: string;
}

export type ActorName = 'anonymous' | 'enterpriseA' | 'enterpriseB' | 'cityBureau' | 'otherRegionBureau' | 'national';
export const ACTORS: readonly ActorName[] = ['anonymous', 'enterpriseA', 'enterpriseB', 'cityBureau', 'otherRegionBureau', 'national'];

export interface World {
  bff: TestBff;
  api: ApiClient;
  campaignId: string;
  /** A second campaign for national routes that change a campaign (pass lines, imports, windows). */
  spareCampaignId: string;
  enterprises: { a: LoggedInEnterprise; b: LoggedInEnterprise; c: WorldEnterprise; d: WorldEnterprise };
  /** Target of national routes that change an enterprise (key reset, extension). */
  spareEnterprise: WorldEnterprise;
  staff: { national: WorldStaff; cityBureau: WorldStaff; otherRegionBureau: WorldStaff };
  /** An account national staff routes may change (PATCH /api/admin/staff/:id). */
  spareStaffId: string;
  questionnaireRef: string;
  importJobId: string;
}

export const STAFF_PASSWORD = 'Hardening2026pw';

/** The enterprises of the world's main campaign, for scope checks. */
export function dataEnterprises(world: World): WorldEnterprise[] {
  const { a, b, c, d } = world.enterprises;
  return [a, b, c, d];
}

/** Whether a staff account's scope covers an enterprise (the rule the matrix expects, written out). */
export function staffSees(staff: Pick<WorldStaff, 'role' | 'regionCode' | 'cityCode'>, enterprise: Pick<WorldEnterprise, 'regionCode' | 'cityCode'>): boolean {
  if (staff.role === 'national') return true;
  if (staff.regionCode !== enterprise.regionCode) return false;
  return staff.role === 'region' || staff.cityCode === enterprise.cityCode;
}

export function tokenOf(world: World, actor: ActorName): string | undefined {
  switch (actor) {
    case 'anonymous':
      return undefined;
    case 'enterpriseA':
      return world.enterprises.a.token;
    case 'enterpriseB':
      return world.enterprises.b.token;
    default:
      return world.staff[actor].token;
  }
}

async function staffAccount(bff: TestBff, api: ApiClient, username: string, role: WorldStaff['role'], regionCode: string | null, cityCode: string | null): Promise<WorldStaff> {
  const { id, token } = await createStaffAccount(bff.services, api, { username, displayName: username, password: STAFF_PASSWORD, role, regionCode, cityCode });
  return { id, username, password: STAFF_PASSWORD, role, regionCode, cityCode, token };
}

async function loggedIn(api: ApiClient, enterprise: WorldEnterprise): Promise<LoggedInEnterprise> {
  const pair = await api.post('/api/auth/enterprise/login', { scene: enterprise.sceneToken, key: enterprise.key });
  if (pair.status !== 200) throw new Error(`login: ${pair.status}`);
  const token = pair.body.token as string;
  await api.post('/api/attempts', { clientKey: `world-${enterprise.id.slice(-8)}` }, token);
  const answers = completeAnswers(defaultQuestionnaire, 'high');
  const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('world'), answers }, token);
  if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const draft = await api.get('/api/attempts/current/draft', token);
  await api.patch('/api/attempts/current/draft', { baseRevision: draft.body.revision, set: answers }, token);
  return { ...enterprise, token, refreshToken: pair.body.refreshToken, attemptId: submitted.body.receipt.attemptId };
}

export async function createWorld(bff: TestBff): Promise<World> {
  const api = apiClient(bff.url);
  const services = bff.services;
  const campaign = await createCampaign(services);
  const spare = await createCampaign(services);
  const tag = Date.now().toString(36).slice(-4);
  const rows = {
    a: enterpriseRow({ name: `甲${tag}广州科技有限公司`, region: '广东省', city: '广州市' }),
    b: enterpriseRow({ name: `乙${tag}佛山制造有限公司`, region: '广东省', city: '佛山市' }),
    c: enterpriseRow({ name: `丙${tag}北京软件有限公司`, region: '北京市', city: '' }),
    d: enterpriseRow({ name: `丁${tag}深圳电子有限公司`, region: '深圳市', city: '' }),
    spare: enterpriseRow({ name: `戊${tag}备用有限公司`, region: '广东省', city: '广州市' }),
  };
  const created = await createEnterprises(services, campaign._id, Object.values(rows));
  const described: WorldEnterprise[] = [];
  for (const enterprise of created) {
    const doc = await services.enterprises.loadEnterprise(new Types.ObjectId(enterprise.id));
    described.push({ ...enterprise, name: doc.name, regionCode: doc.regionCode, cityCode: doc.cityCode });
  }
  const [a, b, c, d, spareEnterprise] = described as [WorldEnterprise, WorldEnterprise, WorldEnterprise, WorldEnterprise, WorldEnterprise];

  const national = await staffAccount(bff, api, `nat_${tag}`, 'national', null, null);
  const cityBureau = await staffAccount(bff, api, `gzc_${tag}`, 'city', '440000', '440100');
  const otherRegionBureau = await staffAccount(bff, api, `szr_${tag}`, 'region', '440300', null);
  const spareStaff = await services.staff.upsert({ username: `spare_${tag}`, displayName: '备用', password: STAFF_PASSWORD, role: 'region', regionCode: '110000' });
  const job = await services.enterprises.runImport(spare._id, [], testAdmin, '127.0.0.1', false);

  return {
    bff,
    api,
    campaignId: String(campaign._id),
    spareCampaignId: String(spare._id),
    enterprises: { a: await loggedIn(api, a), b: await loggedIn(api, b), c, d },
    spareEnterprise,
    staff: { national, cityBureau, otherRegionBureau },
    spareStaffId: String(spareStaff._id),
    questionnaireRef: campaign.questionnaire,
    importJobId: job.jobId,
  };
}

/** Strings that identify one enterprise's data: a response carrying one of them shows that enterprise. */
export function markersOf(enterprise: WorldEnterprise | LoggedInEnterprise): string[] {
  const markers = [enterprise.id, enterprise.uscc, enterprise.name, enterprise.sceneToken];
  if ('attemptId' in enterprise) markers.push(enterprise.attemptId);
  return markers;
}
