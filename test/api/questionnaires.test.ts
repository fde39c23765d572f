import { defaultQuestionnaire } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';

describe('GET /api/admin/questionnaires', () => {
  let bff: TestBff;
  let api: ApiClient;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    bff = await startTestBff();
    api = apiClient(bff.url);
    await bff.services.questionnaires.ensureStored(defaultQuestionnaire);
    for (const [username, role, regionCode] of [
      ['qn_nat', 'national', null],
      ['qn_gd', 'region', '440000'],
    ] as const) {
      await bff.services.staff.upsert({ username, displayName: username, password: 'Questionnaire2026', role, regionCode, cityCode: null });
      tokens[username] = (await api.post('/api/auth/staff/login', { username, password: 'Questionnaire2026' })).body.token as string;
    }
  });
  afterAll(async () => {
    await bff?.stop();
  });

  it('When the national bureau opens the campaign form, then the stored versions come by their Chinese title and version', async () => {
    const response = await api.get('/api/admin/questionnaires', tokens.qn_nat);
    expect(response.status).toBe(200);
    expect(response.body.questionnaires).toContainEqual({ ref: 'iso56005-56002@2023', title: defaultQuestionnaire.title, version: '2023', year: 2023 });
  });

  it('When a region bureau asks, then 403: only the national bureau sets up campaigns', async () => {
    const response = await api.get('/api/admin/questionnaires', tokens.qn_gd);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });
});
