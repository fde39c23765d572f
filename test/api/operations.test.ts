import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient } from '../helpers/http';
import { routeTable } from '../../bff/src/routes';
import { loginStaff } from '../helpers/factories';

describe('operations surface', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ env: { CORS_ORIGINS: 'https://bureau.example.cn' } });
  });
  afterAll(async () => {
    await bff.stop();
  });

  describe('GET /metrics', () => {
    it('When scraped from an allowed address, then Prometheus text with request, submit, login and process metrics', async () => {
      await fetch(`${bff.url}/readyz`);
      const response = await fetch(`${bff.url}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const name of ['http_requests_total', 'http_request_duration_seconds', 'assessment_submits_total', 'assessment_logins_total', 'assessment_keys_locked_total', 'process_cpu_seconds_total', 'process_resident_memory_bytes']) {
        expect(text).toContain(name);
      }
      expect(text).toMatch(/http_requests_total\{method="GET",route="\/readyz",status="200"\} \d+/);
    });

    it('When scraped from an address not configured, then 403', async () => {
      const closed = await startTestBff({ env: { METRICS_ALLOW: '10.9.9.9' } });
      try {
        const response = await fetch(`${closed.url}/metrics`);
        expect(response.status).toBe(403);
        expect(((await response.json()) as { code: string }).code).toBe('FORBIDDEN');
      } finally {
        await closed.stop();
      }
    });
  });

  describe('headers', () => {
    it('When any response goes out, then it carries the security headers and a request id', async () => {
      const response = await fetch(`${bff.url}/api/openapi.json`);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('When a configured origin calls, then CORS allows it; any other origin gets no CORS header', async () => {
      const allowed = await fetch(`${bff.url}/readyz`, { headers: { origin: 'https://bureau.example.cn' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://bureau.example.cn');
      const other = await fetch(`${bff.url}/readyz`, { headers: { origin: 'https://evil.example.com' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('GET /api/openapi.json', () => {
    it('When read, then it is OpenAPI 3.1 describing every route of the route table with its error codes', async () => {
      const document = (await apiClient(bff.url).get('/api/openapi.json')).body;
      expect(document.openapi).toBe('3.1.0');
      for (const route of routeTable) {
        const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
        const operation = document.paths[path]?.[route.method];
        expect({ route: `${route.method} ${route.path}`, described: Boolean(operation) }).toEqual({ route: `${route.method} ${route.path}`, described: true });
        for (const code of route.errors) expect(JSON.stringify(operation.responses)).toContain(code);
      }
      const submit = document.paths['/api/attempts/current/submit'].post;
      expect(submit.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SubmitRequest' });
      expect(document.components.schemas.SubmitRequest.properties).toHaveProperty('idempotencyKey');
      const docs = await fetch(`${bff.url}/api/docs`);
      expect(await docs.text()).toContain('/api/attempts/current/submit');
    });
  });
});

describe('GET /api/admin/audit', () => {
  it('When a key is reset and an enterprise logs in, then both are in the append-only audit log, newest first', async () => {
    const { startTestBff: start } = await import('../helpers/bff');
    const { createCampaign, createEnterprises, enterpriseRow, login } = await import('../helpers/factories');
    const bff = await start();
    try {
      const api = apiClient(bff.url);
      const campaign = await createCampaign(bff.services);
      const [enterprise] = await createEnterprises(bff.services, campaign._id, [enterpriseRow()]);
      await login(api, enterprise!);
      await bff.services.staff.upsert({ username: 'auditor', displayName: '国家局', password: 'National12345', role: 'national' });
      const token = await loginStaff(api, 'auditor', 'National12345');
      const response = await api.get(`/api/admin/audit?target=${enterprise!.id}`, token);
      expect(response.status).toBe(200);
      expect(response.body.events.map((e: { action: string }) => e.action)).toEqual(['enterprise.login', 'key.reset']);
      expect(response.body.events[0].at).toMatch(/\+08:00$/);
    } finally {
      await bff.stop();
    }
  });
});
