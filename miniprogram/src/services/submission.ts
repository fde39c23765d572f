import type { Answers } from '@assess/shared';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { Timers } from './draftSync';

/**
 * Submitting exactly once over a flaky network. The idempotency key is stored *before* the first
 * request and reused for every retry — across reloads too — as long as the answers are the same,
 * so a submit whose response was lost returns the same receipt instead of a second attempt.
 */

export interface PendingSubmit {
  key: string;
  /** Fingerprint of the answers the key was made for. */
  fingerprint: string;
}

export interface PendingSubmitStore {
  read(): PendingSubmit | null;
  write(pending: PendingSubmit): void;
  clear(): void;
}

export interface SubmitOptions<R> {
  /** Sends the submit with this idempotency key. Failures are thrown as `{ code, transient? }`. */
  send(idempotencyKey: string): Promise<R>;
  store: PendingSubmitStore;
  fingerprint: string;
  newKey(): string;
  timers: Pick<Timers, 'setTimeout'>;
  /** Tries in all, including the first. */
  maxTries?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  onRetry?(tryNumber: number, delayMs: number, error: unknown): void;
}

/** FNV-1a over the canonical JSON of the answers (keys and choices sorted). */
export function answersFingerprint(answers: Answers): string {
  const canonical = Object.keys(answers)
    .sort()
    .map((id) => {
      const value = answers[id];
      return `${id}=${JSON.stringify(Array.isArray(value) ? [...value].sort() : value)}`;
    })
    .join('&');
  let hash = 0x811c9dc5;
  for (let i = 0; i < canonical.length; i++) {
    hash ^= canonical.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16)}:${canonical.length}`;
}

function isTransient(error: unknown): boolean {
  const e = error as { code?: string; status?: number; transient?: boolean } | null;
  if (!e) return false;
  if (typeof e.transient === 'boolean') return e.transient;
  return e.code === 'OFFLINE' || e.code === 'RATE_LIMITED' || (typeof e.status === 'number' && e.status >= 500);
}

export async function submitOnce<R>(options: SubmitOptions<R>): Promise<R> {
  const { store, fingerprint, timers } = options;
  const maxTries = options.maxTries ?? 5;
  const pending = store.read();
  let key = pending && pending.fingerprint === fingerprint ? pending.key : options.newKey();
  store.write({ key, fingerprint });
  let renewed = false;
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      const result = await options.send(key);
      store.clear();
      return result;
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      // The key was spent on other answers (a fingerprint collision, or a stale key): make a new one.
      if (code === 'IDEMPOTENCY_KEY_REUSED' && !renewed) {
        renewed = true;
        key = options.newKey();
        store.write({ key, fingerprint });
        continue;
      }
      if (!isTransient(error) || tryNumber >= maxTries) throw error;
      const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      const delay = typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter * 1000 : backoffDelay(tryNumber - 1, options.backoff ?? DEFAULT_BACKOFF, options.random);
      options.onRetry?.(tryNumber, delay, error);
      await new Promise<void>((resolve) => timers.setTimeout(resolve, delay));
    }
  }
}
