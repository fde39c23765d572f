import { AppError } from '../../lib/errors';
import { censusOf, deadlineIn, guardXlsx, TagCounter, type XlsxLimits } from './xlsxReader';
import { defaultZipLimits, inspectZip } from './zipGuard';
import { blankCellsXlsx, makeXlsx, makeXlsxSheets, makeZip, sheetXml } from './testing/zip';

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('inspectZip', () => {
  it('When a zip is well formed, then its entries are listed and kept entries returned inflated', async () => {
    const zip = makeZip([
      { name: 'a.xml', content: '<a/>' },
      { name: 'b.xml', content: 'b'.repeat(1000) },
    ]);
    const { entries, kept } = await inspectZip(zip, undefined, { keep: (name) => name === 'b.xml' });
    expect(entries).toEqual([expect.objectContaining({ name: 'a.xml', size: 4 }), expect.objectContaining({ name: 'b.xml', size: 1000 })]);
    expect(kept.get('b.xml')?.toString()).toBe('b'.repeat(1000));
  });

  it('When entries use data descriptors (as Excel writes them), then the zip is accepted', async () => {
    const zip = makeZip([
      { name: 'a.xml', content: '<a/>', descriptor: true },
      { name: 'b.xml', content: '<b/>', descriptor: true, store: true },
    ]);
    expect((await inspectZip(zip)).entries).toHaveLength(2);
  });

  it('When a local entry hides between listed ones (streaming readers would inflate it), then FILE_INVALID', async () => {
    const zip = makeZip([
      { name: 'a.xml', content: '<a/>' },
      { name: 'hidden.xml', content: Buffer.alloc(1024 * 1024), unlisted: true },
      { name: 'b.xml', content: '<b/>' },
    ]);
    expect((await refusal(() => inspectZip(zip))).message).toMatch(/结构异常/);
  });

  it.each([
    ['encrypted', { flags: 0x1 }, /加密/],
    ['compressed with an unsupported method (bzip2)', { method: 12 }, /压缩方式/],
  ])('When an entry is %s, then FILE_INVALID says so', async (_name, options, reason) => {
    expect((await refusal(() => inspectZip(makeZip([{ name: 'a.xml', content: '<a/>', ...options }])))).message).toMatch(reason);
  });

  it('When a zip lists thousands of entries, then FILE_INVALID', async () => {
    const files = Array.from({ length: 2_001 }, (_, index) => ({ name: `f${index}`, content: '', store: true }));
    expect((await refusal(() => inspectZip(makeZip(files)))).message).toMatch(/文件过多/);
  });

  it('When entries together declare more than the total bound, then FILE_INVALID before inflating', async () => {
    const files = Array.from({ length: 3 }, (_, index) => ({ name: `f${index}`, content: 'x', declaredSize: 90 * 1024 * 1024 }));
    const noRatioLimit = { ...defaultZipLimits, maxRatio: Number.POSITIVE_INFINITY };
    expect((await refusal(() => inspectZip(makeZip(files), noRatioLimit))).message).toMatch(/总大小/);
  });

  it('When a stored (uncompressed) entry claims a size other than its bytes, then FILE_INVALID', async () => {
    expect((await refusal(() => inspectZip(makeZip([{ name: 'a', content: 'abc', store: true, declaredSize: 10 }])))).code).toBe('FILE_INVALID');
  });

  it('When the deflate data is garbage, then FILE_INVALID', async () => {
    const zip = makeZip([{ name: 'a.xml', content: 'x'.repeat(100) }]);
    zip.fill(0xff, 30 + 'a.xml'.length, 30 + 'a.xml'.length + 4);
    expect((await refusal(() => inspectZip(zip))).code).toBe('FILE_INVALID');
  });
});

describe('censusOf', () => {
  it('When counting, then only rows holding a value count as filled, every row and cell as such, with or without a namespace prefix', () => {
    const xml = `<x:worksheet xmlns:x="urn"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>h</x:t></x:is></x:c></x:row><x:row r="2"/><x:row r="3"><x:c r="A3" s="1"/></x:row><x:row r="4"><x:c r="A4"><x:v>1</x:v></x:c><x:c r="B4"><x:v>2</x:v></x:c></x:row></x:sheetData><x:rowBreaks/></x:worksheet>`;
    expect(censusOf('s', Buffer.from(xml))).toEqual({ path: 's', filledRows: 2, filledCells: 3, rows: 4, cells: 4 });
  });

  it('When a real sheet is counted, then rows match', () => {
    const xml = sheetXml([['a', 'b'], ['c'], [], ['d']]);
    expect(censusOf('s', Buffer.from(xml)).filledRows).toBe(3);
  });

  it('When a hand-made XLSX is inspected, then its worksheet can be kept', async () => {
    const { kept } = await inspectZip(makeXlsx(sheetXml([['x']])), undefined, { keep: (name) => name.startsWith('xl/worksheets/') });
    expect([...kept.keys()]).toEqual(['xl/worksheets/sheet1.xml']);
  });
});

describe('TagCounter', () => {
  it('When a tag is split between chunks at every possible place, then each start tag is counted once', () => {
    const xml = '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"/></row><!-- <c> in a comment --><x:row/></sheetData></worksheet>';
    for (let cut = 0; cut <= xml.length; cut += 1) {
      const names: string[] = [];
      const counter = new TagCounter((name) => names.push(name));
      counter.chunk(Buffer.from(xml.slice(0, cut), 'latin1'));
      counter.chunk(Buffer.from(xml.slice(cut), 'latin1'));
      counter.end();
      // A tag in a comment counts too: the count bounds a parser's work from above.
      expect({ cut, names }).toEqual({ cut, names: ['worksheet', 'sheetData', 'row', 'c', 'v', 'c', 'c', 'row'] });
    }
  });
});

