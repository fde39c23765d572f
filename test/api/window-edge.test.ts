import { defaultQuestionnaire, finalAttempt } from '@assess/shared';
import { Types } from 'mongoose';
import { startTestBff, uniqueName, type TestBff } from '../helpers/bff';
import { apiClient } from '../helpers/http';
import { completeAnswers } from '../helpers/answers';
import { createCampaign, createEnterprises, enterpriseRow, idempotencyKey, login, testAdmin, type TestEnterprise } from '../helpers/factories';
import type { AttemptDoc } from '../../bff/src/modules/results/model';
import { isFerretDb } from '../../bff/src/lib/mongo';
import type { ResultDoc } from '../../bff/src/modules/results/model';

/**
 * The close under fire: a real campaign whose close is moved to seconds from now, two instances, and a
 * burst of submits from several enterprises landing from 50 ms before to 50 ms after the close.
 * The server's receipt time alone decides; each enterprise's final must be the shared rule
 * (`finalAttempt`) applied to its stored attempts.
 */

const ENTERPRISES = 8;
const SUBMITS_EACH = 4;
const EDGE_MS = 50;

interface Outcome {
  enterprise: string;
  key: string;
  plannedOffsetMs: number;
  status: number;
  code?: string;
  receipt?: { attemptId: string; number: number; submittedAt: string; total: number };
}

