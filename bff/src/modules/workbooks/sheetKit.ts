import type { DataValidation, Worksheet } from 'exceljs';
import type {} from '../../lib/exceljsTypes';

/**
 * Excel's own limits on data-validation text: longer values make Excel report the file as
 * damaged and drop the validation ("We found a problem with some content").
 */
const LIMITS = { promptTitle: 32, prompt: 255, errorTitle: 32, error: 225, inlineList: 255 } as const;

function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Adds one data validation to a range (`'E2:E50001'`). exceljs supports ranges but its typings
 * omit `worksheet.dataValidations`, hence the narrow cast in one place.
 */
export function addValidation(sheet: Worksheet, range: string, validation: DataValidation): void {
  const clipped: DataValidation = {
    ...validation,
    promptTitle: clip(validation.promptTitle, LIMITS.promptTitle),
    prompt: clip(validation.prompt, LIMITS.prompt),
    errorTitle: clip(validation.errorTitle, LIMITS.errorTitle),
    error: clip(validation.error, LIMITS.error),
    showInputMessage: validation.showInputMessage ?? Boolean(validation.prompt),
    showErrorMessage: validation.showErrorMessage ?? true,
  };
  sheet.dataValidations.add(range, clipped);
}

/**
 * An in-cell dropdown list. Excel stores a literal list as one quoted formula of at most 255
 * characters in which a comma separates items, so items must be short and comma-free; longer
 * lists belong on a (hidden) sheet, referenced by `listRange`.
 */
export function inlineList(items: readonly string[]): string | undefined {
  if (items.some((item) => item.includes(',') || item.includes('"'))) return undefined;
  const formula = `"${items.join(',')}"`;
  return formula.length <= LIMITS.inlineList ? formula : undefined;
}

/** An absolute reference to a column range on another sheet: `'选项'!$A$1:$A$4`. */
export function listRange(sheetName: string, column: string, fromRow: number, toRow: number): string {
  return `'${sheetName.replace(/'/g, "''")}'!$${column}$${fromRow}:$${column}$${toRow}`;
}

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`, not empty. */
export function sheetNameOf(name: string, fallback = 'Sheet1'): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31);
  return cleaned || fallback;
}

/** Column letters for a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** Beijing time (UTC+8, no daylight saving) as the wall-clock Date Excel should show. */
export function beijingWallClock(instant: Date): Date {
  return new Date(instant.getTime() + 8 * 3600 * 1000);
}

/** `2024-06-30 23:59:59` in Beijing time, for titles and notes. */
export function beijingText(instant: Date): string {
  return beijingWallClock(instant).toISOString().slice(0, 19).replace('T', ' ');
}

export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
export const THIN_BORDER = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
} as const;