describe('guardXlsx: the work a spreadsheet may cause (issue 13)', () => {
  const limits: XlsxLimits = { maxBytes: 20 * 1024 * 1024, maxSheets: 5, maxRows: 1_000, maxCells: 10_000, maxStrings: 1_000, maxElements: 50_000, timeMs: 10_000 };
  const bound = async (bytes: Buffer, overrides: Partial<XlsxLimits> = {}) => {
    const error = await refusal(() => guardXlsx(bytes, { limits: { ...limits, ...overrides } }));
    return { code: error.code, bound: (error.details as { bound?: string } | undefined)?.bound, message: error.message };
  };

  it('When a 120 KB file holds a million value-less cells (<c r="A1"/>, <c r="B1"/>… repeated), then FILE_TOO_COMPLEX (cells) — the old census counted only values and let it through', async () => {
    const hostile = blankCellsXlsx({ cells: 1_000_000, sheets: 2 });
    expect(hostile.length).toBeLessThan(150 * 1024);
    expect(await bound(hostile)).toEqual({ code: 'FILE_TOO_COMPLEX', bound: 'cells', message: expect.stringContaining('单元格超过 10000 个') });
  });

  it('When the census stops at the bound, then it inflated no more than it needed (a chunk past the bound, not the whole file)', async () => {
    const hostile = blankCellsXlsx({ cells: 2_000_000 });
    let inflated = 0;
    const read = (name: string) => (name.endsWith('sheet1.xml') ? { chunk: (bytes: Buffer) => void (inflated += bytes.length), end: () => undefined } : undefined);
    await inspectZip(hostile, { ...defaultZipLimits, ratioFloorBytes: Number.POSITIVE_INFINITY }, { read });
    expect(inflated).toBeGreaterThan(20 * 1024 * 1024); // the whole sheet, when nothing stops it
    const started = process.hrtime.bigint();
    expect((await bound(hostile, { zip: { ...defaultZipLimits, ratioFloorBytes: Number.POSITIVE_INFINITY } })).bound).toBe('cells');
    // 10,000 cells are ~110 KB of XML: a couple of 64 KB chunks, not 22 MB.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
  });

  it('When a sheet has more rows than the bound, filled or not, then FILE_TOO_COMPLEX (rows)', async () => {
    const rows = Array.from({ length: 2_000 }, (_, r) => `<row r="${r + 1}"/>`).join('');
    const xml = `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
    expect((await bound(makeXlsx(xml))).bound).toBe('rows');
  });

  it('When a workbook has more sheets than the bound, then FILE_TOO_COMPLEX (sheets)', async () => {
    const sheet = sheetXml([['x']]);
    expect((await bound(makeXlsxSheets(Array.from({ length: 6 }, () => sheet)))).bound).toBe('sheets');
    await expect(guardXlsx(makeXlsxSheets(Array.from({ length: 5 }, () => sheet)), { limits })).resolves.toBeDefined();
  });

  it('When sharedStrings.xml holds more strings than the bound, then FILE_TOO_COMPLEX (strings)', async () => {
    const strings = `<sst>${'<si><t>x</t></si>'.repeat(1_001)}</sst>`;
    const file = makeXlsx(sheetXml([['x']]), { extra: [{ name: 'xl/sharedStrings.xml', content: strings }] });
    expect((await bound(file)).bound).toBe('strings');
  });

  it('When another part (styles, drawings) holds hundreds of thousands of elements, then FILE_TOO_COMPLEX (elements)', async () => {
    const styles = `<styleSheet><cellXfs>${'<xf numFmtId="0"/>'.repeat(60_000)}</cellXfs></styleSheet>`;
    const file = makeXlsx(sheetXml([['x']]), { extra: [{ name: 'xl/styles.xml', content: styles }] });
    expect((await bound(file)).bound).toBe('elements');
  });

  it('When the time budget runs out during the census, then FILE_TOO_COMPLEX (time)', async () => {
    let now = 0;
    const clock = () => (now += 1_000); // every check is a second later
    const error = await refusal(() => guardXlsx(makeXlsx(sheetXml([['x']])), { limits, deadline: deadlineIn(2_500, clock) }));
    expect({ code: error.code, details: error.details }).toEqual({ code: 'FILE_TOO_COMPLEX', details: { bound: 'time', limit: 2_500 } });
  });

  it('When a real workbook is guarded, then it passes with room to spare, and the event loop keeps turning while a large sheet is counted', async () => {
    const rows = Array.from({ length: 900 }, (_, r) => Array.from({ length: 10 }, (_, c) => `r${r}c${c}`));
    await expect(guardXlsx(makeXlsx(sheetXml(rows)), { limits })).resolves.toBeDefined();
    // 1,000,000 cells in one 11 MB sheet, counted with no bound: timers must still fire meanwhile.
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const big = blankCellsXlsx({ cells: 1_000_000 });
    await guardXlsx(big, { limits: { ...limits, maxCells: Infinity, maxRows: Infinity, maxElements: Infinity, zip: { ...defaultZipLimits, ratioFloorBytes: Infinity } } });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });
});
