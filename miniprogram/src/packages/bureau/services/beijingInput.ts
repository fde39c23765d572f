/**
 * A Beijing date and time typed by a person ('2026-07-05', '18:00') as an ISO instant with the
 * +08:00 offset, or null with the reason it cannot be read.
 */
export function beijingInstant(date: string, time: string): { iso: string } | { error: string } {
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  if (!d) return { error: '日期格式应为 2026-07-05' };
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim() || '24:00');
  if (!t) return { error: '时间格式应为 18:00' };
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || (hour === 24 && minute !== 0)) return { error: '日期或时间不存在' };
  // 24:00 is the end of the day, as the notices write deadlines (6月30日24:00).
  const ms = Date.UTC(year, month - 1, day, hour - 8, minute);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return { error: '日期不存在' };
  return { iso: new Date(ms).toISOString() };
}

/** The date and time fields of a Beijing ISO instant ('2026-07-05T18:00:00.000+08:00'). */
export function beijingFields(beijingIso: string): { date: string; time: string } {
  return { date: beijingIso.slice(0, 10), time: beijingIso.slice(11, 16) };
}
