/**
 * The assessment window in Beijing time (Asia/Shanghai, UTC+8 all year: China has had no daylight
 * saving since 1991, so a fixed offset is exact and needs no time-zone database).
 *
 * The notices close the system at "6月30日24:00" (粤知〔2022〕51号 附件 二、5): 24:00 of 30 June is
 * the instant 1 July 00:00 +08:00. An attempt counts only if the server received it strictly
 * before that instant (or before the enterprise's extension).
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function beijingMidnight(localDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${localDate}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2023-02-30 over to March; a date that does not round-trip does not exist.
  if (new Date(utc).toISOString().slice(0, 10) !== localDate) throw new RangeError(`no such date: ${localDate}`);
  return utc - BEIJING_OFFSET_MS;
}

/** 00:00 Beijing time at the start of a day: when a window that "opens on" that day opens. */
export function openInstant(localDate: string): Date {
  return new Date(beijingMidnight(localDate));
}

/** "<date> 24:00" Beijing time: the first instant of the next day, when the window is closed. */
export function closeInstant(localDate: string): Date {
  return new Date(beijingMidnight(localDate) + DAY_MS);
}

/** A campaign's window must open before it closes (CAMPAIGN_WINDOW_INVALID otherwise). */
export function isValidWindow(opensAt: Date, closesAt: Date): boolean {
  return opensAt.getTime() < closesAt.getTime();
}

/**
 * An enterprise's own deadline: the close, or its extension when that is later. An extension
 * never shortens the window (the BFF also refuses to store one that is not after the close).
 */
export function effectiveDeadline(closesAt: Date, extensionUntil?: Date | null): Date {
  if (extensionUntil && extensionUntil.getTime() > closesAt.getTime()) return extensionUntil;
  return closesAt;
}

/** opensAt <= t < deadline: the deadline instant itself is already closed. */
export function isWithinWindow(receivedAt: Date, opensAt: Date, deadline: Date): boolean {
  const t = receivedAt.getTime();
  return t >= opensAt.getTime() && t < deadline.getTime();
}

export type WindowState = 'not_open' | 'open' | 'closed';

/** Where an instant lies against a window: `open` exactly when `isWithinWindow`. */
export function campaignState(now: Date, opensAt: Date, deadline: Date): WindowState {
  if (now.getTime() < opensAt.getTime()) return 'not_open';
  return isWithinWindow(now, opensAt, deadline) ? 'open' : 'closed';
}

/**
 * The order of submitted attempts that decides the final: the later server receipt time, and at
 * equal times the higher attempt number. `finalAttempt` keeps the greatest attempt in this order;
 * the BFF keeps the same order in the database with `$max` on a sub-document led by the receipt
 * time and the number (its results module holds the two equal in a property test).
 */
export function isLaterAttempt(candidate: { submittedAt: Date; number: number }, current: { submittedAt: Date; number: number } | null): boolean {
  if (current === null) return true;
  const dt = candidate.submittedAt.getTime() - current.submittedAt.getTime();
  return dt > 0 || (dt === 0 && candidate.number > current.number);
}

/**
 * The attempt that counts (系统关闭前最后一次测评成绩计为最终成绩, 粤知〔2022〕51号 附件 二、5):
 * the *last* submitted attempt whose server receipt time is strictly before the deadline — never
 * the best, and never a draft (pass submitted attempts only). Equal receipt times: the higher
 * attempt number wins. Invalid dates never count. Null when none qualifies.
 */
export function finalAttempt<T extends { submittedAt: Date; number: number }>(
  attempts: readonly T[],
  deadline: Date,
): T | null {
  const limit = deadline.getTime();
  let final: T | null = null;
  for (const attempt of attempts) {
    if (!(attempt.submittedAt.getTime() < limit)) continue; // also drops NaN
    if (isLaterAttempt(attempt, final)) final = attempt;
  }
  return final;
}

/** ISO 8601 in Beijing time with milliseconds: '2023-06-30T23:59:59.999+08:00'. */
export function toBeijingIso(date: Date): string {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid date');
  return `${new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** The Beijing calendar date of an instant: '2023-06-30'. */
export function beijingDate(date: Date): string {
  return toBeijingIso(date).slice(0, 10);
}
