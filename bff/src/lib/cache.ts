import type { Redis } from 'ioredis';
import { withTimeout } from './mongo';

/**
 * A JSON cache in Redis that never breaks a request: a Redis failure is a miss on read and a
 * no-op on write. Invalidation is by generation: bumping a namespace's generation orphans every
 * key written under the old one (they expire by TTL), so no key scan is ever needed.
 */
export function createCache(redis: Redis, timeoutMs = 200) {
  const quiet = async <T>(promise: Promise<T>, fallback: T): Promise<T> => {
    try {
      return await withTimeout(promise, timeoutMs);
    } catch {
      return fallback;
    }
  };
  const generationKey = (namespace: string) => `cachegen:${namespace}`;

  return {
    async generation(namespace: string): Promise<string> {
      return (await quiet(redis.get(generationKey(namespace)), null)) ?? '0';
    },
    async invalidate(namespace: string): Promise<void> {
      await quiet(redis.incr(generationKey(namespace)), 0);
    },
    async get<T>(key: string): Promise<T | null> {
      const raw = await quiet(redis.get(`cache:${key}`), null);
      return raw === null ? null : (JSON.parse(raw) as T);
    },
    async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
      await quiet(redis.set(`cache:${key}`, JSON.stringify(value), 'EX', ttlSeconds), null);
    },
    /** Reads through: returns the cached value or computes, stores and returns it. */
    async wrap<T>(key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
      const hit = await this.get<T>(key);
      if (hit !== null) return { value: hit, cached: true };
      const value = await compute();
      await this.set(key, value, ttlSeconds);
      return { value, cached: false };
    },
  };
}

export type Cache = ReturnType<typeof createCache>;
