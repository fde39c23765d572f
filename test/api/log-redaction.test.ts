import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient } from '../helpers/http';
import { createCampaign, createEnterprises, enterpriseRow } from '../helpers/factories';

/**
 * QR scene tokens log an enterprise in with its key: they must not reach a log line at any level
 * (issue 13). The access line names the route instead: `/api/entry/:scene`.
 */
describe('scene tokens in logs', () => {
  let bff: TestBff;

  beforeAll(async () => {
    bff = await startTestBff({ env: { LOG_LEVEL: 'trace' } });
  });
  afterAll(async () => {
    await bff.stop();
  });

  it('When the landing page, the login and mistyped paths are called with a scene, then no log line at trace level holds the scene, and the access line shows the route', async () => {
    const api = apiClient(bff.url);
    const campaign = await createCampaign(bff.services);
    const [enterprise] = await createEnterprises(bff.services, campaign._id, [enterpriseRow()]);
    const scene = enterprise!.sceneToken;
    const unknownScene = `Zz${scene.slice(2)}`;

    expect((await api.get(`/api/entry/${scene}`)).status).toBe(200);
    expect((await api.get(`/api/entry/${unknownScene}`)).status).toBe(404);
    expect((await api.get(`/api/entry/${scene}!`)).status).toBe(400);
    expect((await api.get(`/api/entry/${scene}/more`)).status).toBe(404);
    expect((await api.get(`/api/${scene}`)).status).toBe(404);
    expect((await api.post('/api/auth/enterprise/login', { scene, key: 'WRONGKEY2345' })).status).toBe(401);
    expect((await api.post('/api/auth/enterprise/login', { scene, key: enterprise!.key })).status).toBe(200);
    await api.raw('POST', '/api/auth/enterprise/login', { raw: `{"scene":"${scene}"`, headers: { 'content-type': 'application/json' } });

    const lines = bff.logs.map((line) => JSON.stringify(line));
    expect(lines.length).toBeGreaterThan(8);
    const leaks = lines.filter((line) => line.includes(scene) || line.includes(unknownScene) || line.includes(scene.slice(2)));
    expect(leaks).toEqual([]);

    const paths = bff.logs.filter((line) => line.msg === 'request').map((line) => line.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/entry/:scene', '/api/entry/:redacted/more', '/api/:redacted', '/api/auth/enterprise/login']));
    // Ids are no secret and stay, so a line can still be traced to what it touched.
    const session = await api.post('/api/auth/enterprise/login', { uscc: enterprise!.uscc, key: enterprise!.key });
    const attemptId = '0123456789abcdef01234567';
    expect((await api.get(`/api/attempts/${attemptId}`, session.body.token)).status).toBe(404);
    expect(bff.logs.filter((line) => line.msg === 'request').map((line) => line.path)).toContain(`/api/attempts/${attemptId}`);
  });
});
