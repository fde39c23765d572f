import { Workbook } from 'exceljs';
import { fileInvalid, fileTooComplex, fileTooLarge } from './fileErrors';
import { defaultZipLimits, inspectZip, type Deadline, type ZipLimits } from './zipGuard';
import type {} from '../../lib/exceljsTypes';

/** What a sheet holds before exceljs builds its (heavy) model of it. */
export interface SheetCensus {
  /** Path inside the zip, e.g. `xl/worksheets/sheet1.xml`. */
  path: string;
  /** Rows holding at least one value (empty, merely formatted rows are not counted). */
  filledRows: number;
  /** Cells holding a value. */
  filledCells: number;
  /** Every `<row>`, with a value or not. */
  rows: number;
  /** Every `<c>`, with a value or not: a value-less cell costs a parser as much as a filled one. */
  cells: number;
}

/**
 * The work one spreadsheet upload may cause, bounded before a parser sees it and while it runs.
 * Counted from the raw XML as it is inflated, so a refusal comes as soon as a bound is passed.
 */
export interface XlsxLimits {
  /** Largest upload. */
  maxBytes: number;
  /** Inflated sizes, entries, ratios (zip-bomb bounds). */
  zip?: ZipLimits;
  /** Worksheets in the package. */
  maxSheets: number;
  /** `<row>` elements over all sheets, filled or not. */
  maxRows: number;
  /** `<c>` elements over all sheets, with a value or not. */
  maxCells: number;
  /** Shared strings (`<si>`), which the parsers keep in memory. */
  maxStrings: number;
  /** XML elements of every part (styles, drawings, comments, …): what no other bound covers. */
  maxElements: number;
  /** Time for the guard and the parse together; past it the parse stops with FILE_TOO_COMPLEX. */
  timeMs: number;
}

export interface SafeXlsxOptions {
  limits: XlsxLimits;
  /** Called with each sheet's census once it is counted; throw (e.g. TOO_MANY_ROWS) to refuse. */
  checkSheet?: (census: SheetCensus) => void;
  /** The budget to check; by default one of `limits.timeMs` from now. */
  deadline?: Deadline;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const SHARED_STRINGS = /^xl\/sharedStrings[^/]*\.xml$/i;
const XML_PART = /\.(?:xml|rels|vml)$/i;
/** A start tag's local name, with or without a namespace prefix (`<x:row`). End tags, `<?` and `<!` do not match. */
const START_TAG = /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/g;
/** An unfinished tag at a chunk's end is carried into the next chunk when it starts this close to the end. */
const CARRY_CHARS = 128;

/** A time budget: `check()` throws FILE_TOO_COMPLEX once `ms` have passed since it was made. */
export function deadlineIn(ms: number, now: () => number = Date.now): Deadline & { readonly at: number } {
  const at = now() + ms;
  return {
    at,
    check() {
      if (now() > at) throw fileTooComplex('time', ms);
    },
  };
}

/**
 * Counts the start tags of an XML stream fed in chunks, calling `onTag` with each local name; a
 * tag split between two chunks is counted once, in the chunk where it ends. No tree is built.
 */
export class TagCounter {
  private carry = '';
  constructor(private readonly onTag: (name: string) => void) {}

  chunk(bytes: Buffer): void {
    const text = this.carry + bytes.toString('latin1');
    const last = text.lastIndexOf('<');
    const cut = last >= 0 && text.length - last < CARRY_CHARS && !text.includes('>', last) ? last : text.length;
    this.carry = text.slice(cut);
    this.scan(cut === text.length ? text : text.slice(0, cut));
  }

  end(): void {
    this.scan(this.carry);
    this.carry = '';
  }

