/**
 * Pass-line values as typed: 0–105 (the questionnaire's base plus bonus maximum) in steps of
 * 0.1, as the server's passLineInputSchema accepts.
 */
export const PASS_LINE_MAX = 105;

/** A typed pass line, rounded to 0.1; null when it is not a number in range. */
export function parsePassLine(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}(\.\d*)?$/.test(trimmed)) return null;
  const value = Math.round(Number(trimmed) * 10) / 10;
  return value >= 0 && value <= PASS_LINE_MAX ? value : null;
}

/** applicants ÷ quota as a percentage, '—' without a quota. */
export function formatFit(fit: number | null): string {
  return fit === null ? '—' : `${Math.round(fit * 100)}%`;
}
