/**
 * Dates shown in Beijing time (UTC+8, no daylight saving), whatever the device's time zone: the
 * deadline is "30 June 24:00 Beijing time" for a user in Urumqi or abroad too.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

function parts(iso: string) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

/** '2026-06-30 18:05' */
export function formatDateTime(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}` : '—';
}

/** '2026-06-30 18:05:09' */
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}` : '—';
}

/**
 * A deadline in the same form as every other date ('2026-06-30 18:30'), except that midnight is
 * shown as 24:00 of the day before, as the notices write it (系统关闭时间 6月30日24:00), not as
 * 00:00 of a day nobody can answer on.
 */
export function formatDeadline(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '—';
  const p = parts(iso as string);
  if (p && p.h === 0 && p.mi === 0 && p.s === 0) {
    const prev = parts(new Date(ms - 1000).toISOString());
    if (prev) return `${prev.y}-${pad(prev.mo)}-${pad(prev.d)} 24:00`;
  }
  return formatDateTime(iso);
}

/** A window, one format on both sides: '2026-12-04 10:43 至 2026-12-11 24:00'. */
export function formatPeriod(from: string | null | undefined, until: string | null | undefined): string {
  return `${formatDateTime(from)} 至 ${formatDeadline(until)}`;
}

/** '18:05:09' for "saved at" notes. */
export function formatClock(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}` : '';
}
