import mongoose, { type Connection } from 'mongoose';
import type { Db } from 'mongodb';

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
