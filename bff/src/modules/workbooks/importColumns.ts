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

/** A file's columns: how its headers map to fields, and which it cannot do without. */
export interface ColumnMap<F extends string = string> {
  fieldForHeader(label: string): F | undefined;
  looksLikeHeader(cells: readonly string[]): boolean;
  mapHeaderRow(cells: readonly string[]): { fields: Array<F | undefined>; ignored: string[] };
  /** What the file's header should name, for the refusal of a file without one. */
  headerHint: string;
}

/** The column map of a table of `[Chinese header, field]` pairs with its required fields. */
export function columnMap<F extends string>(columns: ReadonlyArray<readonly [string, F]>, required: readonly F[], headerHint: string): ColumnMap<F> {
  const byLabel = new Map<string, F>();
  for (const [chinese, field] of columns) {
    byLabel.set(normalise(chinese), field);
    byLabel.set(normalise(field), field);
  }
  const chineseOf = new Map<F, string>(columns.map(([chinese, field]) => [field, chinese]));
  const fieldFor = (label: string): F | undefined => byLabel.get(normalise(label));
  return {
    headerHint,
    fieldForHeader: fieldFor,
    looksLikeHeader: (cells) => cells.some((cell) => fieldFor(cell) !== undefined),
    mapHeaderRow(cells) {
      const fields: Array<F | undefined> = [];
      const ignored: string[] = [];
      const seen = new Set<F>();
      cells.forEach((cell, index) => {
        const field = fieldFor(cell);
        if (field && seen.has(field)) throw fileInvalid(`表头中“${chineseOf.get(field)}”列出现了两次`);
        if (field) seen.add(field);
        else if (cell.trim()) ignored.push(cell.trim());
        fields[index] = field;
      });
      const missing = required.filter((field) => !seen.has(field)).map((field) => chineseOf.get(field));
      if (missing.length > 0) throw fileInvalid(`缺少必需的列：${missing.join('、')}（请使用导入模板的表头）`);
      return { fields, ignored };
    },
  };
}

/** The enterprise import's columns. */
export const enterpriseColumns = columnMap<ImportField>(importColumns, REQUIRED, '统一社会信用代码、企业名称、地区……');

/** The field a header cell names, if any. */
export const fieldForHeader = (label: string): ImportField | undefined => enterpriseColumns.fieldForHeader(label);

/** The field a JSON key names (Chinese header or field name), if any. */
export const fieldForKey = fieldForHeader;

export interface HeaderMapping {
  /** Field per column index (0-based); undefined for columns we do not import. */
  fields: Array<ImportField | undefined>;
  /** Non-empty headers we did not recognise (shown to the user as "ignored columns"). */
  ignored: string[];
}

/** Whether a row looks like our header: at least one recognised column. */
export const looksLikeHeader = (cells: readonly string[]): boolean => enterpriseColumns.looksLikeHeader(cells);

/**
 * Maps a header row to fields. Refuses, with the Chinese reason, a header naming one field
 * twice or missing a required column.
 */
export const mapHeaderRow = (cells: readonly string[]): HeaderMapping => enterpriseColumns.mapHeaderRow(cells);
