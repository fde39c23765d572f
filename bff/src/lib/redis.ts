import { Redis } from 'ioredis';
import { withTimeout } from './mongo';

/**
 * One Redis client per process. Commands fail fast while Redis is down (no offline queue),
 * so callers that can live without Redis — submits, draft saves — are never held up by it.
 */
export function createRedis(url: string, keyPrefix: string): Redis {
  return new Redis(url, {
    keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    // Commands issued in the same tick leave in one write: socket writes are a large part of a
    // request's CPU on this kind of VM (docs/performance.md).
    enableAutoPipelining: true,
  });
}

/** Redis did not answer in time (down, or hung): callers decide whether to refuse or carry on. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/**
 * Runs Redis commands with a short deadline, turning any failure into RedisUnavailableError, so a
 * hung Redis never holds a request for long and callers see one kind of failure.
 */
export function redisDeadline(timeoutMs: number) {
  return async function run<T>(promise: Promise<T>): Promise<T> {
    try {
      return await withTimeout(promise, timeoutMs);
    } catch (error) {
      throw new RedisUnavailableError((error as Error).message);
    }
  };
}

export async function redisAnswers(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  try {
    return (await withTimeout(redis.ping(), timeoutMs)) === 'PONG';
  } catch {
    return false;
  }
}
