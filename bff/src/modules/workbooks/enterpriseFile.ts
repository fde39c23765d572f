import { Readable } from 'node:stream';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { stream } from 'exceljs';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, historyColumns, importColumns } from '@assess/shared';

import { AppError } from '../../lib/errors';
import { cellText, numberText } from './cellValue';
import { fileInvalid, fileTooLarge, tooManyRows } from './fileErrors';
import { columnMap, enterpriseColumns, fieldForKey, type ColumnMap } from './importColumns';
import { decodeText } from './textDecoding';
import { UNREADABLE_XLSX, guardXlsx, type XlsxLimits } from './xlsxReader';

/** The formats an enterprise import accepts (see `sniffImportMediaType` to tell them apart). */
export type ImportMediaType = 'csv' | 'xlsx' | 'json';

/** One data row as the user numbers it (header = row 1; JSON: index + 1), fields mapped. */
export interface ImportFileRow {
  row: number;
  data: Record<string, unknown>;
}

/** A parsed import: rows ready for `enterpriseImportRowSchema`, plus the columns that were skipped. */
export interface ImportFile {
  rows: ImportFileRow[];
  /** Headers we did not recognise and skipped (worth showing: a misspelt column loses data). */
  ignoredColumns: string[];
}

/**
 * The work an XLSX import may cause: 50,000 data rows of twice the template's columns, with or
 * without values (a value-less, formatted cell costs the parser as much as a filled one), rows
 * counted filled or not, and a time budget ten times what 50,000 real rows take here (~2.5 s).
 */
export const IMPORT_XLSX_LIMITS: XlsxLimits = {
  maxBytes: MAX_IMPORT_BYTES,
  maxSheets: 50,
  maxRows: 2 * (MAX_IMPORT_ROWS + 1),
  maxCells: (MAX_IMPORT_ROWS + 1) * importColumns.length * 2,
  maxStrings: (MAX_IMPORT_ROWS + 1) * importColumns.length * 2,
  maxElements: (MAX_IMPORT_ROWS + 1) * importColumns.length * 8,
  timeMs: 30_000,
};
/** The historical titles file's columns. */
const historyFileColumns = columnMap(historyColumns, ['uscc', 'title', 'year', 'source'], '统一社会信用代码、称号、年份、来源……');

/** Longest CSV record: a row of the template is a few hundred characters. */
const MAX_CSV_RECORD_CHARS = 64 * 1024;

interface TableRow {
  row: number;
  cells: string[];
}

/** Header = the first non-empty row; then every non-empty row mapped, its number kept. */
function mapTable(table: readonly TableRow[], columns: ColumnMap): ImportFile {
  const headerIndex = table.findIndex((record) => record.cells.some(Boolean));
  const header = table[headerIndex];
  if (!header) throw fileInvalid('文件中没有数据');
  if (!columns.looksLikeHeader(header.cells)) throw fileInvalid(`第 ${header.row} 行应为表头（${columns.headerHint}），请使用导入模板`);
  const { fields, ignored } = columns.mapHeaderRow(header.cells);
  const rows: ImportFileRow[] = [];
  for (const record of table.slice(headerIndex + 1)) {
    const data: Record<string, unknown> = {};
    let filled = false;
    fields.forEach((field, index) => {
      if (!field) return;
      const value = record.cells[index] ?? '';
      data[field] = value;
      if (value) filled = true;
    });
    if (filled) rows.push({ row: record.row, data });
  }
  return { rows, ignoredColumns: ignored };
}

function guardRowCount(dataRows: number): void {
  if (dataRows > MAX_IMPORT_ROWS) throw tooManyRows(dataRows, MAX_IMPORT_ROWS);
}

/** The delimiter the header line uses most: Excel writes commas, "文本文件" tabs, some locales `;`. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((delimiter) => [delimiter, firstLine.split(delimiter).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

function csvReason(error: CsvError): string {
  const line = typeof error.lines === 'number' ? `第 ${error.lines} 行` : '';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `CSV 格式有误：引号没有闭合（到${line || '文件末尾'}仍未结束）`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return `CSV 格式有误：${line}的引号用法不正确（含引号的内容应整体用英文双引号括起，内部引号写两次）`;
    case 'CSV_MAX_RECORD_SIZE':
      return `CSV 格式有误：${line}过长，可能缺少换行或引号未闭合`;
    default:
      return `CSV 格式有误${line ? `（${line}）` : ''}`;
  }
}

function readCsv(bytes: Buffer, columns: ColumnMap): ImportFile {
  const text = decodeText(bytes);
  const table: TableRow[] = [];
  let records = 0;
  let dataRows = -1; // the header is not a data row
  try {
    parseCsv(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_CSV_RECORD_CHARS,
      on_record: (record: string[]) => {
        records += 1;
        const cells = record.map((cell) => cell.trim());
        if (!cells.some(Boolean)) return null;
        dataRows += 1;
        // Keep at most what we may import; beyond that only count, so the refusal can say how many.
        if (dataRows <= MAX_IMPORT_ROWS) table.push({ row: records, cells });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw fileInvalid(csvReason(error));
    throw error;
  }
  guardRowCount(dataRows);
  return mapTable(table, columns);
}

/**
 * Streams the sheets (exceljs's stream reader keeps one row at a time, where a whole-workbook
 * load of 50,000 rows takes ~700 MB); the first sheet whose first row is our header is read.
 * `guardXlsx` has already checked that the zip holds nothing its directory does not list.
 */
