/**
 * Time as the server sees it. Deadlines and countdowns never trust the device clock, which users
 * can set to anything: at each response carrying `serverTime` we note the offset between it and
 * the device clock, and read "now" as device time plus that offset.
 */
export interface ServerClock {
  /** Records a server timestamp; `sentAt`/`receivedAt` are device times around the request. */
  sync(serverTimeIso: string, sentAt: number, receivedAt: number): void;
  /** Server time now, in epoch milliseconds. */
  now(): number;
  /** Whether any server time has been seen yet. */
  readonly synced: boolean;
  readonly offsetMs: number;
}

/**
 * The server stamped its time somewhere during the round trip; the midpoint is the best guess,
 * off by at most half the round trip.
 */
export function offsetFrom(serverTimeIso: string, sentAt: number, receivedAt: number): number | null {
  const server = Date.parse(serverTimeIso);
  if (Number.isNaN(server)) return null;
  return server - (sentAt + receivedAt) / 2;
}

export function createServerClock(deviceNow: () => number = Date.now): ServerClock {
  let offset = 0;
  let synced = false;
  return {
    sync(serverTimeIso, sentAt, receivedAt) {
      const next = offsetFrom(serverTimeIso, sentAt, receivedAt);
      if (next === null) return;
      offset = next;
      synced = true;
    },
    now: () => deviceNow() + offset,
    get synced() {
      return synced;
    },
    get offsetMs() {
      return offset;
    },
  };
}

export interface Remaining {
  totalMs: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function remainingUntil(targetIso: string, nowMs: number): Remaining {
  const totalMs = Math.max(0, Date.parse(targetIso) - nowMs);
  const s = Math.floor(totalMs / 1000);
  return { totalMs, days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** '3 天 04:05:06', or '04:05:06' under a day. */
export function formatRemaining(r: Remaining): string {
  const clock = `${pad(r.hours)}:${pad(r.minutes)}:${pad(r.seconds)}`;
  return r.days > 0 ? `${r.days} 天 ${clock}` : clock;
}
