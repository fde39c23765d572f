import { enterpriseEndpoints, staffEndpoints, type TokenPair } from '@assess/shared';
import { createApiClient, type HttpRequest, type HttpResponse } from './apiClient';
import { createContractClient, pathOf } from './contractClient';

const pair: TokenPair = { token: 't', refreshToken: 'r', expiresAt: '2026-06-30T00:00:00.000+08:00' };

function clientAnswering(answer: (request: HttpRequest) => HttpResponse, parseResponses = true) {
  const seen: HttpRequest[] = [];
  const api = createApiClient({ base: 'https://bff', session: { get: () => pair, set: () => undefined, clear: () => undefined }, transport: async (r) => (seen.push(r), answer(r)) });
  const drift: string[] = [];
  return { seen, drift, contract: createContractClient(api, enterpriseEndpoints, { parseResponses, onDrift: (operation) => drift.push(operation) }) };
}
const ok = (data: unknown): HttpResponse => ({ status: 200, data, headers: {} });

describe('the contract client (typed from the shared endpoint table)', () => {
  it('When an operation is called, then its method, path parameters, query and body go out as the table declares', async () => {
    const { seen, contract } = clientAnswering(() => ok({ revision: 3, updatedAt: '2026-06-30T10:00:00.000+08:00' }));
    await contract.call('saveDraft', { body: { baseRevision: 2, set: { revenue: 1 } } });
    expect(seen[0]).toMatchObject({ method: 'PATCH', url: 'https://bff/api/attempts/current/draft', body: { baseRevision: 2, set: { revenue: 1 } } });
    expect(pathOf(enterpriseEndpoints.getAttempt, { params: { id: 'a b' } })).toBe('/api/attempts/a%20b');
    expect(pathOf(staffEndpoints.listEnterprises, { query: { campaignId: 'c1', q: '', page: 2 } })).toBe('/api/dashboard/enterprises?campaignId=c1&page=2');
  });

  it('When an upload is sent, then it goes with its declared media type', async () => {
    const { seen, contract } = clientAnswering(() => ok({ revision: 1, taken: [], refused: [] }));
    await contract.call('importDraftWorkbook', { body: new ArrayBuffer(4), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(seen[0]!.headers['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('When the answer matches its schema, then it is returned as received', async () => {
    const answer = { revision: 3, updatedAt: '2026-06-30T10:00:00.000+08:00' };
    const { contract } = clientAnswering(() => ok(answer));
    await expect(contract.call('saveDraft', { body: { baseRevision: 2 } })).resolves.toBe(answer);
  });

  it('When the server drifts from the shared schema, then the call fails at once as BAD_RESPONSE naming the operation', async () => {
    const { contract, drift } = clientAnswering(() => ok({ revision: '3', updatedAt: '2026-06-30' }));
    const error = await contract.call('saveDraft', { body: { baseRevision: 2 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', details: { operation: 'saveDraft' } });
    expect(drift).toEqual(['saveDraft']);
  });

  it('When parsing is off (production builds), then the answer is trusted', async () => {
    const { contract } = clientAnswering(() => ok({ revision: '3' }), false);
    await expect(contract.call('saveDraft', { body: { baseRevision: 2 } })).resolves.toEqual({ revision: '3' });
  });

  it('types the inputs from the schemas: a wrong body or a missing parameter does not compile', () => {
    const { contract } = clientAnswering(() => ok({}), false);
    // @ts-expect-error baseRevision is a number
    void contract.call('saveDraft', { body: { baseRevision: 'two' } }).catch(() => undefined);
    // @ts-expect-error getAttempt needs its id
    void contract.call('getAttempt').catch(() => undefined);
    // @ts-expect-error no such operation in the enterprise's table (staff operations are not in the main package)
    void contract.call('getOverview').catch(() => undefined);
  });
});
