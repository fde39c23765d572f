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
 * A deadline reads better as '6月30日 24:00' than '7月1日 00:00': midnight is shown as 24:00 of
 * the day before, as the notices write it (系统关闭时间 6月30日24:00).
 */
export function formatDeadline(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '—';
  const p = parts(iso as string);
  if (p && p.h === 0 && p.mi === 0 && p.s === 0) {
    const prev = parts(new Date(ms - 1000).toISOString());
    if (prev) return `${prev.y}年${prev.mo}月${prev.d}日 24:00`;
  }
  return p ? `${p.y}年${p.mo}月${p.d}日 ${pad(p.h)}:${pad(p.mi)}` : '—';
}

/** '18:05:09' for "saved at" notes. */
export function formatClock(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}` : '';
}
