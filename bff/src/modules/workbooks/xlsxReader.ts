import { Workbook } from 'exceljs';
import { fileInvalid, fileTooLarge } from './fileErrors';
import { defaultZipLimits, inspectZip, type ZipLimits } from './zipGuard';

/** What a sheet holds before exceljs builds its (heavy) model of it. */
export interface SheetCensus {
  /** Path inside the zip, e.g. `xl/worksheets/sheet1.xml`. */
  path: string;
  /** Rows holding at least one value (empty, merely formatted rows are not counted). */
  filledRows: number;
  /** Cells holding a value. */
  filledCells: number;
}

export interface SafeXlsxOptions {
  maxBytes: number;
  /** Called with each sheet's census before parsing; throw (e.g. TOO_MANY_ROWS) to refuse. */
  checkSheet?: (census: SheetCensus) => void;
  /** Most value cells over all sheets: bounds exceljs's memory (~1 KB per cell). */
  maxCells?: number;
  zipLimits?: ZipLimits;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
// A row, a value (<v>) or an inline string (<is>), with or without a namespace prefix (<x:row>).
const SHEET_TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|v|is)\b/g;

/** Counts filled rows and cells by scanning the sheet XML's tags; no XML tree is built. */
export function censusOf(path: string, xml: Buffer): SheetCensus {
  const text = xml.toString('latin1');
  let filledRows = 0;
  let filledCells = 0;
  let rowHasValue = false;
  for (const match of text.matchAll(SHEET_TAG)) {
    if (match[1] === 'row') {
      if (rowHasValue) filledRows += 1;
      rowHasValue = false;
    } else {
      filledCells += 1;
      rowHasValue = true;
    }
  }
  if (rowHasValue) filledRows += 1;
  return { path, filledRows, filledCells };
}

/** A `checkSheet` refusing any sheet with more filled rows than `maxRows`, with the error `refuse` makes. */
export function xlsxCensusLimit(maxRows: number, refuse: (rows: number) => Error): (census: SheetCensus) => void {
  return (census) => {
    if (census.filledRows > maxRows) throw refuse(census.filledRows);
  };
}

function sniff(bytes: Buffer): void {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return;
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw fileInvalid('这是旧版 .xls 文件或已加密的文件，请用 Excel “另存为” .xlsx 格式（并取消密码）后上传');
  }
  throw fileInvalid('不是有效的 Excel（.xlsx）文件');
}

/**
 * Every guard an uploaded XLSX passes before a parser sees it: size, container sniffing, the
 * zip-bomb and structure inspection, and a census of each sheet (rows and cells counted from
 * the raw XML, so a 100,000-row sheet is refused before it is parsed).
 */
export function guardXlsx(bytes: Buffer, options: SafeXlsxOptions): void {
  if (bytes.length > options.maxBytes) throw fileTooLarge(bytes.length, options.maxBytes);
  sniff(bytes);
  const { entries, kept } = inspectZip(bytes, options.zipLimits ?? defaultZipLimits, (name) => WORKSHEET.test(name));
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('xl/workbook.xml')) throw fileInvalid('压缩包中没有工作簿，不是 Excel（.xlsx）文件');
  let cells = 0;
  for (const [path, xml] of kept) {
    const census = censusOf(path, xml);
    options.checkSheet?.(census);
    cells += census.filledCells;
  }
  if (options.maxCells !== undefined && cells > options.maxCells) throw fileInvalid(`表格单元格过多（${cells} 个，上限 ${options.maxCells} 个）`);
}

/** The reason given when exceljs cannot parse a file that passed the guards. */
export const UNREADABLE_XLSX = 'Excel 文件内容已损坏，无法解析，请用 Excel 打开后重新保存';

/**
 * Opens an uploaded XLSX as a whole exceljs workbook, after `guardXlsx`. For small files
 * (questionnaire workbooks); large imports stream instead (see `enterpriseFile.ts`).
 *
 *     const workbook = await loadXlsxSafely(bytes, { maxBytes: MAX_IMPORT_BYTES, checkSheet });
 */
export async function loadXlsxSafely(bytes: Buffer, options: SafeXlsxOptions): Promise<Workbook> {
  guardXlsx(bytes, options);
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileInvalid(UNREADABLE_XLSX);
  }
  return workbook;
}
