import { MongoServerError, ObjectId } from 'mongodb';
import type { Types } from 'mongoose';
import type { Clock } from '../../lib/clock';
import type { LeasedMutex } from '../../lib/leasedMutex';
import { collectionOf } from '../../lib/mongo';
import type { ReviewActorRef, ReviewEffect, ReviewEventDoc, ReviewEventModel, ReviewPackageDoc, ReviewPackageModel, ReviewRegionDoc, ReviewRegionModel } from './model';
import { applyOps, emptyState, packageFields, packJson, unpackState, type Op, type ReviewState } from './state';

/** A write review_packages needs; each is idempotent, so a roll-forward may repeat it. */
export type Effect = ReviewEffect;

/** What a use case decides from the state it was shown: the ops, the effects, and the record of why. */
export interface Change<R> {
  action: string;
  ops: Op[];
  effects?: Effect[];
  what: string;
  reason?: string | null;
  details?: Record<string, unknown>;
  /** What the caller gets back once the change is stored. */
  result: R;
}

const MAX_ROUNDS = 5;

/**
 * The reviews module's storage: one region's state read whole, and changed under that region's
 * lease (LeasedMutex keyed `review:<campaign>:<region>`: FerretDB loses concurrent updates of one
 * document, so writers of one region queue, across instances too).
 *
 * Order of a change, and why it is repairable: the event is inserted FIRST (rev = state rev + 1,
 * unique on (key, rev)), then its effects on review_packages, then the state (conditional on the
 * rev read). A crash after the event leaves the log ahead of the state, never the other way: the
 * next writer's insert of that rev fails as a duplicate, and it rolls the dangling event forward
 * (its effects again, idempotent; its ops onto the state), then retries its own change. So the log
 * is always complete — every change of the state has its event — and the state is a projection
 * of it. (Writing the state first would lose the record of a change made just before a crash,
 * which "every decision is a record" does not allow.)
 */
