import { Workbook } from 'exceljs';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, importColumns } from '@assess/shared';
import { AppError } from '../../lib/errors';
import { IMPORT_XLSX_LIMITS, parseEnterpriseFile } from './enterpriseFile';
import { encodeGb18030 } from './testing/gb18030';
import { blankCellsXlsx, makeXlsx, makeZip, sheetXml } from './testing/zip';

const HEADERS = importColumns.map(([chinese]) => chinese);
const USCC = '91440300MA5FXXXX1A';

function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');
}

async function xlsxOf(rows: unknown[][], setup?: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new Workbook();
  setup?.(workbook);
  const sheet = workbook.addWorksheet('企业名单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('parseEnterpriseFile — CSV', () => {
  it('When a UTF-8 CSV with BOM uses the Chinese headers, then fields are mapped and rows keep the numbers the user sees', async () => {
    const text = ['\uFEFF' + csvLine(['统一社会信用代码', '企业名称', '地区', '地市', '参加类型']), csvLine([USCC, '深圳市某某科技有限公司', '深圳', '', '申报优势']), '', csvLine(['91110000100000000X', '北京“引号”公司, 分号', '北京市', '', '考核'])].join('\r\n');
    const { rows } = await parseEnterpriseFile(Buffer.from(text, 'utf8'), 'csv');
    expect(rows).toEqual([
      { row: 2, data: { uscc: USCC, name: '深圳市某某科技有限公司', region: '深圳', city: '', track: '申报优势' } },
      { row: 4, data: { uscc: '91110000100000000X', name: '北京“引号”公司, 分号', region: '北京市', city: '', track: '考核' } },
    ]);
  });

  it('When Excel saved the CSV in GBK (Chinese Windows), then it is decoded as GB18030', async () => {
    const text = [csvLine(HEADERS.slice(0, 6)), csvLine([USCC, '广州市测试有限公司', '广东省', '广州市', '申报示范', '优势企业'])].join('\r\n');
    const bytes = encodeGb18030(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { rows } = await parseEnterpriseFile(bytes, 'csv');
    expect(rows[0]?.data).toMatchObject({ name: '广州市测试有限公司', region: '广东省', city: '广州市', track: '申报示范', titleHeld: '优势企业' });
  });

  it('When the headers are the English field names, spaced or marked required, then they map too and unknown columns are reported', async () => {
    const text = ['uscc, Name ,*地区（必填）,track,备注', `${USCC},甲公司,广东,考核,随便写`].join('\n');
    const file = await parseEnterpriseFile(Buffer.from(text), 'csv');
    expect(file.rows[0]?.data).toEqual({ uscc: USCC, name: '甲公司', region: '广东', track: '考核' });
    expect(file.ignoredColumns).toEqual(['备注']);
  });

  it('When a quote is never closed, then FILE_INVALID says so in Chinese', async () => {
    const text = [csvLine(HEADERS.slice(0, 5)), `${USCC},"没有闭合的引号,广东,,考核`].join('\n');
    const error = await refusal(parseEnterpriseFile(Buffer.from(text), 'csv'));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toMatch(/引号/);
  });

  it('When a required column is missing, then FILE_INVALID names it', async () => {
    const text = ['统一社会信用代码,企业名称,地区', `${USCC},甲公司,广东`].join('\n');
    const error = await refusal(parseEnterpriseFile(Buffer.from(text), 'csv'));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toContain('参加类型');
  });

  it('When a column appears twice, then FILE_INVALID', async () => {
    const error = await refusal(parseEnterpriseFile(Buffer.from('uscc,统一社会信用代码,企业名称,地区,参加类型\n1,2,3,4,5'), 'csv'));
    expect(error.message).toContain('两次');
  });

  it('When the first line is not our header, then FILE_INVALID asks for the template', async () => {
    const error = await refusal(parseEnterpriseFile(Buffer.from('a,b,c\n1,2,3'), 'csv'));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toContain('模板');
  });

  it('When the file is binary, then FILE_INVALID', async () => {
    const error = await refusal(parseEnterpriseFile(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]), 'csv'));
    expect(error.code).toBe('FILE_INVALID');
  });

  it(`When there are ${MAX_IMPORT_ROWS + 1} data rows, then TOO_MANY_ROWS with the count`, async () => {
    const line = `${USCC},甲公司,广东,考核\n`;
    const text = `统一社会信用代码,企业名称,地区,参加类型\n${line.repeat(MAX_IMPORT_ROWS + 1)}\n\n`;
    const error = await refusal(parseEnterpriseFile(Buffer.from(text), 'csv'));
    expect(error.code).toBe('TOO_MANY_ROWS');
    expect(error.details).toEqual({ rows: MAX_IMPORT_ROWS + 1, maxRows: MAX_IMPORT_ROWS });
  });

  it(`When there are exactly ${MAX_IMPORT_ROWS} data rows, then all are returned`, async () => {
    const text = `统一社会信用代码,企业名称,地区,参加类型\n${`${USCC},甲公司,广东,考核\n`.repeat(MAX_IMPORT_ROWS)}`;
    const { rows } = await parseEnterpriseFile(Buffer.from(text), 'csv');
    expect(rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(rows.at(-1)?.row).toBe(MAX_IMPORT_ROWS + 1);
  });

  it('When the upload is over 20 MB, then FILE_TOO_LARGE before anything is read', async () => {
    const error = await refusal(parseEnterpriseFile(Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61), 'csv'));
    expect(error.code).toBe('FILE_TOO_LARGE');
  });
});

