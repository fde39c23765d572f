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

function readJson<T>(key: string): T | null {
  const raw = deviceStorage.get(key);
  try {
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export const staffSession: SessionStore & { isLoggedIn(): boolean } = {
  // Read from storage each time: a refresh token is good for one exchange, and another tab may have spent it.
  get() {
    return readJson<TokenPair>(SESSION_KEY);
  },
  set(pair) {
    deviceStorage.set(SESSION_KEY, JSON.stringify(pair));
  },
  clear() {
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

/**
 * Device tokens, one per account that logged in on this device: with one, the server counts wrong
 * passwords for this device alone, so strangers guessing the user name elsewhere never slow the
 * holder down. Outside the `bureau:` prefix on purpose: logging out must not forget the device.
 */
const DEVICES_KEY = 'staff-devices';
const MAX_DEVICE_TOKENS = 8;

export const staffDevices = {
  tokenFor(username: string): string | undefined {
    return readJson<Record<string, string>>(DEVICES_KEY)?.[username];
  },
  remember(username: string, token: string): void {
    const known = Object.entries(readJson<Record<string, string>>(DEVICES_KEY) ?? {}).filter(([name]) => name !== username);
    deviceStorage.set(DEVICES_KEY, JSON.stringify(Object.fromEntries([...known.slice(-(MAX_DEVICE_TOKENS - 1)), [username, token]])));
  },
};
