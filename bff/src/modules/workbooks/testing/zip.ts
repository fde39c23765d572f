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

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** An XLSX whose only sheet is `sheetXml` (a whole `<worksheet>` document), optionally lying about its size. */
export function makeXlsx(sheetXml: Buffer | string, options: { declaredSize?: number; extra?: ZipInput[] } = {}): Buffer {
  return makeZip([
    ...(options.extra ?? []),
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: ROOT_RELS },
    { name: 'xl/workbook.xml', content: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', content: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', content: sheetXml, ...(options.declaredSize === undefined ? {} : { declaredSize: options.declaredSize }) },
  ]);
}

/** Sheet XML with inline-string rows: `rows[i]` becomes row i + 1. */
export function sheetXml(rows: ReadonlyArray<readonly string[]>): string {
  const column = (index: number) => String.fromCharCode(65 + index);
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((cell, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${cell}</t></is></c>`).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}
