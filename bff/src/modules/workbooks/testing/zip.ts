import { crc32, deflateRawSync } from 'node:zlib';

/** One file of a hand-made zip; `declaredSize` lets a test lie about the inflated size. */
export interface ZipInput {
  name: string;
  content: Buffer | string;
  declaredSize?: number;
  store?: boolean;
  /** Streaming style: sizes and CRC in a data descriptor after the data (flag bit 3). */
  descriptor?: boolean;
  /** Written as a local entry but left out of the central directory (a hidden entry). */
  unlisted?: boolean;
  /** Extra general-purpose flags, e.g. 0x1 (encrypted). */
  flags?: number;
  /** Compression method to declare (default: 8 deflate, 0 with `store`). */
  method?: number;
}

/**
 * Writes a minimal zip (test helper): enough to hand-craft XLSX containers, bombs and liars
 * that no well-behaved library would produce.
 */
export function makeZip(files: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const raw = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    const data = file.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(file.name, 'utf8');
    const size = file.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const flags = 0x0800 | (file.descriptor ? 0x8 : 0) | (file.flags ?? 0);
    const method = file.method ?? (file.store ? 0 : 8);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    if (!file.descriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(size, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(file.descriptor ? 16 : 0);
    if (file.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    locals.push(local, name, data, descriptor);
    const entryOffset = offset;
    offset += local.length + name.length + data.length + descriptor.length;
    if (file.unlisted) continue;

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(entryOffset, 42);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const listed = files.filter((file) => !file.unlisted).length;
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = (sheets: number) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${Array.from({ length: sheets }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbook = (sheets: number) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${Array.from({ length: sheets }, (_, i) => `<sheet name="Sheet${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
const workbookRels = (sheets: number) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${Array.from({ length: sheets }, (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`;

/** An XLSX whose only sheet is `sheetXml` (a whole `<worksheet>` document), optionally lying about its size. */
export function makeXlsx(sheetXml: Buffer | string, options: { declaredSize?: number; extra?: ZipInput[] } = {}): Buffer {
  return makeXlsxSheets([sheetXml], options);
}

/** An XLSX with one sheet per `sheets` entry (Sheet1, Sheet2, …); `declaredSize` applies to the first. */
export function makeXlsxSheets(sheets: ReadonlyArray<Buffer | string>, options: { declaredSize?: number; extra?: ZipInput[] } = {}): Buffer {
  return makeZip([
    ...(options.extra ?? []),
    { name: '[Content_Types].xml', content: contentTypes(sheets.length) },
    { name: '_rels/.rels', content: ROOT_RELS },
    { name: 'xl/workbook.xml', content: workbook(sheets.length) },
    { name: 'xl/_rels/workbook.xml.rels', content: workbookRels(sheets.length) },
    ...sheets.map((content, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, content, ...(i === 0 && options.declaredSize !== undefined ? { declaredSize: options.declaredSize } : {}) })),
  ]);
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The hostile workbook of issue 13: sheets of value-less cells, 1,000 distinct ones per row
 * (`<c r="A1"/><c r="B1"/>…`, the same refs in every row: parsers place a cell by its row), so
 * deflate packs ~100 bytes of XML per compressed byte — under the ratio the zip guard judges —
 * and a file of ~350 KB holds 3,000,000 cells. `padding` bytes of noise (a stored thumbnail)
 * make the file larger, like a real one.
 */
export function blankCellsXlsx(options: { cells: number; sheets?: number; padding?: number }): Buffer {
  const sheets = options.sheets ?? 1;
  const perSheet = Math.ceil(options.cells / sheets);
  const fullRow = Array.from({ length: 1000 }, (_, c) => `<c r="${columnName(c)}1"/>`).join('');
  const sheet = (cells: number) => {
    const rows: string[] = [];
    for (let r = 0; r * 1000 < cells; r += 1) {
      const width = Math.min(1000, cells - r * 1000);
      rows.push(`<row r="${r + 1}">${width === 1000 ? fullRow : fullRow.slice(0, fullRow.indexOf(`<c r="${columnName(width)}1"/>`))}</row>`);
    }
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  };
  const noise = Buffer.alloc(options.padding ?? 0);
  for (let i = 0, x = 2463534242; i < noise.length; i += 1) {
    // xorshift32: incompressible, and the same every run
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise[i] = x & 0xff;
  }
  const extra: ZipInput[] = noise.length > 0 ? [{ name: 'docProps/thumbnail.jpeg', content: noise, store: true }] : [];
  return makeXlsxSheets(Array.from({ length: sheets }, (_, i) => sheet(Math.max(0, Math.min(perSheet, options.cells - i * perSheet)))), { extra });
}

/** Sheet XML with inline-string rows: `rows[i]` becomes row i + 1. */
export function sheetXml(rows: ReadonlyArray<readonly string[]>): string {
  const column = (index: number) => String.fromCharCode(65 + index);
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((cell, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${cell}</t></is></c>`).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}
