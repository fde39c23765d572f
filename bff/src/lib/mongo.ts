import mongoose, { type AnyObject, type Connection, type Model } from 'mongoose';
import type { Collection, Db, OptionalUnlessRequiredId } from 'mongodb';

// Every filter built from request data is sanitised: a `{ $ne: null }` smuggled in a body
// becomes a literal, never an operator.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

/**
 * Opens a dedicated connection (not the global one), so tests and servers own their lifecycle.
 * `monitorCommands` makes the driver emit an event per command (see countDbCommands).
 */
export async function connectMongo(uri: string, options: { monitorCommands?: boolean } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5_000,
    maxPoolSize: 50,
    autoIndex: false,
    monitorCommands: options.monitorCommands ?? false,
  });
  await connection.asPromise();
  return connection;
}

/** True when the database answers a ping within the timeout. */
export async function mongoAnswers(connection: Connection, timeoutMs = 1_000): Promise<boolean> {
  try {
    const db = connection.db;
    if (!db) return false;
    await withTimeout(db.admin().ping(), timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Whether the server is FerretDB (its buildInfo says so; MongoDB's has no such field). */
export async function isFerretDb(db: Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

/**
 * The driver's collection behind a model, typed by the model's document, so filters, updates and
 * what comes back are checked against it (the untyped `model.collection` needed casts).
 */
export function collectionOf<T extends AnyObject>(model: Model<T>): Collection<T> {
  return model.db.collection<T>(model.collection.collectionName);
}

/**
 * `insertMany` (unordered) that takes a duplicate key as "already there": says, for each
 * document, whether this call wrote it. Any other failure is thrown.
 */
export async function insertManyTolerant<T extends AnyObject>(collection: Collection<T>, docs: Array<OptionalUnlessRequiredId<T>>): Promise<boolean[]> {
  if (docs.length === 0) return [];
  try {
    await collection.insertMany(docs, { ordered: false });
    return docs.map(() => true);
  } catch (error) {
    const failure = error as { writeErrors?: Array<{ index: number; code: number }> | { index: number; code: number } };
    // The driver gives one write error as an object, several as a list.
    const writeErrors = Array.isArray(failure.writeErrors) ? failure.writeErrors : failure.writeErrors ? [failure.writeErrors] : [];
    if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== 11000)) throw error;
    const failed = new Set(writeErrors.map((e) => e.index));
    return docs.map((_, index) => !failed.has(index));
  }
}
