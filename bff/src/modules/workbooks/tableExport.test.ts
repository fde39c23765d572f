import { Workbook } from 'exceljs';
import { buildTableExport } from './tableExport';

async function firstSheet(bytes: Buffer) {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

const columns = [
  { header: '企业名称', key: 'name', width: 30 },
  { header: '得分', key: 'score', format: 'number' as const },
  { header: '完成率', key: 'rate', format: 'percent' as const },
  { header: '提交时间', key: 'submittedAt', format: 'datetime' as const },
];

describe('buildTableExport', () => {
  it('When notes are given (scores hidden during the window), then a 说明 sheet says them after the table, which keeps only its rows', async () => {
    const bytes = await buildTableExport({ sheetName: '企业测评情况', columns, rows: [{ name: '甲公司', score: '系统关闭后显示' }], notes: ['测评期间不显示成绩'] });
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['企业测评情况', '说明']);
    expect(workbook.worksheets[0]!.rowCount).toBe(2);
    expect(workbook.worksheets[0]!.getCell('B2').value).toBe('系统关闭后显示');
    expect(workbook.worksheets[1]!.getCell('A2').value).toBe('测评期间不显示成绩');
  });

  it('When exported, then headers are Chinese, the header row frozen and filterable, values typed', async () => {
    const sheet = await firstSheet(
      await buildTableExport({
        sheetName: '企业进度/广东',
        columns,
        rows: [{ name: '甲公司', score: 87.5, rate: 0.85, submittedAt: new Date('2024-06-30T15:59:59.000Z') }],
      }),
    );
    expect(sheet.name).toBe('企业进度 广东');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['企业名称', '得分', '完成率', '提交时间（北京时间）']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeDefined();
    expect(sheet.getCell('B2').value).toBe(87.5);
    expect(sheet.getCell('C2').value).toBe(0.85);
    expect(sheet.getCell('C2').numFmt).toBe('0.0%');
  });

  it('When a time is exported, then the cell shows Beijing wall-clock time (UTC+8)', async () => {
    const sheet = await firstSheet(
      await buildTableExport({ sheetName: 's', columns, rows: [{ submittedAt: '2024-06-30T15:59:59.000Z' }, { submittedAt: new Date('2024-06-30T16:00:00Z') }] }),
    );
    // exceljs reads Excel's zone-less serial back as UTC: the wall clock printed in the cell.
    expect((sheet.getCell('D2').value as Date).toISOString()).toBe('2024-06-30T23:59:59.000Z');
    expect((sheet.getCell('D3').value as Date).toISOString()).toBe('2024-07-01T00:00:00.000Z');
    expect(sheet.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
  });

  it('When a string starts like a formula, in any column, then it is neutralised; numbers stay numbers', async () => {
    const sheet = await firstSheet(
      await buildTableExport({ sheetName: 's', columns, rows: [{ name: '=1+1', score: '@evil', rate: -0.1, submittedAt: 'not a date' }] }),
    );
    expect(sheet.getCell('A2').value).toBe("'=1+1");
    expect(sheet.getCell('B2').value).toBe("'@evil");
    expect(sheet.getCell('C2').value).toBe(-0.1);
    expect(sheet.getCell('D2').value).toBe('not a date');
    expect(sheet.getCell('A2').type).not.toBe(6); // ValueType.Formula
  });

  it('When values are missing, booleans or numbers in a text column, then they are empty, 是/否, and plain digits', async () => {
    const sheet = await firstSheet(
      await buildTableExport({ sheetName: 's', columns: [{ header: 'a', key: 'a' }, { header: 'b', key: 'b' }, { header: 'c', key: 'c' }], rows: [{ a: null, b: true, c: 13800138000 }] }),
    );
    expect(sheet.getCell('A2').value).toBeNull();
    expect(sheet.getCell('B2').value).toBe('是');
    expect(sheet.getCell('C2').value).toBe('13800138000');
  });
});
