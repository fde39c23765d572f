import { defaultQuestionnaire } from '@assess/shared';
import { useTestBff } from '../helpers/suite';
import { completeAnswers } from '../helpers/answers';
import { idempotencyKey, loneEnterpriseToken } from '../helpers/factories';

/**
 * A client whose first submit response was lost retries with the same idempotency key: the
 * replay must tell the same truth as `/api/attempts` (counts = this attempt is the current final).
 */
describe('POST /api/attempts/current/submit (a replayed submit)', () => {
  const suite = useTestBff();

  const enterpriseToken = () => loneEnterpriseToken(suite.bff.services, suite.api);
  const submit = (token: string, answers: Record<string, unknown>, key: string) => suite.api.post('/api/attempts/current/submit', { idempotencyKey: key, answers }, token);
  const countsInList = async (token: string, attemptId: string) =>
    ((await suite.api.get('/api/attempts', token)).body.attempts as Array<{ id: string; counts: boolean }>).find((a) => a.id === attemptId)?.counts;

  it('When the first response is lost and the client retries, then the retry says the attempt counts, as /api/attempts does', async () => {
    const token = await enterpriseToken();
    const key = idempotencyKey('lost');
    const answers = completeAnswers(defaultQuestionnaire, 'high');
    const first = await submit(token, answers, key);
    expect(first.status).toBe(201);
    expect(first.body.counts).toBe(true);
    const retry = await submit(token, answers, key);
    expect(retry.status).toBe(201);
    expect(retry.body.receipt).toEqual(first.body.receipt);
    expect(await countsInList(token, retry.body.receipt.attemptId)).toBe(true);
    expect(retry.body.counts).toBe(true);
    expect(retry.body.previous).toEqual(first.body.previous);
  });

  it('When a later attempt exists and the earlier submit is replayed, then the replay says it does not count', async () => {
    const token = await enterpriseToken();
    const earlierKey = idempotencyKey('earlier');
    const low = completeAnswers(defaultQuestionnaire, 'low');
    const earlier = await submit(token, low, earlierKey);
    const later = await submit(token, completeAnswers(defaultQuestionnaire, 'high'), idempotencyKey('later'));
    expect([earlier.status, later.status]).toEqual([201, 201]);
    const replay = await submit(token, low, earlierKey);
    expect(replay.status).toBe(201);
    expect(replay.body.receipt.attemptId).toBe(earlier.body.receipt.attemptId);
    expect(replay.body.counts).toBe(false);
    expect(replay.body.previous).toEqual(earlier.body.previous);
    expect(await countsInList(token, earlier.body.receipt.attemptId)).toBe(false);
    expect(await countsInList(token, later.body.receipt.attemptId)).toBe(true);
    // And the later attempt, replayed, still counts.
    const list = (await suite.api.get('/api/attempts', token)).body;
    expect(list.finalAttemptId).toBe(later.body.receipt.attemptId);
  });
});
