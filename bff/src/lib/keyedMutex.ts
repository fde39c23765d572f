/**
 * Runs tasks with the same key one after another, in this process.
 *
 * Why: FerretDB 1.24 applies an update as read-modify-write of the whole document without
 * isolation, so two concurrent updates of one document can lose one (measured: 50 parallel
 * `$inc` left the counter at 8-21; conditional updates on a revision all "matched"). MongoDB
 * updates are atomic per document and need none of this. Serialising the writes of one
 * enterprise inside an instance closes the gap for requests that reach the same instance; the
 * unique indexes (attempt number, idempotency key) guard the cross-instance case.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const settled = current.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    }
  }

  /** Keys with work queued or running (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