describe('the window edge: submits straddling the close by ±50 ms', () => {
  let one: TestBff;
  let two: TestBff;
  const dbName = uniqueName('edge');
  const keyPrefix = `test:${dbName}:`;

  beforeAll(async () => {
    one = await startTestBff({ dbName, keyPrefix });
    two = await startTestBff({ dbName, keyPrefix });
  });
  afterAll(async () => {
    await Promise.all([one.stop(), two.stop()]);
  });

  it('When a burst of submits straddles the close across two instances, then every acknowledged submit is stored once, none after the close, and each final is the shared rule applied to the stored receipt times', async () => {
    const campaign = await createCampaign(one.services);
    const enterprises = await createEnterprises(one.services, campaign._id, Array.from({ length: ENTERPRISES }, () => enterpriseRow()));
    const apis = [apiClient(one.url), apiClient(two.url)];
    const tokens = await Promise.all(enterprises.map((enterprise, i) => login(apis[i % 2]!, enterprise)));
    // Everyone has an early attempt, so a final exists whatever the burst does.
    for (const [i, token] of tokens.entries()) {
      const early = await apis[i % 2]!.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('early'), answers: completeAnswers(defaultQuestionnaire, 'low') }, token);
      expect(early.status).toBe(201);
    }
    // Now move the close to just ahead (as the national admin would), whatever the setup took.
    const closesAt = new Date(Date.now() + 2_500);
    await one.services.campaigns.update(campaign._id, { closesAt: closesAt.toISOString() }, testAdmin, '127.0.0.1');
    // Aim at the server's clock: a request leaves here about half a round trip before it is received.
    const trips: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = Date.now();
      await fetch(`${one.url}/healthz`);
      trips.push(Date.now() - sent);
    }
    const leadMs = [...trips].sort((a, b) => a - b)[2]! / 2;
    expect(Date.now()).toBeLessThan(closesAt.getTime() - 300);

    // Each enterprise: SUBMITS_EACH submits, at offsets spread over [-50, +50] ms around the close,
    // alternating instances and alternating high/low answers so the final's score tells them apart.
    const plans = enterprises.flatMap((enterprise, e) =>
      Array.from({ length: SUBMITS_EACH }, (_, s) => ({
        enterprise,
        token: tokens[e]!,
        api: apis[(e + s) % 2]!,
        // Pairs land together on both instances: the same enterprise submitting from two devices at once.
        offset: -EDGE_MS + ((Math.floor(s / 2) * ENTERPRISES + e) * (2 * EDGE_MS)) / (ENTERPRISES * (SUBMITS_EACH / 2) - 1),
        answers: completeAnswers(defaultQuestionnaire, s % 2 === 0 ? 'high' : 'low'),
        key: idempotencyKey(`edge${e}-${s}`),
      })),
    );
    const outcomes: Outcome[] = await Promise.all(
      plans.map(
        (plan) =>
          new Promise<Outcome>((resolve, reject) => {
            setTimeout(() => {
              plan.api
                .post('/api/attempts/current/submit', { idempotencyKey: plan.key, answers: plan.answers }, plan.token)
                .then((response) => resolve({ enterprise: plan.enterprise.id, key: plan.key, plannedOffsetMs: plan.offset, status: response.status, code: response.body.code, receipt: response.body.receipt }), reject);
            }, Math.max(0, closesAt.getTime() + plan.offset - leadMs - Date.now()));
          }),
      ),
    );

    // The burst really straddled the close: some in, some refused as late, nothing else.
    const accepted = outcomes.filter((o) => o.status === 201);
    const late = outcomes.filter((o) => o.status === 403 && o.code === 'WINDOW_CLOSED');
    expect(accepted.length + late.length).toBe(outcomes.length);
    expect(accepted.length).toBeGreaterThan(0);
    expect(late.length).toBeGreaterThan(0);
    for (const outcome of accepted) expect(new Date(outcome.receipt!.submittedAt).getTime()).toBeLessThan(closesAt.getTime());

    const { models } = one.services;
    const problems: string[] = [];
    for (const enterprise of enterprises as TestEnterprise[]) {
      const id = new Types.ObjectId(enterprise.id);
      const attempts = (await models.attempts.collection.find({ enterpriseId: id }).toArray()) as unknown as AttemptDoc[];
      const result = (await models.results.collection.findOne({ _id: id })) as ResultDoc | null;
      const mine = outcomes.filter((o) => o.enterprise === enterprise.id);
      const acked = mine.filter((o) => o.status === 201);
      // Stored exactly once each; nothing refused was stored; nothing at or after the close.
      for (const outcome of acked) {
        const stored = attempts.filter((a) => a.idempotencyKey === outcome.key);
        if (stored.length !== 1 || String(stored[0]!._id) !== outcome.receipt!.attemptId) problems.push(`${enterprise.id}: ${outcome.key} stored ${stored.length}×`);
      }
      for (const outcome of mine.filter((o) => o.status !== 201)) if (attempts.some((a) => a.idempotencyKey === outcome.key)) problems.push(`${enterprise.id}: refused ${outcome.key} was stored`);
      if (attempts.length !== acked.length + 1) problems.push(`${enterprise.id}: ${attempts.length} attempts stored for ${acked.length + 1} acknowledged`);
      if (attempts.some((a) => a.submittedAt >= closesAt)) problems.push(`${enterprise.id}: an attempt stored at or after the close`);
      // The result agrees with the attempts: the shared rule on receipt times, and the whole history.
      const expected = finalAttempt(attempts, result!.deadline);
      if (String(result!.final?.attemptId) !== String(expected?._id)) problems.push(`${enterprise.id}: final ${String(result!.final?.attemptId)} (#${result!.final?.number}), rule says ${String(expected?._id)} (#${expected?.number})`);
      if (result!.final?.total !== expected?.score.total) problems.push(`${enterprise.id}: final total ${result!.final?.total}, rule says ${expected?.score.total}`);
      const history = new Set(result!.history.map((entry) => `${entry.number}:${String(entry.attemptId)}`));
      const stored = new Set(attempts.map((attempt) => `${attempt.number}:${String(attempt._id)}`));
      if ([...stored].some((entry) => !history.has(entry)) || history.size !== stored.size) problems.push(`${enterprise.id}: history ${[...history].join(',')} ≠ attempts ${[...stored].join(',')}`);
      if (new Set(attempts.map((a) => a.number)).size !== attempts.length) problems.push(`${enterprise.id}: attempt numbers repeat`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('When an instance died holding an enterprise’s lease (FerretDB), then the next submit takes over once it expires, and no lease is left behind', async () => {
    const campaign = await createCampaign(one.services);
    const [enterprise] = await createEnterprises(one.services, campaign._id, [enterpriseRow()]);
    const token = await login(apiClient(two.url), enterprise!);
    const db = one.services.models.results.db.db!;
    // On MongoDB (MONGODB_URI) updates are atomic per document and no lease is taken.
    if (!(await isFerretDb(db))) return;
    const leases = db.collection<{ _id: string; owner: string; expiresAt: Date }>('leases');
    await leases.insertOne({ _id: enterprise!.id, owner: 'an-instance-that-died', expiresAt: new Date(Date.now() + 1_500) });
    const started = Date.now();
    const response = await apiClient(two.url).post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('orphan'), answers: completeAnswers(defaultQuestionnaire) }, token);
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(await leases.countDocuments({ _id: enterprise!.id })).toBe(0);
  });
});
