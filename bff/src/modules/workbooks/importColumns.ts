import { importColumns } from '@assess/shared';
import { fileInvalid } from './fileErrors';

/** A field of `enterpriseImportRowSchema`, as named in `importColumns`. */
export type ImportField = (typeof importColumns)[number][1];

/** Columns without which every row would fail: refused as a file problem, not 10,000 row errors. */
const REQUIRED: readonly ImportField[] = ['uscc', 'name', 'region', 'track'];

/**
 * Header spellings are forgiving: spaces (also full-width), required-marks (`*`) and a
 * parenthesised note ("统一社会信用代码（必填）") are ignored, English field names are accepted
 * in any case.
 */
function normalise(label: string): string {
  return label
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^（）()]*[)）]\s*$/, '')
    .replace(/[\s\u3000*＊]/g, '')
    .toLowerCase();
}

const byLabel = new Map<string, ImportField>();
for (const [chinese, field] of importColumns) {
  byLabel.set(normalise(chinese), field);
  byLabel.set(normalise(field), field);
}

const chineseOf = new Map<ImportField, string>(importColumns.map(([chinese, field]) => [field, chinese]));

/** The field a header cell names, if any. */
export function fieldForHeader(label: string): ImportField | undefined {
  return byLabel.get(normalise(label));
}

/** The field a JSON key names (Chinese header or field name), if any. */
export const fieldForKey = fieldForHeader;

export interface HeaderMapping {
  /** Field per column index (0-based); undefined for columns we do not import. */
  fields: Array<ImportField | undefined>;
  /** Non-empty headers we did not recognise (shown to the user as "ignored columns"). */
  ignored: string[];
}

/** Whether a row looks like our header: at least one recognised column. */
export function looksLikeHeader(cells: readonly string[]): boolean {
  return cells.some((cell) => fieldForHeader(cell) !== undefined);
}

/**
 * Maps a header row to fields. Refuses, with the Chinese reason, a header naming one field
 * twice or missing a required column.
 */
export function mapHeaderRow(cells: readonly string[]): HeaderMapping {
  const fields: Array<ImportField | undefined> = [];
  const ignored: string[] = [];
  const seen = new Set<ImportField>();
  cells.forEach((cell, index) => {
    const field = fieldForHeader(cell);
    if (field && seen.has(field)) throw fileInvalid(`表头中“${chineseOf.get(field)}”列出现了两次`);
    if (field) seen.add(field);
    else if (cell.trim()) ignored.push(cell.trim());
    fields[index] = field;
  });
  const missing = REQUIRED.filter((field) => !seen.has(field)).map((field) => chineseOf.get(field));
  if (missing.length > 0) throw fileInvalid(`缺少必需的列：${missing.join('、')}（请使用导入模板的表头）`);
  return { fields, ignored };
}
