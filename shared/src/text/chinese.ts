/**
 * Chinese names in the order a reader expects: by pinyin (北京 before 东莞 before 佛山), not by
 * code point, where 东 (U+4E1C) and 佛 (U+4F5B) come before 北 (U+5317). One collator for the
 * BFF (table sorting) and the clients; Node and browsers ship the zh-CN collation (full ICU).
 * Where a runtime has no Intl.Collator (some mini-program engines), the comparison falls back to
 * localeCompare, then to code points, so it never throws.
 */
let collator: Intl.Collator | null | undefined;

function zhCollator(): Intl.Collator | null {
  if (collator === undefined) {
    try {
      collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
    } catch {
      collator = null;
    }
  }
  return collator;
}

/** Compares two names as a Chinese reader orders them (pinyin; digits as numbers). */
export function compareChinese(a: string, b: string): number {
  const zh = zhCollator();
  if (zh) return zh.compare(a, b);
  return a.localeCompare(b, 'zh-CN');
}

/** A copy of `items` sorted by the Chinese name `nameOf` gives each (stable for equal names). */
export function sortChinese<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareChinese(nameOf(a), nameOf(b)));
}
