import { defaultQuestionnaire } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { createCampaign, createEnterprises, enterpriseRow, type TestEnterprise, loginStaff } from '../helpers/factories';

/**
 * Issue 13.10 (个人信息保护法): contacts are masked unless asked for, and every look at personal
 * data or results leaving the system is an audit record: contacts shown, Excel exports, QR
 * downloads, questionnaire uploads. A failed staff login never stores what was typed as the name.
 */
describe('personal data and the audit log', () => {
  let bff: TestBff;
  let api: ApiClient;
  let campaignId: string;
  let gz: TestEnterprise;
  let bj: TestEnterprise;
  const staff: Record<'nat' | 'gd' | 'gzc', { id: string; token: string }> = {} as never;
  const PASSWORD = 'Rk4-harbor-Personal-73';

  beforeAll(async () => {
    bff = await startTestBff();
    api = apiClient(bff.url);
    const campaign = await createCampaign(bff.services);
    campaignId = String(campaign._id);
    [gz, bj] = (await createEnterprises(bff.services, campaign._id, [
      enterpriseRow({ region: '广东省', city: '广州市', contact1Name: '张三丰', contact1Phone: '13812345678', contact1Email: 'zhangsanfeng@example.cn', contact2Name: '李四', contact2Phone: '020-87654321' }),
      enterpriseRow({ region: '北京市', city: '', contact1Name: '王五', contact1Phone: '13900001111' }),
    ])) as [TestEnterprise, TestEnterprise];
    for (const [username, role, regionCode, cityCode] of [
      ['nat', 'national', null, null],
      ['gd', 'region', '440000', null],
      ['gzc', 'city', '440000', '440100'],
    ] as const) {
      const account = await bff.services.staff.upsert({ username, displayName: username, password: PASSWORD, role, regionCode, cityCode });
      staff[username] = { id: String(account._id), token: await loginStaff(api, username, PASSWORD) };
    }
  });
  afterAll(async () => {
    await bff.stop();
  });

  const events = (filter: Record<string, unknown>) => bff.services.models.audit.collection.find(filter).sort({ at: 1 }).toArray();

  describe('GET /api/dashboard/enterprises/:id', () => {
    it.each(['nat', 'gd', 'gzc'] as const)('When the %s bureau opens an enterprise, then its contacts are masked', async (who) => {
      const detail = await api.get(`/api/dashboard/enterprises/${gz.id}`, staff[who].token);
      expect(detail.status).toBe(200);
      expect(detail.body.contacts).toEqual([
        { name: '张**', phone: '138****5678', email: 'z***@example.cn' },
        { name: '李*', phone: '020-****4321', email: '' },
      ]);
      const text = JSON.stringify(detail.body);
      for (const secret of ['张三丰', '13812345678', '1234', 'zhangsanfeng', '李四', '8765']) expect(text).not.toContain(secret);
    });
  });

  describe('GET /api/dashboard/enterprises/:id/contacts', () => {
    it('When a bureau in scope asks to show the contacts, then they come in full, uncached, and the showing is audited with who and which enterprise', async () => {
      const shown = await api.get(`/api/dashboard/enterprises/${gz.id}/contacts`, staff.gzc.token);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('cache-control')).toBe('no-store');
      expect(shown.body.contacts).toEqual([
        { name: '张三丰', phone: '13812345678', email: 'zhangsanfeng@example.cn' },
        { name: '李四', phone: '020-87654321', email: '' },
      ]);
      const [event] = await events({ action: 'contacts.viewed', target: gz.id });
      expect(event).toEqual(expect.objectContaining({ actor: expect.objectContaining({ kind: 'staff', id: staff.gzc.id }), details: { contacts: 2 } }));
      expect(String(event!.campaignId)).toBe(campaignId);
    });

    it('When a bureau asks for an enterprise outside its region, then 403 and nothing is shown or recorded', async () => {
      const refused = await api.get(`/api/dashboard/enterprises/${bj.id}/contacts`, staff.gd.token);
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain('13900001111');
      expect(await events({ action: 'contacts.viewed', target: bj.id })).toEqual([]);
    });
  });

  describe('GET /api/dashboard/enterprises.xlsx', () => {
    it('When a bureau exports its table, then the export is audited with its scope, filter and row count', async () => {
      const exported = await api.get(`/api/dashboard/enterprises.xlsx?campaignId=${campaignId}&status=not_started`, staff.gd.token);
      expect(exported.status).toBe(200);
      const [event] = await events({ action: 'dashboard.exported', 'actor.id': staff.gd.id });
      expect(event).toEqual(
        expect.objectContaining({
          target: '440000',
          details: { regionCode: '440000', cityCode: null, filter: expect.objectContaining({ status: 'not_started' }), rows: 1, scoresVisible: false },
        }),
      );
    });
  });

  describe('GET /api/admin/enterprises/:id/qrcode.png', () => {
    it('When the national bureau downloads a QR code (it carries the scene), then the download is audited', async () => {
      const png = await api.get(`/api/admin/enterprises/${gz.id}/qrcode.png`, staff.nat.token);
      expect(png.status).toBe(200);
      expect(await events({ action: 'qrcode.downloaded', target: gz.id })).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: staff.nat.id }) })]);
    });
  });

  describe('POST /api/admin/questionnaires', () => {
    it('When the national bureau uploads a questionnaire version, then the upload is audited with its ref', async () => {
      const version = `audit-${Date.now().toString(36)}`;
      const uploaded = await api.post('/api/admin/questionnaires', { ...defaultQuestionnaire, version }, staff.nat.token);
      expect(uploaded.status).toBe(201);
      const [event] = await events({ action: 'questionnaire.uploaded', target: uploaded.body.ref });
      expect(event).toEqual(expect.objectContaining({ actor: expect.objectContaining({ id: staff.nat.id }), details: expect.objectContaining({ ref: uploaded.body.ref, questions: 94 }) }));
    });
  });

  describe('POST /api/auth/staff/login (failed)', () => {
    it('When a password is typed into the username field, then the audit log stores a marker, never what was typed', async () => {
      const typed = 'MySecretPassw0rd!';
      expect((await api.post('/api/auth/staff/login', { username: typed, password: 'whatever-else' })).status).toBe(401);
      const failed = await events({ action: 'staff.login_failed' });
      expect(failed.map((e) => e.target)).toContain('unknown');
      expect(JSON.stringify(await events({}))).not.toContain(typed);
    });

    it('When a known account gets a wrong password, then the failure is recorded against the account id', async () => {
      expect((await api.post('/api/auth/staff/login', { username: 'gd', password: 'wrong-password-1' })).status).toBe(401);
      expect((await events({ action: 'staff.login_failed', target: staff.gd.id })).length).toBe(1);
      expect(await events({ action: 'staff.login_failed', target: 'gd' })).toEqual([]);
    });
  });
});
