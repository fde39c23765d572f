import { PassThrough } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { stream, type Column } from 'exceljs';
import { numberText } from './cellValue';
import { safeCell } from './safeCell';
import { HEADER_FILL, beijingText, beijingWallClock, sheetNameOf } from './sheetKit';

export type ExportFormat = 'text' | 'number' | 'percent' | 'datetime';

export interface ExportColumn {
  /** The Chinese header. */
  header: string;
  /** The row property it shows. */
  key: string;
  /** In characters; default from the header. */
  width?: number;
  /** 'text' (default), 'number', 'percent' (a fraction: 0.85 → 85.0%), 'datetime' (Beijing time). */
  format?: ExportFormat;
}

export interface TableExportInput {
  sheetName: string;
  columns: readonly ExportColumn[];
  rows: ReadonlyArray<Record<string, unknown>>;
  /** Lines for a second sheet, 说明: what a reader of the table must know (why a column is empty). */
  notes?: readonly string[];
}

const NUMBER_FORMAT: Record<ExportFormat, string | undefined> = {
  text: '@',
  number: undefined,
  percent: '0.0%',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return beijingText(value);
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

/**
 * One value as its column shows it. Strings always pass `safeCell`, whatever the format, so a
 * name like "=HYPERLINK(…)" is shown, never evaluated. Times become Beijing wall-clock dates
 * (Excel has no time zones), numbers stay numbers so they sort and sum.
 */
function cellValueFor(value: unknown, format: ExportFormat): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (format === 'datetime') {
    const date = asDate(value);
    return date ? beijingWallClock(date) : safeCell(asText(value));
  }
  if ((format === 'number' || format === 'percent') && typeof value === 'number') return Number.isFinite(value) ? value : null;
  return safeCell(asText(value));
}

/** Rows written between pauses that let other requests run. */
const ROWS_PER_SLICE = 1_000;

/**
 * A generic Excel export for dashboards and lists: Chinese headers in bold, the header row
 * frozen and filterable, strings neutralised against formula injection, numbers and percents
 * as real numbers, times in Beijing time (the header says so). Rows are streamed out as they are
 * written, with a pause every thousand rows, so 50,000 rows neither hold the whole sheet in
 * memory nor block the event loop for seconds.
 *
 *     ctx.body = await buildTableExport({ sheetName: '企业进度', columns, rows });
 */
export async function buildTableExport(input: TableExportInput): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = '创新管理与知识产权国际标准测评';
  const columnCount = input.columns.length;
  const sheet = workbook.addWorksheet(sheetNameOf(input.sheetName), {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...(columnCount > 0 ? { autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: columnCount } } } : {}),
  });
  sheet.columns = input.columns.map((column): Partial<Column> => {
    const format = column.format ?? 'text';
    const header = format === 'datetime' ? `${column.header}（北京时间）` : column.header;
    const numFmt = NUMBER_FORMAT[format];
    return {
      header: safeCell(header),
      key: column.key,
      width: column.width ?? Math.min(Math.max(header.length * 2 + 2, 10), 60),
      ...(numFmt ? { style: { numFmt } } : {}),
    };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.numFmt = 'General';
  });
  header.commit();
  for (let index = 0; index < input.rows.length; index += 1) {
    const row = input.rows[index] ?? {};
    sheet.addRow(input.columns.map((column) => cellValueFor(row[column.key], column.format ?? 'text'))).commit();
    if ((index + 1) % ROWS_PER_SLICE === 0) await yieldToEventLoop();
  }
  sheet.commit();
  if (input.notes && input.notes.length > 0) {
    const notes = workbook.addWorksheet('说明');
    notes.columns = [{ header: '说明', key: 'note', width: 100 }];
    notes.getRow(1).font = { bold: true };
    for (const note of input.notes) notes.addRow([safeCell(note)]).commit();
    notes.commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}
