import type { Redis } from 'ioredis';
import { redisDeadline, RedisUnavailableError } from './redis';
import type { MiddlewareContract } from './contract';

/** INCR with the window set on the first hit, in one round trip; returns [count, ms left]. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {count, ttl}`;

/**
 * A chain of windows counted in one round trip, stopping at the first one over its limit (the
 * later ones are not counted). Per key, ARGV holds: kind ('n' counts events, 's' distinct
 * members), limit, window in ms, member. Returns [position blocked (0: none), count, ms left].
 */
const CHAIN_SCRIPT = `
for i = 1, #KEYS do
  local at = (i - 1) * 4
  local count
  if ARGV[at + 1] == 'n' then
    count = redis.call('INCR', KEYS[i])
    if count == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[at + 3]) end
  else
    local added = redis.call('SADD', KEYS[i], ARGV[at + 4])
    count = redis.call('SCARD', KEYS[i])
    if added == 1 and count == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[at + 3]) end
  end
  if count > tonumber(ARGV[at + 2]) then return {i, count, redis.call('PTTL', KEYS[i])} end
end
return {0, 0, 0}`;

/**
 * A try on a public login path, where a stranger can send wrong guesses too: no lock, but each
 * try past the free ones closes a gate for a delay that doubles, so guessing stays infeasible and
 * the worst a stranger can do is slow the path down. The try is counted and the gate closed
 * before the secret is checked, so a burst cannot check more than one try per delay.
 * KEYS[1] tries in the window, KEYS[2] the gate. ARGV: window ms, free tries, first delay ms,
 * longest delay ms. Returns [try number, delay ms set] or [0, ms until the gate opens].
 */
const DELAY_SCRIPT = `
local closed = redis.call('PTTL', KEYS[2])
if closed > 0 then return {0, closed} end
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local over = count - tonumber(ARGV[2])
local delay = 0
if over > 0 then
  delay = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ math.min(over - 1, 40))
  redis.call('SET', KEYS[2], '1', 'PX', math.floor(delay))
end
return {count, math.floor(delay)}`;

/** A public path's growing delays: `free` tries, then a delay from `firstDelaySeconds` doubling up to `maxDelaySeconds`. */
export interface DelayPolicy {
  free: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  windowSeconds: number;
}

export type DelayedTry = { allowed: true; count: number; delaySeconds: number } | { allowed: false; retryAfterSeconds: number };

/** One window of a chain: counts events, or distinct `member`s when one is given. */
export interface ChainStep {
  key: string;
  limit: number;
  windowSeconds: number;
  member?: string;
}

type ScriptedRedis = Redis & {
  rlHit(key: string, windowMs: number): Promise<[number, number]>;
  rlDelay(tries: string, gate: string, windowMs: number, free: number, firstMs: number, maxMs: number): Promise<[number, number]>;
  rlChain(...args: Array<string | number>): Promise<[number, number, number]>;
};

