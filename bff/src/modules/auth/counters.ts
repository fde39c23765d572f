import { createHash } from 'node:crypto';
import type { DelayPolicy } from '../../lib/rateLimit';

/**
 * The QR scene path (issue 5, kept): ≤10 consecutive wrong keys per enterprise, then locked. The
 * scene is a secret that comes with the key, so only someone holding the QR code can lock it.
 */
export const KEY_FAILURES_BEFORE_LOCK = 10;
export const KEY_LOCK_SECONDS = 15 * 60;
/**
 * The public paths — a USCC (printed on every business licence) or a staff user name — never
 * lock: a stranger could otherwise lock the key holder out on deadline day. Five free tries, then
 * each try waits a delay doubling from 1 s to 15 min. That allows about 100 guesses a day
 * against a 12-character key (31^12 ≈ 8·10^17) or a password zxcvbn rates ≥ 3 (≥ 10^8 guesses):
 * infeasible, while the key holder can always use the QR code, and a bureau can clear the delay.
 */
export const PUBLIC_PATH_DELAYS: DelayPolicy = { free: 5, firstDelaySeconds: 1, maxDelaySeconds: 15 * 60, windowSeconds: 24 * 60 * 60 };
/** Per address: wrong guesses across any accounts, and login calls of any outcome. */
export const IP_FAILURES_PER_15_MIN = 30;
export const IP_LOGINS_PER_MINUTE = 30;
/** A staff device that logged in before (its device token): ≤10 wrong passwords, then that device alone is locked. */
export const STAFF_FAILURES_BEFORE_LOCK = 10;

/** Redis keys of the login counters, one place for the login and the bureau's lock view. */
export const counters = {
  scene: (enterpriseId: string) => ({ counter: `keyfail:scene:${enterpriseId}`, lock: `keylock:scene:${enterpriseId}` }),
  uscc: (uscc: string) => `keyslow:${uscc}`,
  // Typed user names are hashed: whatever was typed in that field (a password, say) never lands in Redis.
  staffName: (username: string) => `staffslow:${createHash('sha256').update(username).digest('hex').slice(0, 32)}`,
  staffDevice: (staffId: string, deviceId: string) => ({ counter: `stafffail:dev:${staffId}:${deviceId}`, lock: `stafflock:dev:${staffId}:${deviceId}` }),
  staffDevices: (staffId: string) => `staffdevs:${staffId}`,
};
