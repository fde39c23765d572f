import { AppError } from '../../lib/errors';
import { censusOf } from './xlsxReader';
import { defaultZipLimits, inspectZip } from './zipGuard';
import { makeXlsx, makeZip, sheetXml } from './testing/zip';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('inspectZip', () => {
  it('When a zip is well formed, then its entries are listed and kept entries returned inflated', () => {
    const zip = makeZip([
      { name: 'a.xml', content: '<a/>' },
      { name: 'b.xml', content: 'b'.repeat(1000) },
    ]);
    const { entries, kept } = inspectZip(zip, undefined, (name) => name === 'b.xml');
    expect(entries).toEqual([expect.objectContaining({ name: 'a.xml', size: 4 }), expect.objectContaining({ name: 'b.xml', size: 1000 })]);
    expect(kept.get('b.xml')?.toString()).toBe('b'.repeat(1000));
  });

  it('When entries use data descriptors (as Excel writes them), then the zip is accepted', () => {
    const zip = makeZip([
      { name: 'a.xml', content: '<a/>', descriptor: true },
      { name: 'b.xml', content: '<b/>', descriptor: true, store: true },
    ]);
    expect(inspectZip(zip).entries).toHaveLength(2);
  });

  it('When a local entry hides between listed ones (streaming readers would inflate it), then FILE_INVALID', () => {
    const zip = makeZip([
      { name: 'a.xml', content: '<a/>' },
      { name: 'hidden.xml', content: Buffer.alloc(1024 * 1024), unlisted: true },
      { name: 'b.xml', content: '<b/>' },
    ]);
    expect(refusal(() => inspectZip(zip)).message).toMatch(/结构异常/);
  });

  it.each([
    ['encrypted', { flags: 0x1 }, /加密/],
    ['compressed with an unsupported method (bzip2)', { method: 12 }, /压缩方式/],
  ])('When an entry is %s, then FILE_INVALID says so', (_name, options, reason) => {
    expect(refusal(() => inspectZip(makeZip([{ name: 'a.xml', content: '<a/>', ...options }]))).message).toMatch(reason);
  });

  it('When a zip lists thousands of entries, then FILE_INVALID', () => {
    const files = Array.from({ length: 2_001 }, (_, index) => ({ name: `f${index}`, content: '', store: true }));
    expect(refusal(() => inspectZip(makeZip(files))).message).toMatch(/文件过多/);
  });

  it('When entries together declare more than the total bound, then FILE_INVALID before inflating', () => {
    const files = Array.from({ length: 3 }, (_, index) => ({ name: `f${index}`, content: 'x', declaredSize: 90 * 1024 * 1024 }));
    const noRatioLimit = { ...defaultZipLimits, maxRatio: Number.POSITIVE_INFINITY };
    expect(refusal(() => inspectZip(makeZip(files), noRatioLimit)).message).toMatch(/总大小/);
  });

  it('When a stored (uncompressed) entry claims a size other than its bytes, then FILE_INVALID', () => {
    expect(refusal(() => inspectZip(makeZip([{ name: 'a', content: 'abc', store: true, declaredSize: 10 }]))).code).toBe('FILE_INVALID');
  });

  it('When the deflate data is garbage, then FILE_INVALID', () => {
    const zip = makeZip([{ name: 'a.xml', content: 'x'.repeat(100) }]);
    zip.fill(0xff, 30 + 'a.xml'.length, 30 + 'a.xml'.length + 4);
    expect(refusal(() => inspectZip(zip)).code).toBe('FILE_INVALID');
  });
});

describe('censusOf', () => {
  it('When counting, then only rows holding a value count, with or without a namespace prefix', () => {
    const xml = `<x:worksheet xmlns:x="urn"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>h</x:t></x:is></x:c></x:row><x:row r="2"/><x:row r="3"><x:c r="A3" s="1"/></x:row><x:row r="4"><x:c r="A4"><x:v>1</x:v></x:c><x:c r="B4"><x:v>2</x:v></x:c></x:row></x:sheetData><x:rowBreaks/></x:worksheet>`;
    expect(censusOf('s', Buffer.from(xml))).toEqual({ path: 's', filledRows: 2, filledCells: 3 });
  });

  it('When a real sheet is counted, then rows match', () => {
    const xml = sheetXml([['a', 'b'], ['c'], [], ['d']]);
    expect(censusOf('s', Buffer.from(xml)).filledRows).toBe(3);
  });

  it('When a hand-made XLSX is inspected, then its worksheet can be kept', () => {
    const { kept } = inspectZip(makeXlsx(sheetXml([['x']])), undefined, (name) => name.startsWith('xl/worksheets/'));
    expect([...kept.keys()]).toEqual(['xl/worksheets/sheet1.xml']);
  });
});
