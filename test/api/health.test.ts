import { startTestBff, type TestBff} from '../helpers/bff';

describe('GET /healthz and GET /readyz', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff();
  });
  afterAll(async () => {
    await bff.stop();
  });

  it('When the process runs, then /healthz answers 200 { ok: true }', async () => {
    const response = await fetch(`${bff.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('When MongoDB and Redis answer, then /readyz answers 200 and says both are up', async () => {
    const response = await fetch(`${bff.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, mongodb: true, redis: true });
  });

  it('When Redis does not answer, then /readyz answers 503 naming redis', async () => {
    const broken = await startTestBff({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const response = await fetch(`${broken.url}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { down: string[]; code: string };
      expect(body.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.down).toEqual(['redis']);
    } finally {
      await broken.stop();
    }
  });

  it('When an unknown API route is asked for, then 404 ROUTE_NOT_FOUND with a Chinese message', async () => {
    const response = await fetch(`${bff.url}/api/nope`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('ROUTE_NOT_FOUND');
    expect(body.message).toMatch(/接口不存在/);
  });
});
