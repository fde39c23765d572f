import type { CellValue } from 'exceljs';

/** A cell's value with exceljs's wrappers removed: what the user sees in the cell. */
export type PlainCell = string | number | boolean | Date | null;

function richText(parts: ReadonlyArray<{ text: string }>): string {
  return parts.map((part) => part.text).join('');
}

/**
 * Unwraps an exceljs cell value: rich text and hyperlinks (Excel turns typed e-mail addresses
 * into links) become their text, formulas their cached result, error values (`#N/A`) null.
 */
export function plainCell(value: CellValue): PlainCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return richText(value.richText);
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return text;
    // exceljs gives a rich-text object when the link's text is formatted.
    if (text && typeof text === 'object' && 'richText' in text) return richText((text as { richText: Array<{ text: string }> }).richText);
    return value.hyperlink;
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || (typeof result === 'object' && !(result instanceof Date))) return null;
    return result;
  }
  return null; // { error: '#N/A' } and anything unknown
}

/**
 * Writes a number the way Excel shows it in a General cell, never in exponent form for whole
 * numbers: a phone 13800138000 stays "13800138000"; 0.1+0.2 is "0.3" (Excel keeps 15 digits).
 */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  return String(Number(value.toPrecision(15)));
}

/** A date as `YYYY-MM-DD` (exceljs gives wall-clock dates as UTC instants). */
function dateText(value: Date): string {
  return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
}

/**
 * A cell as text, trimmed: numbers without exponent, booleans as 是/否 (the template's words),
 * dates as `YYYY-MM-DD`, empty and error cells as ''.
 */
export function cellText(value: CellValue): string {
  const plain = plainCell(value);
  if (plain === null) return '';
  if (typeof plain === 'number') return numberText(plain);
  if (typeof plain === 'boolean') return plain ? '是' : '否';
  if (plain instanceof Date) return dateText(plain);
  return plain.trim();
}
