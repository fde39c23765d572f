import { defaultQuestionnaire } from '@assess/shared';
import { useTestBff } from '../helpers/suite';
import { completeAnswers } from '../helpers/answers';
import { idempotencyKey, loneEnterpriseToken } from '../helpers/factories';

/** The submit's idempotency as integrators expect it: the standard header, the body field, and a marked replay. */
describe('POST /api/attempts/current/submit (Idempotency-Key)', () => {
  const suite = useTestBff();
  const answers = completeAnswers(defaultQuestionnaire, 'high');

  const enterpriseToken = () => loneEnterpriseToken(suite.bff.services, suite.api);
  const submit = (token: string, body: Record<string, unknown>, key?: string) =>
    suite.api.raw('POST', '/api/attempts/current/submit', { body, token, headers: key === undefined ? {} : { 'Idempotency-Key': key } });

  it('When the key comes in the Idempotency-Key header alone, then the submit is accepted, and its retry replays the same receipt marked Idempotent-Replayed', async () => {
    const token = await enterpriseToken();
    const key = idempotencyKey('hdr');
    const first = await submit(token, { answers }, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    const retry = await submit(token, { answers }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.receipt).toEqual(first.body.receipt);
    expect((await suite.api.get('/api/attempts', token)).body.attempts).toHaveLength(1);
  });

  it('When the key comes in the body (the mini-program), then it works as before and a retry through the header is the same submit', async () => {
    const token = await enterpriseToken();
    const key = idempotencyKey('body');
    const first = await submit(token, { idempotencyKey: key, answers });
    expect([first.status, first.headers.get('idempotent-replayed')]).toEqual([201, 'false']);
    const retry = await submit(token, { idempotencyKey: key, answers }, key);
    expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(retry.body.receipt.attemptId).toBe(first.body.receipt.attemptId);
  });

  it('When the header and the body name different keys, then 400 VALIDATION_FAILED and nothing is stored', async () => {
    const token = await enterpriseToken();
    const response = await submit(token, { idempotencyKey: idempotencyKey('one'), answers }, idempotencyKey('two'));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'Idempotency-Key', message: '请求头 Idempotency-Key 与请求体 idempotencyKey 不一致' }] } });
    expect((await suite.api.get('/api/attempts', token)).body.attempts).toHaveLength(0);
  });

  it('When neither carries a key, or the header is malformed, then 400 VALIDATION_FAILED', async () => {
    const token = await enterpriseToken();
    expect((await submit(token, { answers })).body).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'Idempotency-Key' }] } });
    expect((await submit(token, { answers }, 'short')).status).toBe(400);
    expect((await submit(token, { answers }, 'has spaces in it')).status).toBe(400);
  });

  it('When the same key comes with other answers, then 409 IDEMPOTENCY_KEY_REUSED, whichever way the key came', async () => {
    const token = await enterpriseToken();
    const key = idempotencyKey('reuse');
    expect((await submit(token, { answers }, key)).status).toBe(201);
    const other = completeAnswers(defaultQuestionnaire, 'low');
    expect((await submit(token, { answers: other }, key)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await submit(token, { idempotencyKey: key, answers: other })).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('When the document describes the submit, then it names the header, the replay marker and the 400', async () => {
    const document = (await suite.api.get('/api/openapi.json')).body;
    const submitOp = document.paths['/api/attempts/current/submit'].post;
    expect(submitOp.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(submitOp.responses['201'].headers['Idempotent-Replayed']).toMatchObject({ required: true });
    expect(submitOp.responses['409'].content['application/json'].schema.allOf[1].properties.code.enum).toContain('IDEMPOTENCY_KEY_REUSED');
  });
});
