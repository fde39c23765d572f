import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoServerError, type Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { AppError } from './errors';
import { KeyedMutex } from './keyedMutex';
import { isFerretDb } from './mongo';

interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/** How long a lease outlives its holder (renewed every third of it while the holder works). */
export const LEASE_TTL_MS = 5_000;
/** How long a request waits for a lease before answering 503 (the client retries, idempotently). */
export const LEASE_WAIT_MS = 8_000;

/**
 * A KeyedMutex that also holds across instances when the database needs it.
 *
 * Why: FerretDB 1.24 applies an update as read-modify-write without isolation (see
 * keyedMutex.ts). Inside one instance the KeyedMutex serialises an enterprise's writes; two
 * instances writing one result document at the same moment still lost a history entry and kept
 * the wrong final (test/api/window-edge.test.ts). Inserting under the unique `_id` index is the
 * one atomic step FerretDB offers, so the lease is one insert to take and one delete to give
 * back, on a collection that only ever holds the leases in use; a holder that dies lets its lease
 * lapse after LEASE_TTL_MS. MongoDB updates are atomic per document: there the lease is skipped and
 * costs nothing.
 *
 *     const locks = new LeasedMutex(connection);
 *     await locks.run(enterpriseId, () => results.updateOne({ _id }, update));
 */
export class LeasedMutex extends KeyedMutex {
  private needed: Promise<boolean> | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly options: { ttlMs: number; waitMs: number } = { ttlMs: LEASE_TTL_MS, waitMs: LEASE_WAIT_MS },
  ) {
    super();
  }

  override async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return super.run(key, async () => {
      if (!(await this.holdsAcrossInstances())) return task();
      const owner = await this.acquire(key);
      // Renewed while the task runs: a slow database must not let the lease lapse under a live holder.
      const renewal = setInterval(() => {
        this.leases()
          .updateOne({ _id: key, owner }, { $set: { expiresAt: new Date(Date.now() + this.options.ttlMs) } })
          .catch(() => undefined);
      }, this.options.ttlMs / 3);
      renewal.unref();
      try {
        return await task();
      } finally {
        clearInterval(renewal);
        await this.release(key, owner);
      }
    });
  }

  /** Gives the lease back; a lease left behind would hold the enterprise's next request until it expires. */
  private async release(key: string, owner: string): Promise<void> {
    for (let round = 0; round < 5; round++) {
      try {
        await this.leases().deleteOne({ _id: key, owner });
        return;
      } catch {
        await sleep(20 * (round + 1));
      }
    }
  }

  /**
   * Whether `run` also holds its key across instances: on FerretDB, whose updates of one document
   * are not isolated from each other. On MongoDB every single-document update is atomic, so a
   * write that needs no read before it (an `updateMany`) needs no lock there. FerretDB says so in
   * buildInfo; asked once (again after a failure to ask).
   */
  async holdsAcrossInstances(): Promise<boolean> {
    this.needed ??= isFerretDb(this.connection.db!);
    try {
      return await this.needed;
    } catch (error) {
      this.needed = null;
      throw error;
    }
  }

  private leases(): Collection<LeaseDoc> {
    return this.connection.db!.collection<LeaseDoc>('leases');
  }

  private async acquire(key: string): Promise<string> {
    const owner = randomBytes(8).toString('hex');
    const giveUpAt = Date.now() + this.options.waitMs;
    for (let round = 0; ; round++) {
      try {
        await this.leases().insertOne({ _id: key, owner, expiresAt: new Date(Date.now() + this.options.ttlMs) });
        return owner;
      } catch (error) {
        // A busy database (SQLITE_BUSY) is worth another try until the wait runs out; so is a held lease.
        const held = error instanceof MongoServerError && error.code === 11000;
        if (!held && Date.now() > giveUpAt) throw error;
      }
      // Held. A holder that died leaves its lease until it expires; then the first to see it takes over.
      const holder = await this.leases().findOne({ _id: key }).catch(() => null);
      if (holder?.owner === owner) return owner; // our own insert went through after all
      if (holder && holder.expiresAt.getTime() < Date.now()) {
        await this.leases().deleteOne({ _id: key, owner: holder.owner }).catch(() => undefined);
        continue;
      }
      if (Date.now() > giveUpAt) throw new AppError('SERVICE_UNAVAILABLE', { reason: 'busy' });
      await sleep(2 + Math.random() * Math.min(4 * (round + 1), 40));
    }
  }
}