async function readXlsx(bytes: Buffer, limits: XlsxLimits, columns: ColumnMap): Promise<ImportFile> {
  const deadline = await guardXlsx(bytes, { limits, checkSheet: (census) => guardRowCount(census.filledRows - 1) });
  const reader = new stream.xlsx.WorkbookReader(Readable.from([bytes]), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let found: ImportFile | undefined;
  try {
    for await (const worksheet of reader) {
      const table: TableRow[] = [];
      // Later sheets are drained, not read: leaving the iterator early would leave the zip stream open.
      for await (const row of worksheet) {
        deadline.check();
        if (found) continue;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = cellText(cell.value);
        });
        table.push({ row: row.number, cells: Array.from(cells, (cell) => cell ?? '') });
      }
      const header = table.find((record) => record.cells.some(Boolean));
      if (!found && header && columns.looksLikeHeader(header.cells)) found = mapTable(table, columns);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileInvalid(UNREADABLE_XLSX);
  }
  if (!found) throw fileInvalid(`没有找到含表头（${columns.headerHint}）的工作表，请使用导入模板`);
  return found;
}

function jsonValue(value: unknown): unknown {
  if (typeof value === 'number') return numberText(value);
  return value;
}

function readJson(bytes: Buffer): ImportFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeText(bytes));
  } catch (error) {
    if (error instanceof SyntaxError) throw fileInvalid('不是有效的 JSON');
    throw error;
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object' && Array.isArray((parsed as { rows?: unknown }).rows)
      ? (parsed as { rows: unknown[] }).rows
      : undefined;
  if (!list) throw fileInvalid('JSON 应为企业对象的数组（或 { "rows": [...] }）');
  guardRowCount(list.length);
  const ignored = new Set<string>();
  const rows = list.map((item, index): ImportFileRow => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw fileInvalid(`JSON 第 ${index + 1} 项不是对象`);
    const data: Record<string, unknown> = {};
    // Only known fields are copied, so keys like "__proto__" or "$where" never travel further.
    for (const [key, value] of Object.entries(item)) {
      const field = fieldForKey(key);
      if (!field) ignored.add(key);
      else if (value !== null && value !== undefined) data[field] = jsonValue(value);
    }
    return { row: index + 1, data };
  });
  return { rows, ignoredColumns: [...ignored] };
}

/**
 * Reads an enterprise import file into mapped raw rows: Chinese headers of `importColumns` (or
 * the English field names) become fields, numbers become text (Excel turns phone numbers into
 * numbers), empty rows are skipped, and each row keeps the number the user sees (header = row
 * 1; JSON: index + 1). Contents are not validated here: apply `enterpriseImportRowSchema`.
 *
 * Refuses before doing the work: FILE_TOO_LARGE over 20 MB; TOO_MANY_ROWS over 50,000 data rows
 * (with the count, before any row is mapped); FILE_TOO_COMPLEX for an XLSX past `xlsxLimits`
 * (cells with or without values, rows, sheets, strings, elements — counted as the zip inflates —
 * or its time budget, checked while the rows stream); FILE_INVALID with a Chinese reason for a
 * malformed CSV/XLSX/JSON, a zip bomb, a missing required column.
 *
 *     const { rows } = await parseEnterpriseFile(rawBody, 'xlsx');
 */
export async function parseEnterpriseFile(bytes: Buffer, mediaType: ImportMediaType, xlsxLimits: XlsxLimits = IMPORT_XLSX_LIMITS): Promise<ImportFile> {
  if (bytes.length > MAX_IMPORT_BYTES) throw fileTooLarge(bytes.length, MAX_IMPORT_BYTES);
  if (bytes.length === 0) throw fileInvalid('文件是空的');
  switch (mediaType) {
    case 'csv':
      return readCsv(bytes, enterpriseColumns);
    case 'xlsx':
      return readXlsx(bytes, xlsxLimits, enterpriseColumns);
    case 'json':
      return readJson(bytes);
  }
}

/**
 * Reads a file of historical titles (CSV or XLSX, `historyColumns`' headers) under the same guards
 * as the enterprise import: size, rows, cells, zip bombs, time.
 */
export async function parseHistoryFile(bytes: Buffer, mediaType: ImportMediaType, xlsxLimits: XlsxLimits = IMPORT_XLSX_LIMITS): Promise<ImportFile> {
  if (bytes.length > MAX_IMPORT_BYTES) throw fileTooLarge(bytes.length, MAX_IMPORT_BYTES);
  if (bytes.length === 0) throw fileInvalid('文件是空的');
  switch (mediaType) {
    case 'csv':
      return readCsv(bytes, historyFileColumns);
    case 'xlsx':
      return readXlsx(bytes, xlsxLimits, historyFileColumns);
    case 'json':
      throw fileInvalid('历史称号请以 CSV 或 XLSX 文件导入');
  }
}
