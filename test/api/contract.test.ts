import { routeTable } from '../../bff/src/routes';
import { apiDocument } from '../../bff/src/modules/openapi/routes';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { checkResponse, contractOf, responsesChecked, type Contract } from '../helpers/contract';

/**
 * The contract test's own test: the validator every API test runs through (helpers/contract.ts)
 * refuses what the document does not say, and the document it reads is the one the linters see.
 */
describe('the API contract (/api/openapi.json)', () => {
  let bff: TestBff;
  let api: ApiClient;
  let contract: Contract;

  beforeAll(async () => {
    bff = await startTestBff();
    api = apiClient(bff.url);
    contract = contractOf((await api.get('/api/openapi.json')).body);
  });
  afterAll(async () => {
    await bff.stop();
  });

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r1', ...headers } });
  const check = (method: string, path: string, response: Response) => checkResponse(contract, method, new URL(`${bff.url}${path}`), response);

  it('When served, then it is the document scripts/openapi.ts writes for the linters and the generated client (only the server differs)', async () => {
    const served = (await api.get('/api/openapi.json')).body;
    expect({ ...served, servers: [] }).toEqual({ ...JSON.parse(JSON.stringify(apiDocument(routeTable, 'x'))), servers: [] });
  });

  it('When a test receives responses, then each is checked against the document', async () => {
    const before = responsesChecked();
    await api.get('/api/me');
    await api.get('/api/quotas/2023');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(responsesChecked()).toBeGreaterThanOrEqual(before + 2);
  });

  it('When a status, a code, a body, a media type or a required header is not what the document says, then the check names it', async () => {
    expect(await check('GET', '/api/me', json(418, { code: 'INTERNAL', message: 'x' }))).toMatch(/^undocumented status 418/);
    expect(await check('GET', '/api/me', json(409, { code: 'DRAFT_CONFLICT', message: 'x' }))).toMatch(/^undocumented status 409/);
    expect(await check('GET', '/api/me', json(401, { code: 'KEY_WRONG', message: 'x' }))).toMatch(/^body does not match the schema: \/code must be equal to one of the allowed values .*TOKEN_INVALID/);
    expect(await check('GET', '/api/me', json(401, { code: 'TOKEN_INVALID', message: 'x', extra: 1 }))).toMatch(/^body does not match the schema: .*must NOT have additional properties/);
    expect(await check('GET', '/api/quotas/2023', json(200, { year: 2023 }))).toMatch(/^body does not match the schema: .*must have required property/);
    expect(await check('GET', '/api/quotas/2023', new Response('x', { status: 200, headers: { 'content-type': 'text/plain', 'x-request-id': 'r' } }))).toMatch(/^media type text\/plain/);
    expect(await check('GET', '/api/quotas/2023', json(404, { code: 'NOT_FOUND', message: 'x' }, { 'x-request-id': '' }))).toBeNull();
    const noRequestId = new Response(JSON.stringify({ code: 'NOT_FOUND', message: 'x' }), { status: 404, headers: { 'content-type': 'application/json' } });
    expect(await check('GET', '/api/quotas/2023', noRequestId)).toBe('required header X-Request-Id missing');
    expect(await check('POST', '/api/auth/enterprise/login', json(429, { code: 'RATE_LIMITED', message: 'x' }))).toBe('required header Retry-After missing');
    expect(await check('GET', '/api/nope', json(404, { code: 'ROUTE_NOT_FOUND', message: 'x' }))).toBeNull();
    expect(await check('GET', '/api/nope', json(200, {}))).toBe('200 for an /api path the document does not have');
    expect(await check('PUT', '/api/me', json(405, { code: 'METHOD_NOT_ALLOWED', message: 'x' }))).toBeNull();
    expect(await check('POST', '/api/attempts/current/submit', json(201, {}))).toBe('required header Idempotent-Replayed missing');
  });

  it('When the common middleware answers instead of the route, then the document lists it for that route', async () => {
    const token = 'not-a-token';
    const cases: Array<[string, string, RequestInit, number, string]> = [
      ['POST', '/api/attempts/current/submit', { body: '{"answers":', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, 400, 'MALFORMED_JSON'],
      ['POST', '/api/auth/staff/login', { body: '{"username":', headers: { 'content-type': 'application/json' } }, 400, 'MALFORMED_JSON'],
      ['POST', '/api/auth/staff/login', { body: 'username=x', headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['POST', '/api/auth/staff/login', { body: JSON.stringify({ username: 'x'.repeat(300_000) }), headers: { 'content-type': 'application/json' } }, 413, 'BODY_TOO_LARGE'],
      ['GET', '/api/attempts/not-an-id', { headers: { authorization: `Bearer ${token}` } }, 401, 'TOKEN_INVALID'],
    ];
    for (const [method, path, init, status, code] of cases) {
      const response = await fetch(`${bff.url}${path}`, { method, ...init });
      expect({ path, status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({ path, status, code });
      const documented = contract.document.paths[path.replace('not-an-id', '{id}')][method.toLowerCase()].responses[String(status)];
      expect(JSON.stringify(documented)).toContain(code);
    }
  });
});
