import type { Redis } from 'ioredis';
import { withTimeout } from './mongo';

/** INCR with the window set on the first hit, in one round trip; returns [count, ms left]. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {count, ttl}`;

/** SADD with the window set when the set is created; returns [distinct members, ms left]. */
const DISTINCT_SCRIPT = `
local added = redis.call('SADD', KEYS[1], ARGV[2])
local count = redis.call('SCARD', KEYS[1])
if added == 1 and count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {count, ttl}`;

export interface HitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** Thrown when Redis does not answer in time; each caller decides to fail open or closed. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/**
 * Fixed-window counters in Redis, shared by every BFF instance. Calls time out fast so a hung
 * Redis never holds a request for long.
 */
export function createRateLimiter(redis: Redis, timeoutMs = 300) {
  async function run<T>(promise: Promise<T>): Promise<T> {
    try {
      return await withTimeout(promise, timeoutMs);
    } catch (error) {
      throw new RedisUnavailableError((error as Error).message);
    }
  }

  return {
    /** Counts one event under `key`; `allowed` while the count is ≤ limit in the window. */
    async hit(key: string, limit: number, windowSeconds: number): Promise<HitResult> {
      const [count, ttl] = (await run(redis.eval(HIT_SCRIPT, 1, `rl:${key}`, windowSeconds * 1000))) as [number, number];
      return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    },
    /** Like hit(), but lets the request through when Redis is down (for paths that must not depend on it). */
    async hitOrAllow(key: string, limit: number, windowSeconds: number): Promise<HitResult> {
      try {
        return await this.hit(key, limit, windowSeconds);
      } catch (error) {
        if (error instanceof RedisUnavailableError) return { allowed: true, count: 0, retryAfterSeconds: 0 };
        throw error;
      }
    },
    /**
     * Counts distinct `member`s under `key` in the window (a retry of the same thing is not another
     * one); `allowed` while there are ≤ limit. Lets the request through when Redis is down.
     */
    async hitDistinctOrAllow(key: string, member: string, limit: number, windowSeconds: number): Promise<HitResult> {
      try {
        const [count, ttl] = (await run(redis.eval(DISTINCT_SCRIPT, 1, `rl:${key}`, windowSeconds * 1000, member))) as [number, number];
        return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
      } catch (error) {
        if (error instanceof RedisUnavailableError) return { allowed: true, count: 0, retryAfterSeconds: 0 };
        throw error;
      }
    },
    async peek(key: string): Promise<{ count: number; ttlSeconds: number }> {
      const [count, ttl] = await run(Promise.all([redis.get(`rl:${key}`), redis.pttl(`rl:${key}`)]));
      return { count: Number(count ?? 0), ttlSeconds: Math.max(0, Math.ceil(ttl / 1000)) };
    },
    async reset(key: string): Promise<void> {
      await run(redis.del(`rl:${key}`));
    },
    async setFlag(key: string, seconds: number): Promise<void> {
      await run(redis.set(`rl:${key}`, '1', 'EX', seconds));
    },
    async flagTtl(key: string): Promise<number> {
      return run(redis.ttl(`rl:${key}`));
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
