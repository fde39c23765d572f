import type { TokenPair } from '@assess/shared';
import { deviceStorage } from '../platform/storage';
import type { SessionStore } from './apiClient';

/**
 * The enterprise's login: the token pair, kept on the device so a closed app or a reloaded tab
 * stays logged in, plus the QR scene it was made with (to tell a rescan of the same code).
 */
const KEY = 'assess:session';
/** The QR scene of the last login, kept after the session ends so re-login needs the key only. */
const SCENE_KEY = 'assess:scene';

interface Stored extends TokenPair {
  scene: string | null;
}

let cached: { raw: string | null; value: Stored | null } | undefined;

/**
 * Read from storage every time (parsed only when it changed): a refresh token is good for one
 * exchange, so a second tab must use the pair the first one got, not the one it remembers.
 */
function read(): Stored | null {
  const raw = deviceStorage.get(KEY);
  if (cached && cached.raw === raw) return cached.value;
  let value: Stored | null = null;
  try {
    value = raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    value = null;
  }
  cached = { raw, value };
  return value;
}

function write(value: Stored | null): void {
  if (value) deviceStorage.set(KEY, JSON.stringify(value));
  else deviceStorage.remove(KEY);
  cached = undefined;
}

export const session: SessionStore & {
  login(pair: TokenPair, scene: string | null): void;
  scene(): string | null;
  lastScene(): string | null;
  isLoggedIn(): boolean;
} = {
  get: () => read(),
  set(pair) {
    write({ ...pair, scene: read()?.scene ?? null });
  },
  clear() {
    write(null);
  },
  login(pair, scene) {
    write({ ...pair, scene });
    if (scene) deviceStorage.set(SCENE_KEY, scene);
    else deviceStorage.remove(SCENE_KEY);
  },
  scene: () => read()?.scene ?? null,
  lastScene: () => deviceStorage.get(SCENE_KEY),
  isLoggedIn: () => read() !== null,
};
