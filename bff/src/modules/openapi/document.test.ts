import { z } from 'zod';
import { endpoints, type Endpoint } from '@assess/shared';
import { routeTable } from '../../routes';
import { middlewareContracts } from '../../middleware/contracts';
import { derivedOperationId, errorsOf, operationIdOf, tagDescriptions } from './document';
import { apiDocument } from './routes';

const document = apiDocument(routeTable, 'http://localhost:8080');
type Operation = { operationId: string; tags: string[]; requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> }; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document', () => {
  it('names every operation with a camelCase operationId, unique across the document (routes added later included)', () => {
    const ids = operations.map(({ op }) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.length).toBe(routeTable.length + 3); // + /healthz, /readyz, /metrics
  });

  it('derives an operationId from method and path for a route the endpoint table does not name', () => {
    expect(derivedOperationId('post', '/api/admin/campaigns/:id/passlines/preview')).toBe('postAdminCampaignsByIdPasslinesPreview');
    expect(derivedOperationId('get', '/api/dashboard/enterprises.xlsx')).toBe('getDashboardEnterprisesXlsx');
    expect(operationIdOf({ method: 'get', path: '/api/reviews/:id' })).toBe('getReviewsById');
  });

  it('implements each shared endpoint with a route of the same method and path and the very same schemas', () => {
    for (const [operationId, endpoint] of Object.entries(endpoints) as Array<[string, Endpoint]>) {
      const route = routeTable.find((candidate) => candidate.method === endpoint.method && candidate.path === endpoint.path);
      expect({ operationId, found: Boolean(route) }).toEqual({ operationId, found: true });
      expect(operationIdOf(route!)).toBe(operationId);
      const raw = route!.body && 'raw' in route!.body ? route!.body.raw : undefined;
      expect({ operationId, body: route!.body === endpoint.body || raw !== undefined, upload: raw ?? null, response: route!.response === endpoint.response, status: route!.status ?? 200, produces: route!.produces ?? null }).toEqual({
        operationId,
        body: true,
        upload: endpoint.upload ?? null,
        response: true,
        status: endpoint.status ?? 200,
        produces: endpoint.produces ?? null,
      });
      if (endpoint.query) expect({ operationId, query: route!.query === endpoint.query }).toEqual({ operationId, query: true });
    }
  });

  it('types every JSON answer and request: no untyped {} (the questionnaire, the uploads, the reports included)', () => {
    for (const { path, method, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        const schema = response.content?.['application/json']?.schema;
        if (schema !== undefined) expect({ at: `${method} ${path} ${status}`, typed: JSON.stringify(schema) !== '{}' }).toEqual({ at: `${method} ${path} ${status}`, typed: true });
      }
      const body = op.requestBody?.content['application/json']?.schema;
      if (body !== undefined) expect({ at: `${method} ${path} body`, typed: JSON.stringify(body) !== '{}' }).toEqual({ at: `${method} ${path} body`, typed: true });
    }
    expect(document.paths['/api/questionnaire']!.get).toMatchObject({ responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/QuestionnaireDefinition' } } } } } });
    expect(JSON.stringify(document.components.schemas.AnswerValue)).toContain('QuestionId');
  });

  it('lists for each route every code its own declaration and the middleware in front of it can answer', () => {
    for (const route of routeTable) {
      const op = (document.paths as Record<string, Record<string, Operation>>)[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]![route.method]!;
      const listed = JSON.stringify(op.responses);
      for (const code of errorsOf(route, middlewareContracts)) expect({ route: `${route.method} ${route.path}`, code, listed: listed.includes(`"${code}"`) }).toEqual({ route: `${route.method} ${route.path}`, code, listed: true });
    }
    const submit = (document.paths as Record<string, Record<string, Operation>>)['/api/attempts/current/submit']!.post!;
    expect(Object.keys(submit.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '422', '429', '500']);
  });

  it('says Beijing time with format date-time, once, for every timestamp', () => {
    expect(document.components.schemas.BeijingTime).toMatchObject({ type: 'string', format: 'date-time', pattern: expect.stringContaining('\\+08:00') });
    expect(JSON.stringify(document.components.schemas.Receipt)).toContain('"submittedAt":{"$ref":"#/components/schemas/BeijingTime"}');
  });

  it('gives every tag a description', () => {
    for (const tag of document.tags) expect({ tag: tag.name, described: tag.name in tagDescriptions }).toEqual({ tag: tag.name, described: true });
  });

  it('shows examples on the main requests, each valid against its own schema', () => {
    const withExamples = operations.filter(({ op }) => op.requestBody?.content['application/json']?.example !== undefined).map(({ op }) => op.operationId);
    expect(withExamples).toEqual(expect.arrayContaining(['enterpriseLogin', 'staffLogin', 'submitAttempt', 'saveDraft', 'startAttempt', 'createCampaign', 'setPassLines', 'extendEnterpriseDeadline']));
    for (const { operationId } of operations.map(({ op }) => op)) {
      const endpoint = (endpoints as Record<string, Endpoint>)[operationId];
      const example = operations.find(({ op }) => op.operationId === operationId)!.op.requestBody?.content['application/json']?.example;
      if (endpoint?.body && example !== undefined) expect({ operationId, parses: endpoint.body.safeParse(example).success }).toEqual({ operationId, parses: true });
    }
    for (const [id, schema] of (z.globalRegistry as unknown as { _idmap: Map<string, z.ZodType> })._idmap) {
      for (const example of (z.globalRegistry.get(schema)?.examples as unknown[] | undefined) ?? []) expect({ id, parses: schema.safeParse(example).success }).toEqual({ id, parses: true });
    }
  });

  it('describes the rate limits with the numbers the code enforces', () => {
    const submit = (document.paths as Record<string, Record<string, Operation & { description: string; 'x-rate-limits': unknown }>>)['/api/attempts/current/submit']!.post!;
    expect(submit.description).toContain('每家企业每分钟最多 6 次');
    expect(submit['x-rate-limits']).toEqual(expect.arrayContaining([expect.objectContaining({ limit: 200, windowSeconds: 86_400 })]));
    expect(JSON.stringify(submit.responses['429'])).toContain('Retry-After');
  });
});