  private scan(text: string): void {
    START_TAG.lastIndex = 0;
    for (let match = START_TAG.exec(text); match; match = START_TAG.exec(text)) this.onTag(match[1] as string);
  }
}

/** Counts filled rows and cells by scanning a sheet's XML tags; no XML tree is built. */
export function censusOf(path: string, xml: Buffer): SheetCensus {
  const census = sheetCounter(path, () => undefined);
  census.counter.chunk(xml);
  census.counter.end();
  return census.result();
}

function sheetCounter(path: string, onTag: (name: string) => void) {
  let filledRows = 0;
  let filledCells = 0;
  let rows = 0;
  let cells = 0;
  let rowHasValue = false;
  const counter = new TagCounter((name) => {
    onTag(name);
    if (name === 'row') {
      if (rowHasValue) filledRows += 1;
      rowHasValue = false;
      rows += 1;
    } else if (name === 'c') {
      cells += 1;
    } else if (name === 'v' || name === 'is') {
      filledCells += 1;
      rowHasValue = true;
    }
  });
  return { counter, result: (): SheetCensus => ({ path, filledRows: filledRows + (rowHasValue ? 1 : 0), filledCells, rows, cells }) };
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
 * zip-bomb and structure inspection, then a census of every XML part as it is inflated (a chunk
 * at a time, nothing kept): sheets, rows, cells with or without a value, shared strings, elements,
 * each refused with FILE_TOO_COMPLEX the moment its bound is passed, and the time budget checked
 * between chunks. `checkSheet` sees each sheet's census (a 100,000-row import is refused before
 * it is parsed). Returns the deadline, for the parse to keep checking.
 */
export async function guardXlsx(bytes: Buffer, options: SafeXlsxOptions): Promise<Deadline> {
  const { limits } = options;
  const deadline = options.deadline ?? deadlineIn(limits.timeMs);
  if (bytes.length > limits.maxBytes) throw fileTooLarge(bytes.length, limits.maxBytes);
  sniff(bytes);
  let sheets = 0;
  let rows = 0;
  let cells = 0;
  let strings = 0;
  let elements = 0;
  const countElement = () => {
    if (++elements > limits.maxElements) throw fileTooComplex('elements', limits.maxElements);
  };
  const { entries } = await inspectZip(bytes, limits.zip ?? defaultZipLimits, {
    deadline,
    read: (name) => {
      if (WORKSHEET.test(name)) {
        if (++sheets > limits.maxSheets) throw fileTooComplex('sheets', limits.maxSheets);
        const sheet = sheetCounter(name, (tag) => {
          countElement();
          if (tag === 'c' && ++cells > limits.maxCells) throw fileTooComplex('cells', limits.maxCells);
          if (tag === 'row') rows += 1;
        });
        return {
          chunk: (chunk) => sheet.counter.chunk(chunk),
          end: () => {
            sheet.counter.end();
            options.checkSheet?.(sheet.result());
            if (rows > limits.maxRows) throw fileTooComplex('rows', limits.maxRows);
          },
        };
      }
      if (!XML_PART.test(name)) return undefined;
      const isStrings = SHARED_STRINGS.test(name);
      return new TagCounter((tag) => {
        countElement();
        if (isStrings && tag === 'si' && ++strings > limits.maxStrings) throw fileTooComplex('strings', limits.maxStrings);
      });
    },
  });
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) throw fileInvalid('压缩包中没有工作簿，不是 Excel（.xlsx）文件');
  deadline.check();
  return deadline;
}

/** The reason given when exceljs cannot parse a file that passed the guards. */
export const UNREADABLE_XLSX = 'Excel 文件内容已损坏，无法解析，请用 Excel 打开后重新保存';

/**
 * Opens an uploaded XLSX as a whole exceljs workbook, after `guardXlsx`. For small files
 * (questionnaire workbooks, whose limits keep the model to a few MB); large imports stream
 * instead (see `enterpriseFile.ts`). The returned deadline is for the caller's reading loop.
 *
 *     const { workbook, deadline } = await loadXlsxSafely(bytes, { limits, checkSheet });
 */
export async function loadXlsxSafely(bytes: Buffer, options: SafeXlsxOptions): Promise<{ workbook: Workbook; deadline: Deadline }> {
  const deadline = await guardXlsx(bytes, options);
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    throw fileInvalid(UNREADABLE_XLSX);
  }
  deadline.check();
  return { workbook, deadline };
}
