/**
 * The server clock. Every receipt time and window decision reads it, never the client's
 * clock. Tests inject a controllable one; production uses the system time.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