export function reviewStore(deps: { regions: ReviewRegionModel; events: ReviewEventModel; packages: ReviewPackageModel; clock: Clock; locks: LeasedMutex }) {
  const { clock, locks } = deps;
  const regions = collectionOf(deps.regions);
  const events = collectionOf(deps.events);
  const packages = collectionOf(deps.packages);

  async function load(key: string): Promise<{ rev: number; state: ReviewState; doc: ReviewRegionDoc | null }> {
    const doc = await regions.findOne({ _id: key });
    if (!doc) return { rev: 0, state: emptyState(), doc: null };
    return { rev: doc.rev, state: await unpackState(doc.state), doc };
  }

  async function applyEffects(effects: readonly Effect[]): Promise<void> {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'insertPackage': {
          const { submittedAt, ...rest } = effect.doc;
          try {
            await packages.insertOne({ ...rest, submittedAt: new Date(submittedAt) });
          } catch (error) {
            if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
          }
          break;
        }
        case 'decidePackage':
          await packages.updateOne({ _id: effect.packageId, decision: null }, { $set: { decision: { ...effect.decision, at: new Date(effect.decision.at) } } });
          break;
        case 'addScan':
          await packages.updateOne({ _id: effect.packageId }, { $addToSet: { scans: { ...effect.scan, at: new Date(effect.scan.at) } } });
          break;
      }
    }
  }

  async function writeState(key: string, ids: { campaignId: Types.ObjectId; regionCode: string }, fromRev: number, state: ReviewState): Promise<boolean> {
    const fields = { ...packageFields(state), state: await packJson(state), rev: fromRev + 1, updatedAt: clock.now() };
    if (fromRev === 0) {
      try {
        await regions.insertOne({ _id: key, campaignId: ids.campaignId, regionCode: ids.regionCode, ...fields });
        return true;
      } catch (error) {
        if (error instanceof MongoServerError && error.code === 11000) return false;
        throw error;
      }
    }
    const outcome = await regions.updateOne({ _id: key, rev: fromRev }, { $set: fields });
    return outcome.matchedCount === 1;
  }

  /** Finishes an event whose writer died after inserting it: its effects, then the state it leads to. */
  async function rollForward(key: string, ids: { campaignId: Types.ObjectId; regionCode: string }, rev: number, state: ReviewState): Promise<void> {
    const event = await events.findOne({ key, rev: rev + 1 });
    if (!event) return;
    await applyEffects(event.effects);
    await writeState(key, ids, rev, applyOps(state, event.ops));
  }

  return {
    load,

    /**
     * Reads the region's state, lets `decide` work out the change (or throw an AppError), and
     * stores it: the event, its effects, the state. `decide` returning ops [] stores nothing.
     */
    async change<R>(ids: { campaignId: Types.ObjectId; regionCode: string }, actor: ReviewActorRef, decide: (state: ReviewState, rev: number) => Promise<Change<R>> | Change<R>): Promise<{ result: R; rev: number; state: ReviewState }> {
      const key = `${String(ids.campaignId)}:${ids.regionCode}`;
      return locks.run(`review:${key}`, async () => {
        for (let round = 0; round < MAX_ROUNDS; round++) {
          const { rev, state } = await load(key);
          const change = await decide(state, rev);
          if (change.ops.length === 0) return { result: change.result, rev, state };
          const event: ReviewEventDoc = {
            _id: new ObjectId(),
            key,
            campaignId: ids.campaignId,
            regionCode: ids.regionCode,
            rev: rev + 1,
            at: clock.now(),
            action: change.action,
            actor,
            ops: change.ops,
            effects: change.effects ?? [],
            what: change.what,
            reason: change.reason ?? null,
            details: change.details ?? {},
          };
          try {
            await events.insertOne(event);
          } catch (error) {
            if (error instanceof MongoServerError && error.code === 11000) {
              await rollForward(key, ids, rev, state);
              continue;
            }
            throw error;
          }
          await applyEffects(event.effects);
          const next = applyOps(state, change.ops);
          if (await writeState(key, ids, rev, next)) return { result: change.result, rev: rev + 1, state: next };
          // Only a lease that lapsed under a stalled holder gets here: the event stands, the next round rolls it forward.
        }
        throw new Error(`review state ${key}: ${MAX_ROUNDS} conflicting writes in a row`);
      });
    },

    /** Every region of a campaign, without the states (the national table). */
    async regionsOf(campaignId: Types.ObjectId): Promise<Array<Omit<ReviewRegionDoc, 'state'>>> {
      return regions.find<Omit<ReviewRegionDoc, 'state'>>({ campaignId }, { projection: { state: 0 } }).toArray();
    },

    async package(id: string): Promise<ReviewPackageDoc | null> {
      return packages.findOne({ _id: id });
    },

    async packagesOf(key: string): Promise<Array<Omit<ReviewPackageDoc, 'snapshot'>>> {
      return packages.find<Omit<ReviewPackageDoc, 'snapshot'>>({ key }, { projection: { snapshot: 0 } }).sort({ version: 1 }).toArray();
    },

    async packagesById(ids: readonly string[]): Promise<ReviewPackageDoc[]> {
      if (ids.length === 0) return [];
      return packages.find({ _id: { $in: [...ids] } }).toArray();
    },

    async setPdf(id: string, fileId: string): Promise<void> {
      await packages.updateOne({ _id: id, pdfFileId: null }, { $set: { pdfFileId: fileId } });
    },

    async history(key: string, limit: number): Promise<Array<Omit<ReviewEventDoc, 'ops' | 'effects'>>> {
      return events.find<Omit<ReviewEventDoc, 'ops' | 'effects'>>({ key }, { projection: { ops: 0, effects: 0 } }).sort({ rev: -1 }).limit(limit).toArray();
    },
  };
}

export type ReviewStore = ReturnType<typeof reviewStore>;
