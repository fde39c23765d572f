import { AppError } from '../../lib/errors';

export interface ParseSlotOptions {
  /** Uploads parsed at the same time in this instance. */
  slots: number;
  /** How long an upload may wait for a slot before it is refused. */
  waitMs: number;
  /** Uploads allowed to wait; beyond, refused at once (each waiting one holds its bytes). */
  maxWaiting: number;
  /** The Retry-After given with a refusal. */
  retryAfterSeconds: number;
}

/**
 * Two parses at a time on a 2-core instance: even a bounded parse is seconds of CPU and tens of
 * MB, and the event loop must stay free for everyone else (submits, /healthz).
 */
export const defaultParseSlots: ParseSlotOptions = { slots: 2, waitMs: 3_000, maxWaiting: 8, retryAfterSeconds: 5 };

/**
 * A semaphore for spreadsheet parsing, one per instance: at most `slots` run at once, a few more
 * wait briefly in order, and the rest are refused with 503 UPLOADS_BUSY and a Retry-After, so a
 * burst of uploads (hostile or not) cannot stack up parses in memory.
 *
 *     const { rows } = await services.parseSlots.run(() => parseEnterpriseFile(bytes, kind));
 */
export function createParseSlots(options: ParseSlotOptions = defaultParseSlots) {
  let active = 0;
  const waiting: Array<{ grant: () => void }> = [];
  const busy = () =>
    new AppError('UPLOADS_BUSY', { retryAfterSeconds: options.retryAfterSeconds }, { headers: { 'Retry-After': String(options.retryAfterSeconds) } });

  function acquire(): Promise<void> {
    if (active < options.slots && waiting.length === 0) {
      active += 1;
      return Promise.resolve();
    }
    if (waiting.length >= options.maxWaiting) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const at = waiting.indexOf(entry);
        if (at >= 0) waiting.splice(at, 1);
        reject(busy());
      }, options.waitMs);
      waiting.push(entry);
    });
  }

  function release(): void {
    const next = waiting.shift();
    // The slot passes straight to the next in line, so `active` stays the same.
    if (next) next.grant();
    else active -= 1;
  }

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    /** Parses running now and uploads waiting for a slot (for tests and metrics). */
    get load(): { active: number; waiting: number } {
      return { active, waiting: waiting.length };
    },
  };
}

export type ParseSlots = ReturnType<typeof createParseSlots>;
