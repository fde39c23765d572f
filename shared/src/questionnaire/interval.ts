/**
 * Closed intervals of possible values, used at load time to find divisions whose denominator may
 * be zero. The analysis is conservative: when in doubt an interval widens, so the loader may ask
 * for a zero rule that is not strictly needed, but never misses one that is.
 */
export interface Interval {
  lo: number;
  hi: number;
}

export const UNBOUNDED: Interval = { lo: -Infinity, hi: Infinity };

export function point(value: number): Interval {
  return { lo: value, hi: value };
}

export function containsZero(range: Interval): boolean {
  return range.lo <= 0 && range.hi >= 0;
}

export function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi };
}

export function scale(a: Interval, factor: number): Interval {
  // factor is positive (the schema requires it), so the bounds keep their order.
  return { lo: a.lo * factor, hi: a.hi * factor };
}

/** n / d for a denominator that cannot be zero. */
export function divide(n: Interval, d: Interval): Interval {
  if (containsZero(d)) return UNBOUNDED;
  const quotients: number[] = [];
  for (const a of [n.lo, n.hi]) {
    for (const b of [d.lo, d.hi]) {
      // ∞/∞ may be anything of that sign, from 0 to ∞: keep both ends.
      if (!Number.isFinite(a) && !Number.isFinite(b)) quotients.push(0, Math.sign(a) * Math.sign(b) * Infinity);
      else quotients.push(a / b);
    }
  }
  return { lo: Math.min(...quotients), hi: Math.max(...quotients) };
}
