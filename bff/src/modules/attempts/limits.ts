import { AppError } from '../../lib/errors';
import type { EnterpriseActor } from '../../lib/route';
import type { RateLimiter } from '../../lib/rateLimit';
import type { ResultRepository } from '../results/repository';

/**
 * What a person can do, and no more, so a script cannot fill the database: a submit takes
 * minutes of answering, and a draft save follows typing (the client batches changes every ≤3 s).
 * Submits are counted by idempotency key: a client retrying the same submit through an outage
 * must not be locked out of the last minutes before the close by its own retries. Tries (retries
 * included) have their own, looser cap.
 */
export const SUBMIT_LIMITS = { perMinute: 6, perDay: 200, triesPerMinute: 60 } as const;
export const DRAFT_SAVE_LIMIT_PER_MINUTE = 120;

const rateLimited = (retryAfterSeconds: number) => new AppError('RATE_LIMITED', { retryAfterSeconds }, { headers: { 'Retry-After': String(retryAfterSeconds) } });

/** The checks an enterprise's request meets before it writes anything: a current key, and its limits. */
export function enterpriseLimits(deps: { limiter: RateLimiter; results: Pick<ResultRepository, 'keyVersion'> }) {
  const { limiter, results } = deps;

  /**
   * Refuses a token issued before a key reset. Submits and draft saves check the key version in
   * their conditional writes; this covers what is decided before any write.
   */
  async function assertKeyCurrent(actor: EnterpriseActor): Promise<void> {
    if ((await results.keyVersion(actor.enterpriseId)) !== actor.keyVersion) throw new AppError('TOKEN_INVALID');
  }

  /**
   * A refusal decided before the database is touched (invalid answers, too many calls). A revoked
   * token is told that first, so it learns nothing else; the extra read happens only on refusals.
   */
  async function refuseEarly(actor: EnterpriseActor, error: AppError): Promise<never> {
    await assertKeyCurrent(actor);
    throw error;
  }

  return {
    assertKeyCurrent,
    refuseEarly,

    /** Counts one submit try against the enterprise's limits (429 RATE_LIMITED past them). */
    async countSubmit(actor: EnterpriseActor, idempotencyKey: string): Promise<void> {
      const id = actor.enterpriseId;
      const hit = await limiter.chainOrAllow([
        { key: `submit:t:${id}`, limit: SUBMIT_LIMITS.triesPerMinute, windowSeconds: 60 },
        { key: `submits:m:${id}`, limit: SUBMIT_LIMITS.perMinute, windowSeconds: 60, member: idempotencyKey },
        { key: `submits:d:${id}`, limit: SUBMIT_LIMITS.perDay, windowSeconds: 86_400, member: idempotencyKey },
      ]);
      if (!hit.allowed) await refuseEarly(actor, rateLimited(hit.retryAfterSeconds));
    },

    /**
     * Counts one draft save against the per-enterprise limit (429 RATE_LIMITED past it). A workbook
     * upload is counted here before its file is parsed, whatever the file turns out to hold.
     */
    async countDraftSave(actor: EnterpriseActor): Promise<void> {
      const limit = await limiter.hitOrAllow(`draft:${actor.enterpriseId}`, DRAFT_SAVE_LIMIT_PER_MINUTE, 60);
      if (!limit.allowed) await refuseEarly(actor, rateLimited(limit.retryAfterSeconds));
    },
  };
}

export type EnterpriseLimits = ReturnType<typeof enterpriseLimits>;
