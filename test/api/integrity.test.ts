import { defaultQuestionnaire, type Answers } from '@assess/shared';
import { Types } from 'mongoose';
import { startTestBff, type TestBff } from '../helpers/bff';
import { apiClient, type ApiClient } from '../helpers/http';
import { TestClock } from '../helpers/clock';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login, type TestEnterprise, loginStaff } from '../helpers/factories';

/**
 * Issue 19.6: a retake starts from the last answers, so its time is judged against the answers
 * it changed (counted at submit from the print the previous submit left on the result), not the
 * whole questionnaire.
 */
describe('integrity flags on the submit path', () => {
  let bff: TestBff;
  let api: ApiClient;
  const clock = new TestClock();
  let nationalToken: string;

  beforeAll(async () => {
    bff = await startTestBff({ clock });
    api = apiClient(bff.url);
    await bff.services.staff.upsert({ username: 'nat', displayName: 'nat', password: 'Wm2-glacier-Honest-58', role: 'national' });
    nationalToken = await loginStaff(api, 'nat', 'Wm2-glacier-Honest-58');
  });
  afterAll(async () => {
    await bff.stop();
  });

  async function enterprise(): Promise<{ enterprise: TestEnterprise; token: string }> {
    const campaign = await createCampaign(bff.services, { closesAt: new Date(clock.now().getTime() + 90 * 60_000) });
    const [created] = await createEnterprises(bff.services, campaign._id, [enterpriseRow()]);
    return { enterprise: created!, token: await login(api, created!) };
  }

  /** Starts an attempt, lets `seconds` pass on the server clock, submits `answers`. */
  async function attempt(token: string, answers: Answers, seconds: number, device: string) {
    expect((await api.post('/api/attempts', { clientKey: `device-${device}` }, token)).status).toBe(200);
    clock.shift(seconds * 1000);
    const submitted = await api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey(device), answers }, token);
    expect(submitted.status).toBe(201);
    return submitted.body.receipt.attemptId as string;
  }

  const flagsOf = async (enterpriseId: string) => (await api.get(`/api/dashboard/enterprises/${enterpriseId}`, nationalToken)).body.integrity as Array<{ code: string; evidence: string }>;
  const changedIn = async (attemptId: string) => (await bff.services.models.attempts.collection.findOne({ _id: new Types.ObjectId(attemptId) }))!.changedAnswers;

  /** The first `n` numeric answers changed (each to a value it did not have). */
  function changing(answers: Answers, n: number): Answers {
    const ids = Object.keys(answers).filter((id) => typeof answers[id] === 'number').slice(0, n);
    expect(ids).toHaveLength(n);
    return { ...answers, ...Object.fromEntries(ids.map((id) => [id, (answers[id] as number) + 1])) };
  }

  it('When a retake changes four answers in 9 s, then it is not flagged 作答用时过短, and the attempt records the four changes', async () => {
    const { enterprise: e, token } = await enterprise();
    const first = completeAnswers(defaultQuestionnaire, 'high');
    const firstId = await attempt(token, first, 600, 'first-one');
    const retakeId = await attempt(token, changing(first, 4), 9, 'retake-one');
    expect(await changedIn(firstId)).toBeNull();
    expect(await changedIn(retakeId)).toBe(4);
    expect((await flagsOf(e.id)).map((flag) => flag.code)).not.toContain('IMPLAUSIBLY_FAST');
    const result = await bff.services.results.get(new Types.ObjectId(e.id));
    expect(result!.history.map((entry) => entry.changed ?? null)).toEqual([null, 4]);
  });

  it('When a retake changes more answers than its time allows, then it is flagged with how many changed and the bar it missed', async () => {
    const { enterprise: e, token } = await enterprise();
    const first = completeAnswers(defaultQuestionnaire, 'high');
    await attempt(token, first, 600, 'first-two');
    await attempt(token, changing(first, 20), 9, 'retake-two');
    const fast = (await flagsOf(e.id)).find((flag) => flag.code === 'IMPLAUSIBLY_FAST');
    expect(fast?.evidence).toBe('第 2 次改动 20 个答案，用时 9 秒（少于 40 秒）');
  });

  it('When a first attempt is answered in 60 s, then it is judged as a whole questionnaire and flagged', async () => {
    const { enterprise: e, token } = await enterprise();
    await attempt(token, completeAnswers(defaultQuestionnaire, 'high'), 60, 'first-fast');
    expect((await flagsOf(e.id)).find((flag) => flag.code === 'IMPLAUSIBLY_FAST')?.evidence).toBe('第 1 次用时 60 秒（少于 180 秒）');
  });

  it('When the same submit is replayed, then the history and the print are unchanged (the count is not taken against itself)', async () => {
    const { enterprise: e, token } = await enterprise();
    const first = completeAnswers(defaultQuestionnaire, 'high');
    await attempt(token, first, 600, 'first-three');
    expect((await api.post('/api/attempts', { clientKey: 'device-retake-three' }, token)).status).toBe(200);
    const key = idempotencyKey('replayed');
    const answers = changing(first, 3);
    const once = await api.post('/api/attempts/current/submit', { idempotencyKey: key, answers }, token);
    const before = await bff.services.results.get(new Types.ObjectId(e.id));
    const again = await api.post('/api/attempts/current/submit', { idempotencyKey: key, answers }, token);
    expect(again.body.receipt).toEqual(once.body.receipt);
    const after = await bff.services.results.get(new Types.ObjectId(e.id));
    expect(after!.history).toEqual(before!.history);
    expect(after!.lastAnswers).toEqual(before!.lastAnswers);
    expect(after!.history.map((entry) => entry.changed ?? null)).toEqual([null, 3]);
  });
});
