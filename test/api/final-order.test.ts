import fc from 'fast-check';
import { Types } from 'mongoose';
import { finalAttempt } from '@assess/shared';
import { collectionOf } from '../../bff/src/lib/mongo';
import { applyChange, toUpdate } from '../../bff/src/modules/results/change';
import { submitChange } from '../../bff/src/modules/results/fold';
import type { AttemptDoc, ResultDoc } from '../../bff/src/modules/results/model';
import { attemptOf, CLOSE, resultOf } from '../../bff/src/modules/results/testing/fixtures';
import { startTestBff, type TestBff } from '../helpers/bff';

/**
 * The final-attempt rule has one statement (shared `finalAttempt`, ordered by `isLaterAttempt`)
 * and one implementation in the database (`$max` on a sub-document led by the receipt time and
 * the number, `$addToSet` for the history). This holds them equal on the real database: attempts
 * folded into a result in any order, some twice (replayed submits), leave the final the shared
 * rule chooses — and the document the BFF computes in memory for the roster row (change.ts).
 */
describe('the database keeps the final the shared rule chooses', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff();
  });
  afterAll(() => bff.stop());

  const deadline = CLOSE;
  const enterpriseId = new Types.ObjectId();

  const attempt = (number: number, secondsBeforeClose: number, total: number): AttemptDoc => attemptOf(enterpriseId, number, new Date(CLOSE.getTime() - secondsBeforeClose * 1000), total);

  const submitted = fc
    .uniqueArray(fc.record({ number: fc.integer({ min: 1, max: 9 }), seconds: fc.integer({ min: 1, max: 4 }), total: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 5, selector: (a) => a.number })
    .chain((list) => {
      const attempts = list.map((a) => attempt(a.number, a.seconds, a.total));
      // The order the folds reach the database in, with replays.
      return fc.tuple(fc.constant(attempts), fc.array(fc.constantFrom(...attempts), { minLength: attempts.length, maxLength: attempts.length + 3 }).chain((extra) => fc.shuffledSubarray([...attempts, ...extra], { minLength: attempts.length + extra.length })));
    });

  it('When attempts are folded in in any order, some twice, then the stored final, receipt time and history are what the shared rule and the in-memory fold give', async () => {
    const results = collectionOf(bff.services.models.results);
    await fc.assert(
      fc.asyncProperty(submitted, async ([attempts, order]) => {
        let expected = resultOf();
        await results.insertOne(expected);
        for (const next of order) {
          const change = submitChange(next, expected.history, new Uint8Array([next.number, 7]), next.submittedAt);
          await results.updateOne({ _id: expected._id }, toUpdate(change));
          expected = applyChange(expected, change);
        }
        const stored = (await results.findOne({ _id: expected._id }))!;
        const chosen = finalAttempt(attempts, deadline)!;
        expect(String(stored.final?.attemptId)).toBe(String(chosen._id));
        expect(String(expected.final?.attemptId)).toBe(String(chosen._id));
        expect(stored.lastSubmittedAt).toEqual(expected.lastSubmittedAt);
        expect(stored.lastAnswers?.number).toBe(expected.lastAnswers?.number);
        const entries = (doc: ResultDoc) => doc.history.map((entry) => `${entry.number}:${String(entry.attemptId)}`).sort();
        expect(entries(stored)).toEqual(entries(expected));
        expect(entries(stored)).toHaveLength(attempts.length);
        expect({ rev: stored.rev, status: stored.status, flagged: stored.flagged }).toEqual({ rev: expected.rev, status: expected.status, flagged: expected.flagged });
      }),
      { numRuns: 20 },
    );
  });
});
