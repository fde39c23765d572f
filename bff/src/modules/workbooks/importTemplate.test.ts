import { Workbook } from 'exceljs';
import { importColumns, MAX_IMPORT_ROWS, validateUscc } from '@assess/shared';
import { parseEnterpriseFile } from './enterpriseFile';
import { buildImportTemplate } from './importTemplate';
import { inspectZip } from './zipGuard';

async function sheetXmlOf(bytes: Buffer, path = 'xl/worksheets/sheet1.xml'): Promise<string> {
  const xml = (await inspectZip(bytes, undefined, { keep: (name) => name === path })).kept.get(path)?.toString('utf8') ?? '';
  return xml.replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

describe('buildImportTemplate', () => {
  it('When built, then the first sheet has the Chinese headers in order, frozen, and one example row', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load(await buildImportTemplate());
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('企业名单');
    const header = sheet?.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual(importColumns.map(([chinese]) => chinese));
    expect(sheet?.actualRowCount).toBe(2);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getCell('A1').note).toBeDefined();
  });

  it('When built, then 参加类型, 现有称号 and the 是/否 columns carry dropdown lists over every importable row', async () => {
    const xml = await sheetXmlOf(await buildImportTemplate());
    const lists = [...xml.matchAll(/<dataValidation type="list"[^>]*sqref="([A-Z]+)2:\1(\d+)"[^>]*><formula1>([^<]*)<\/formula1>/g)].map((m) => [m[1], Number(m[2]), m[3]]);
    const last = MAX_IMPORT_ROWS + 1;
    expect(lists).toEqual(
      expect.arrayContaining([
        ['E', last, '"申报优势,申报示范,考核,复核"'],
        ['F', last, '"无,优势企业,示范企业"'],
        ['G', last, '"是,否"'],
        ['H', last, '"是,否"'],
        ['I', last, '"是,否"'],
      ]),
    );
    expect(lists).toHaveLength(5);
  });

  it('When a user fills a row in the template, then the import reads it (and the example row, which validation will refuse)', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load(await buildImportTemplate());
    const sheet = workbook.getWorksheet('企业名单');
    // exceljs expands each validation range into 50,000 per-cell entries on load and is slow to
    // write them back; Excel keeps them as ranges. They play no part in reading, so drop them.
    if (sheet) sheet.dataValidations.model = {};
    sheet?.addRow(['91110000100000000X', '北京某某公司', '北京市', '', '考核', '优势企业', '否', '否', '是', '李四', '010-12345678']);
    const { rows } = await parseEnterpriseFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(rows.map((row) => row.row)).toEqual([2, 3]);
    expect(rows[0]?.data.name).toMatch(/^（示例/);
    // The example's code fails the check character, so a forgotten example row is never imported.
    expect(validateUscc(String(rows[0]?.data.uscc)).ok).toBe(false);
    expect(rows[1]?.data).toMatchObject({ uscc: '91110000100000000X', track: '考核', titleHeld: '优势企业', centralSoe: '是', contact1Phone: '010-12345678' });
  });
});
