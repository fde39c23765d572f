import type { Collection, Filter } from 'mongodb';
import { applyChange, toUpdate, type ResultChange } from './change';
import type { ResultDoc } from './model';

/** A result before a change and after it. */
export interface Changed {
  before: ResultDoc;
  after: ResultDoc;
}

/**
 * Applies a change to the result matching `filter` (one command) and returns the document as it
 * was, which the database hands back atomically, and as the change left it (computed: see
 * change.ts). Every write that moves a roster row goes through here, so the row always comes
 * from the same change the database applied. Null when nothing matched.
 */
export async function changeResult(results: Collection<ResultDoc>, filter: Filter<ResultDoc>, change: ResultChange): Promise<Changed | null> {
  const before = await results.findOneAndUpdate(filter, toUpdate(change), { returnDocument: 'before' });
  return before ? { before, after: applyChange(before, change) } : null;
}
