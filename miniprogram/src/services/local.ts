import type { MeResponse } from '@assess/shared';
import { deviceStorage } from '../platform/storage';
import { randomInt } from '../platform/random';
import { createChunkedStore, type ChunkedStore } from './chunkedStore';
import type { LocalDraft } from './draftSync';
import { randomId } from './ids';
import type { PendingSubmitStore, PendingSubmit } from './submission';

/**
 * What the app keeps on the device, under one key prefix, per enterprise and campaign ("scope"):
 * the draft (chunked), the last /api/me (to work offline), the pinned questionnaire, the key of
 * a submit not yet acknowledged, and the clientKey of the attempt being started.
 */
const PREFIX = 'assess:';

export type Scope = string;

export function scopeOf(me: Pick<MeResponse, 'enterprise' | 'campaign'>): Scope {
  return `${me.enterprise.id}:${me.campaign.id}`;
}

export function draftStore(scope: Scope): ChunkedStore<LocalDraft> {
  return createChunkedStore<LocalDraft>(deviceStorage, `${PREFIX}draft:${scope}`);
}

export function definitionStore(ref: string): ChunkedStore<unknown> {
  return createChunkedStore<unknown>(deviceStorage, `${PREFIX}questionnaire:${ref}`);
}

const meStore = createChunkedStore<MeResponse>(deviceStorage, `${PREFIX}me`);
export const lastMe = {
  read: () => meStore.read(),
  write(me: MeResponse) {
    try {
      meStore.write(me);
    } catch {
      // storage full: the app still works online
    }
  },
  clear: () => meStore.clear(),
};

function jsonSlot<T>(key: string) {
  return {
    read(): T | null {
      const raw = deviceStorage.get(key);
      try {
        return raw ? (JSON.parse(raw) as T) : null;
      } catch {
        return null;
      }
    },
    write(value: T) {
      deviceStorage.set(key, JSON.stringify(value));
    },
    clear() {
      deviceStorage.remove(key);
    },
  };
}

export function pendingSubmitStore(scope: Scope): PendingSubmitStore {
  return jsonSlot<PendingSubmit>(`${PREFIX}submit:${scope}`);
}

export function newId(): string {
  return randomId(randomInt);
}

/** The clientKey of the attempt being started: kept until submitted, so a reload resumes it. */
export const clientKeys = {
  current(scope: Scope): string {
    const slot = jsonSlot<string>(`${PREFIX}clientKey:${scope}`);
    const existing = slot.read();
    if (existing) return existing;
    const key = newId();
    slot.write(key);
    return key;
  },
  /** A retake: the next start uses a fresh key. */
  renew(scope: Scope): void {
    jsonSlot<string>(`${PREFIX}clientKey:${scope}`).write(newId());
  },
  clear(scope: Scope): void {
    jsonSlot<string>(`${PREFIX}clientKey:${scope}`).clear();
  },
};

/** Removes everything this app stored (on logout: a shared PC must not keep another's answers). */
export function clearDeviceData(): void {
  for (const key of deviceStorage.keys()) if (key.startsWith(PREFIX)) deviceStorage.remove(key);
}