/** The scripts as commands: ioredis sends EVALSHA (the script's hash) and the script only once. */
function scripted(redis: Redis): ScriptedRedis {
  const commands = redis as ScriptedRedis;
  if (typeof commands.rlChain !== 'function') {
    redis.defineCommand('rlHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    redis.defineCommand('rlChain', { lua: CHAIN_SCRIPT });
    redis.defineCommand('rlDelay', { numberOfKeys: 2, lua: DELAY_SCRIPT });
  }
  return commands;
}

export interface HitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** Thrown when Redis does not answer in time; each caller decides to fail open or closed. */
/**
 * Fixed-window counters in Redis, shared by every BFF instance. Calls time out fast so a hung
 * Redis never holds a request for long.
 */
export function createRateLimiter(client: Redis, timeoutMs = 300) {
  const redis = scripted(client);
  const run = redisDeadline(timeoutMs);

  return {
    /** Counts one event under `key`; `allowed` while the count is ≤ limit in the window. */
    async hit(key: string, limit: number, windowSeconds: number): Promise<HitResult> {
      const [count, ttl] = await run(redis.rlHit(`rl:${key}`, windowSeconds * 1000));
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
     * Counts the steps in order until one is over its limit (those after it are not counted), in
     * one round trip; that one's result, or allowed. Lets the request through when Redis is down.
     */
    async chainOrAllow(steps: readonly ChainStep[]): Promise<HitResult> {
      const args: Array<string | number> = [steps.length, ...steps.map((step) => `rl:${step.key}`)];
      for (const step of steps) args.push(step.member === undefined ? 'n' : 's', step.limit, step.windowSeconds * 1000, step.member ?? '');
      try {
        const [blocked, count, ttl] = await run(redis.rlChain(...args));
        return blocked === 0 ? { allowed: true, count: 0, retryAfterSeconds: 0 } : { allowed: false, count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
      } catch (error) {
        if (error instanceof RedisUnavailableError) return { allowed: true, count: 0, retryAfterSeconds: 0 };
        throw error;
      }
    },
    /** Takes a try on a growing-delay path (`<key>` counts, `<key>:gate` is the gate); see DELAY_SCRIPT. */
    async delayedTry(key: string, policy: DelayPolicy): Promise<DelayedTry> {
      const [count, ms] = await run(redis.rlDelay(`rl:${key}`, `rl:${key}:gate`, policy.windowSeconds * 1000, policy.free, policy.firstDelaySeconds * 1000, policy.maxDelaySeconds * 1000));
      if (count === 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
      return { allowed: true, count, delaySeconds: Math.ceil(ms / 1000) };
    },
    /** A growing-delay path's state: tries in the window and seconds until the gate opens (0: open). */
    async peekDelay(key: string): Promise<{ count: number; closedSeconds: number }> {
      const [count, closed] = await run(Promise.all([redis.get(`rl:${key}`), redis.pttl(`rl:${key}:gate`)]));
      return { count: Number(count ?? 0), closedSeconds: Math.max(0, Math.ceil(closed / 1000)) };
    },
    async resetDelay(key: string): Promise<void> {
      await run(redis.del(`rl:${key}`, `rl:${key}:gate`));
    },
    async peek(key: string): Promise<{ count: number; ttlSeconds: number }> {
      const [count, ttl] = await run(Promise.all([redis.get(`rl:${key}`), redis.pttl(`rl:${key}`)]));
      return { count: Number(count ?? 0), ttlSeconds: Math.max(0, Math.ceil(ttl / 1000)) };
    },
    async reset(key: string): Promise<void> {
      await run(redis.del(`rl:${key}`));
    },
    /** Adds `member` to the set `key`, which lasts `seconds` from its last addition. */
    async remember(key: string, member: string, seconds: number): Promise<void> {
      await run(redis.multi().sadd(`rl:${key}`, member).expire(`rl:${key}`, seconds).exec());
    },
    async members(key: string): Promise<string[]> {
      return run(redis.smembers(`rl:${key}`));
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

function windowText(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? '每天' : `每 ${seconds / 86_400} 天`;
  if (seconds % 3600 === 0) return seconds === 3600 ? '每小时' : `每 ${seconds / 3600} 小时`;
  if (seconds % 60 === 0) return seconds === 60 ? '每分钟' : `每 ${seconds / 60} 分钟`;
  return `每 ${seconds} 秒`;
}

/**
 * The limits a route declares (`rateLimits`): counted in Redis across every instance, answered
 * as 429 RATE_LIMITED with Retry-After (seconds) and details.retryAfterSeconds.
 */
export const rateLimitContract: MiddlewareContract = {
  name: 'rateLimit',
  description: '限流在所有实例间共享（Redis）：超过时为 429，带 Retry-After（秒）与 details.retryAfterSeconds；Redis 不可用时，除登录外的限流放行。',
  appliesTo: (route) => (route.rateLimits?.length ?? 0) > 0,
  errors: ['RATE_LIMITED'],
  note: (route) =>
    route.rateLimits && route.rateLimits.length > 0
      ? `限流：${route.rateLimits.map((limit) => `${limit.per}${windowText(limit.windowSeconds)}最多 ${limit.limit} 次${limit.note ? `（${limit.note}）` : ''}`).join('；')}。`
      : undefined,
};