describe('parseEnterpriseFile — XLSX', () => {
  it('When Excel typed cells as numbers, links, booleans and rich text, then every value arrives as text', async () => {
    const bytes = await xlsxOf([
      HEADERS,
      [USCC, { richText: [{ text: '深圳' }, { text: '某某公司', font: { bold: true } }] }, '广东省', '深圳市', '申报优势', '无', true, false, '否', '张三', 13800138000, { text: 'zs@example.com', hyperlink: 'mailto:zs@example.com' }, '', 2.5, '', 2019],
    ]);
    const { rows } = await parseEnterpriseFile(bytes, 'xlsx');
    expect(rows).toEqual([
      {
        row: 2,
        data: {
          uscc: USCC,
          name: '深圳某某公司',
          region: '广东省',
          city: '深圳市',
          track: '申报优势',
          titleHeld: '无',
          specialized: '是',
          littleGiant: '否',
          centralSoe: '否',
          contact1Name: '张三',
          contact1Phone: '13800138000',
          contact1Email: 'zs@example.com',
          contact2Name: '',
          contact2Phone: '2.5',
          contact2Email: '',
          grantedYear: '2019',
        },
      },
    ]);
  });

  it('When a note sheet comes first and blank rows sit between data, then the header sheet is read and row numbers match Excel', async () => {
    const bytes = await xlsxOf([HEADERS.slice(0, 5), [USCC, '甲', '广东', '', '考核'], [], [], ['91110000100000000X', '乙', '北京', '', '复核']], (workbook) => {
      workbook.addWorksheet('填写说明').addRow(['请按模板填写']);
    });
    const { rows } = await parseEnterpriseFile(bytes, 'xlsx');
    expect(rows.map((row) => [row.row, row.data.name])).toEqual([
      [2, '甲'],
      [5, '乙'],
    ]);
  });

  it('When the sheet has 100,000 rows, then TOO_MANY_ROWS with the count, from the raw XML before exceljs parses it', async () => {
    const rows: string[][] = [['统一社会信用代码', '企业名称', '地区', '参加类型']];
    for (let index = 0; index < 100_000; index += 1) rows.push([USCC, `企业${index}`]);
    const error = await refusal(parseEnterpriseFile(makeXlsx(sheetXml(rows)), 'xlsx'));
    expect(error.code).toBe('TOO_MANY_ROWS');
    expect(error.details).toEqual({ rows: 100_000, maxRows: MAX_IMPORT_ROWS });
  });

  it('When the sheet XML declares 150 MB (a zip bomb), then FILE_INVALID without inflating it', async () => {
    const bomb = makeXlsx(Buffer.alloc(1024), { declaredSize: 150 * 1024 * 1024 });
    const error = await refusal(parseEnterpriseFile(bomb, 'xlsx'));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toMatch(/过大/);
  });

  it('When the sheet XML compresses a thousandfold (a zip bomb), then FILE_INVALID names the ratio', async () => {
    const bomb = makeXlsx(Buffer.alloc(60 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const error = await refusal(parseEnterpriseFile(bomb, 'xlsx'));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toMatch(/压缩炸弹/);
  });

  it('When the zip lies about the inflated size, then inflation stops at the declared size and FILE_INVALID', async () => {
    const liar = makeXlsx(Buffer.alloc(30 * 1024 * 1024, 0x20), { declaredSize: 1024 });
    const error = await refusal(parseEnterpriseFile(liar, 'xlsx'));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toMatch(/压缩炸弹/);
  });

  it.each([
    ['random bytes', Buffer.from('just some text, not a workbook')],
    ['a legacy .xls (OLE) file', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)])],
    ['a zip without a workbook', makeZip([{ name: 'word/document.xml', content: '<w/>' }])],
    ['a zip header with nothing after it', Buffer.from('504b0304000000000000', 'hex')],
    ['broken sheet XML', makeXlsx('<worksheet><sheetData><row><c><v>1</c></row>')],
  ])('When the upload is %s, then FILE_INVALID with a Chinese reason', async (_name, bytes) => {
    const error = await refusal(parseEnterpriseFile(bytes, 'xlsx'));
    expect(error.code).toBe('FILE_INVALID');
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('When a 350 KB workbook holds 3,000,000 value-less cells (issue 13: 8 s to stream before, then a useless answer), then FILE_TOO_COMPLEX from the census', async () => {
    const hostile = blankCellsXlsx({ cells: 3_000_000, sheets: 6 });
    const error = await parseEnterpriseFile(hostile, 'xlsx').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_TOO_COMPLEX', details: { bound: 'cells', limit: IMPORT_XLSX_LIMITS.maxCells } });
  });

  it('When the time budget runs out (in the census or while the rows stream), then FILE_TOO_COMPLEX (time)', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => [`91440300MA${String(i).padStart(8, '0')}`, `企业${i}`, '广东省']);
    const file = makeXlsx(sheetXml([['统一社会信用代码', '企业名称', '地区'], ...rows]));
    // A budget the census fits in (it reads ~300 KB) but 3,000 rows through exceljs do not.
    const error = await parseEnterpriseFile(file, 'xlsx', { ...IMPORT_XLSX_LIMITS, timeMs: 5 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_TOO_COMPLEX', details: { bound: 'time', limit: 5 } });
  });

  it('When a real workbook is truncated, then FILE_INVALID', async () => {
    const bytes = await xlsxOf([HEADERS, [USCC, '甲', '广东', '', '考核']]);
    const error = await refusal(parseEnterpriseFile(bytes.subarray(0, Math.floor(bytes.length * 0.7)), 'xlsx'));
    expect(error.code).toBe('FILE_INVALID');
  });
});

describe('parseEnterpriseFile — JSON', () => {
  it('When rows use field names or Chinese keys, then they map, numbers become text, unknown keys are dropped, row = index + 1', async () => {
    const json = JSON.stringify([
      { uscc: USCC, 企业名称: '甲公司', region: '广东', track: 'assessment', contact1Phone: 13800138000, specialized: true, extra: 1 },
      { uscc: '91110000100000000X', name: '乙公司', region: null },
    ]);
    const withProto = json.replace('"extra":1', '"extra":1,"__proto__":{"polluted":true},"$where":"1"');
    const file = await parseEnterpriseFile(Buffer.from(withProto), 'json');
    expect(file.rows).toEqual([
      { row: 1, data: { uscc: USCC, name: '甲公司', region: '广东', track: 'assessment', contact1Phone: '13800138000', specialized: true } },
      { row: 2, data: { uscc: '91110000100000000X', name: '乙公司' } },
    ]);
    expect(file.ignoredColumns).toEqual(expect.arrayContaining(['extra', '__proto__', '$where']));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('When the body is { rows: [...] }, then the rows are read', async () => {
    const { rows } = await parseEnterpriseFile(Buffer.from(JSON.stringify({ rows: [{ uscc: USCC }] })), 'json');
    expect(rows).toEqual([{ row: 1, data: { uscc: USCC } }]);
  });

  it.each([
    ['not JSON', '{"uscc": '],
    ['not an array', '{"uscc": "x"}'],
    ['an array of strings', '["x"]'],
  ])('When the JSON is %s, then FILE_INVALID', async (_name, text) => {
    const error = await refusal(parseEnterpriseFile(Buffer.from(text), 'json'));
    expect(error.code).toBe('FILE_INVALID');
  });

  it('When the array has too many rows, then TOO_MANY_ROWS before any row is mapped', async () => {
    const error = await refusal(parseEnterpriseFile(Buffer.from(`[${Array(MAX_IMPORT_ROWS + 5).fill('1').join(',')}]`), 'json'));
    expect(error.details).toEqual({ rows: MAX_IMPORT_ROWS + 5, maxRows: MAX_IMPORT_ROWS });
  });
});
