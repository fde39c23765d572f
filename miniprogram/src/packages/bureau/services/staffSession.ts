import type { TokenPair } from '@assess/shared';
import { deviceStorage } from '../../../platform/storage';
import type { SessionStore } from '../../../services/apiClient';

/**
 * A staff member's login, kept apart from the enterprise's (services/session): its own key
 * prefix, so an enterprise logging out on a shared PC (which clears `assess:*`) leaves a bureau
 * session alone and the other way round. The chosen campaign and scope live beside it.
 */
const PREFIX = 'bureau:';
const SESSION_KEY = `${PREFIX}session`;

let cached: TokenPair | null | undefined;

function readJson<T>(key: string): T | null {
  const raw = deviceStorage.get(key);
  try {
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export const staffSession: SessionStore & { isLoggedIn(): boolean } = {
  get() {
    if (cached === undefined) cached = readJson<TokenPair>(SESSION_KEY);
    return cached;
  },
  set(pair) {
    cached = pair;
    deviceStorage.set(SESSION_KEY, JSON.stringify(pair));
  },
  clear() {
    cached = null;
    deviceStorage.remove(SESSION_KEY);
  },
  isLoggedIn() {
    return this.get() !== null;
  },
};

/** A small preference remembered across pages and reloads (the campaign, the scope looked at). */
export function preference<T>(name: string) {
  const key = `${PREFIX}${name}`;
  return {
    read: (): T | null => readJson<T>(key),
    write(value: T | null) {
      if (value === null) deviceStorage.remove(key);
      else deviceStorage.set(key, JSON.stringify(value));
    },
  };
}

/** Forgets the login and every preference (logout). */
export function clearStaffData(): void {
  staffSession.clear();
  for (const key of deviceStorage.keys()) if (key.startsWith(PREFIX)) deviceStorage.remove(key);
}
