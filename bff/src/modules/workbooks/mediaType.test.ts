import { Workbook } from 'exceljs';
import { sniffImportMediaType } from './mediaType';

describe('sniffImportMediaType', () => {
  it('When the bytes are a zip (XLSX) or an OLE container (.xls), then xlsx', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('s').addRow(['a']);
    expect(sniffImportMediaType(Buffer.from(await workbook.xlsx.writeBuffer()))).toBe('xlsx');
    expect(sniffImportMediaType(Buffer.from('d0cf11e0a1b11ae1', 'hex'))).toBe('xlsx');
  });

  it.each([
    ['[{"uscc":"1"}]', 'json'],
    ['\uFEFF  {"rows":[]}', 'json'],
    ['统一社会信用代码,企业名称', 'csv'],
    ['', 'csv'],
  ])('When the text is %j, then %s', (text, kind) => {
    expect(sniffImportMediaType(Buffer.from(text))).toBe(kind);
  });
});
