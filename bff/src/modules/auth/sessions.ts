import type { Redis } from 'ioredis';
import { AppError } from '../../lib/errors';
import { sessionEnd, type Claims, type RefreshClaims } from '../../lib/jwt';
import { redisDeadline, RedisUnavailableError } from '../../lib/redis';

/** A refresh retried this soon after its exchange (its answer lost) gets the same answer again. */
export const REFRESH_REPLAY_SECONDS = 30;

/**
 * Exchanges one refresh token of a session, atomically for every instance.
 *
 * KEYS[1] the session's spent tokens (hash: jti → "next jti|exchanged at, ms"), KEYS[2] its end
 * flag. ARGV: presented jti, next jti, now (ms), replay grace (ms), session end (Unix ms).
 * Returns {'rotated', next, at} | {'replayed', next, at} | {'reused'} | {'ended'}.
 */
const ROTATE_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return {'ended'} end
local spent = redis.call('HGET', KEYS[1], ARGV[1])
if not spent then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
  redis.call('PEXPIREAT', KEYS[1], ARGV[5])
  return {'rotated', ARGV[2], ARGV[3]}
end
local bar = string.find(spent, '|', 1, true)
local next = string.sub(spent, 1, bar - 1)
local at = string.sub(spent, bar + 1)
if tonumber(ARGV[3]) - tonumber(at) <= tonumber(ARGV[4]) and redis.call('HEXISTS', KEYS[1], next) == 0 then
  return {'replayed', next, at}
end
redis.call('SET', KEYS[2], 'reused')
redis.call('PEXPIREAT', KEYS[2], ARGV[5])
return {'reused'}`;

type ScriptedRedis = Redis & { sessionRotate(spent: string, ended: string, ...args: Array<string | number>): Promise<string[]> };

export type Rotation = { outcome: 'rotated' | 'replayed'; jti: string; at: Date } | { outcome: 'reused' | 'ended' };

/**
 * Sessions: one per login, holding every token the login and its refreshes produce.
 *
 * Why Redis, and not a document per session: the state is short-lived login state (what the brief
 * keeps in Redis), and a session document whose "current token" is updated at each refresh is
 * exactly the write FerretDB can lose when two instances update one document at once — the
 * rotation would then let a stolen token through unnoticed. One Lua script per exchange is atomic
 * across instances. Inserted documents under a unique index would be atomic too, but every
 * lookup is a scan on FerretDB and, without TTL indexes, spent tokens would pile up for ever;
 * here each session's keys expire with the session.
 *
 * What is stored is what was *spent* or *ended*, never what is allowed: if Redis loses its data
 * (a restart without persistence), nobody is logged out — a spent token merely becomes usable
 * once more and an ended session lives on until its tokens expire, the stateless behaviour of
 * before. While Redis does not answer, refreshes are refused (503, the client keeps its session
 * and retries) and access tokens keep working unchecked, like every path that must not depend on
 * Redis.
 */
export function sessionStore(client: Redis, timeoutMs = 300) {
  const redis = client as ScriptedRedis;
  if (typeof redis.sessionRotate !== 'function') client.defineCommand('sessionRotate', { numberOfKeys: 2, lua: ROTATE_SCRIPT });
  const spentKey = (sid: string) => `sess:${sid}`;
  const endedKey = (sid: string) => `sessoff:${sid}`;

  const run = redisDeadline(timeoutMs);

  return {
    /**
     * Spends refresh token `claims.jti` for `next`. A token spent before ends the session
     * ("reused": someone holds a copy), unless it comes back within REFRESH_REPLAY_SECONDS and
     * the token it was exchanged for is still unspent: then it is the same client retrying, and
     * it gets the same next token ("replayed", the caller re-signs it from `jti` and `at`).
     */
    async rotate(claims: RefreshClaims, next: string, now: Date): Promise<Rotation> {
      const [outcome, jti, at] = await run(
        redis.sessionRotate(spentKey(claims.sid), endedKey(claims.sid), claims.jti, next, now.getTime(), REFRESH_REPLAY_SECONDS * 1000, sessionEnd(claims) * 1000),
      );
      if ((outcome === 'rotated' || outcome === 'replayed') && jti && at) return { outcome, jti, at: new Date(Number(at)) };
      return { outcome: outcome === 'reused' ? 'reused' : 'ended' };
    },

    /** Ends a session: every token of it, access and refresh, stops working. Idempotent. */
    async end(claims: Pick<Claims, 'sid' | 'role' | 'authTime'>, reason: 'logout' | 'reused'): Promise<void> {
      await run(redis.set(endedKey(claims.sid), reason, 'PXAT', sessionEnd(claims) * 1000));
    },

    /** Refuses a token of an ended session (401). Lets it through when Redis does not answer. */
    async assertLive(claims: Pick<Claims, 'sid'>): Promise<void> {
      let ended = 0;
      try {
        ended = await run(redis.exists(endedKey(claims.sid)));
      } catch (error) {
        if (error instanceof RedisUnavailableError) return;
        throw error;
      }
      if (ended) throw new AppError('TOKEN_INVALID');
    },
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;
