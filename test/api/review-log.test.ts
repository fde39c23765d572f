import { Types } from 'mongoose';
import { startTestBff, type TestBff } from '../helpers/bff';
import { LeasedMutex } from '../../bff/src/lib/leasedMutex';
import { collectionOf } from '../../bff/src/lib/mongo';
import { reviewStore, type ReviewStore } from '../../bff/src/modules/reviews/store';

/**
 * The reviews module's write order (store.ts): the event first, then the state. A writer that dies
 * between the two leaves the log ahead of the state; the next write finds the event by its
 * unique (key, rev) and rolls it forward before its own. Nothing is lost from either.
 */
describe('the review log is written ahead of the state', () => {
  let bff: TestBff;
  let store: ReviewStore;
  const ids = { campaignId: new Types.ObjectId(), regionCode: '440000' };
  const key = `${String(ids.campaignId)}:440000`;
  const actor = { id: 'staff-1', role: 'region' as const, cityCode: null, ip: '127.0.0.1' };

  beforeAll(async () => {
    bff = await startTestBff();
    await bff.services.models.reviewEvents.createIndexes();
    const { reviewRegions, reviewEvents, reviewPackages } = bff.services.models;
    store = reviewStore({ regions: reviewRegions, events: reviewEvents, packages: reviewPackages, clock: bff.services.clock, locks: new LeasedMutex(bff.services.models.reviewEvents.db) });
  });
  afterAll(async () => {
    await bff.stop();
  });

  it('When a change is stored, then its event carries the rev, who, what and the ops, and the state moves to that rev', async () => {
    const { rev, state } = await store.change(ids, actor, () => ({ action: 'summary.changed', ops: [{ path: ['summary'], value: '第一稿' }], what: '评审情况', result: null }));
    expect(rev).toBe(1);
    expect(state.summary).toBe('第一稿');
    const events = await bff.services.models.reviewEvents.collection.find({ key }).toArray();
    expect(events).toEqual([expect.objectContaining({ rev: 1, action: 'summary.changed', actor, ops: [{ path: ['summary'], value: '第一稿' }] })]);
  });

  it('When a writer died after its event and before the state, then the next change rolls that event forward first, and both are kept', async () => {
    // The crash: event rev 2 inserted, the state left at rev 1.
    await collectionOf(bff.services.models.reviewEvents).insertOne({ _id: new Types.ObjectId(), key, campaignId: ids.campaignId, regionCode: '440000', rev: 2, at: new Date(), action: 'list.changed', actor, ops: [{ path: ['lists', 'advantage'], value: [{ id: 'e1', priorityReason: null }] }], effects: [], what: '名单', reason: null, details: {} });
    expect((await store.load(key)).rev).toBe(1);
    const { rev, state } = await store.change(ids, actor, (current) => ({ action: 'summary.changed', ops: [{ path: ['summary'], value: `${current.summary}，第二稿` }], what: '评审情况', result: null }));
    expect(rev).toBe(3);
    expect(state.lists.advantage).toEqual([{ id: 'e1', priorityReason: null }]);
    expect(state.summary).toBe('第一稿，第二稿');
    const revs = (await bff.services.models.reviewEvents.collection.find({ key }).sort({ rev: 1 }).toArray()).map((event) => event.rev);
    expect(revs).toEqual([1, 2, 3]);
  });

  it('When a use case refuses, then neither an event nor a state change is stored', async () => {
    await expect(store.change(ids, actor, () => {
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect((await store.load(key)).rev).toBe(3);
    expect(await bff.services.models.reviewEvents.collection.countDocuments({ key })).toBe(3);
  });

  it('When many changes of one region race, then none is lost (the lease serialises them)', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.change(ids, actor, (current) => ({ action: 'summary.changed', ops: [{ path: ['summary'], value: `${current.summary}|${i}` }], what: '评审情况', result: null }))));
    const { rev, state } = await store.load(key);
    expect(rev).toBe(15);
    expect(state.summary.split('|').length).toBe(13);
  });
});
