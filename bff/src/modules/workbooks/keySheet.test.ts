import { Workbook } from 'exceljs';
import QRCode from 'qrcode';
import { buildKeySheet, KEY_ALREADY_ISSUED } from './keySheet';
import { inspectZip } from './zipGuard';

const rows = [
  { uscc: '91440300MA5FXXXX1A', name: '深圳市某某科技有限公司', city: '深圳市', key: 'K7QP2M9XWT4H', loginUrl: 'https://a.cn/pages/entry/index?scene=s1' },
  { uscc: '91110000100000000X', name: '=HYPERLINK("http://evil.example","点我领奖")', city: '-', key: null, loginUrl: 'https://a.cn/pages/entry/index?scene=s2' },
];

async function load(bytes: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes);
  return workbook;
}

describe('buildKeySheet', () => {
  it('When built, then it prints on A4 portrait with the header row repeated on every page', async () => {
    const bytes = await buildKeySheet({ campaignName: '2024 年测评', regionName: '广东省', rows });
    const sheet = (await load(bytes)).worksheets[0];
    expect(sheet?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const workbookXml = (await inspectZip(bytes, undefined, { keep: (name) => name === 'xl/workbook.xml' })).kept.get('xl/workbook.xml')?.toString('utf8').replace(/&apos;/g, "'");
    expect(workbookXml).toMatch(/<definedName name="_xlnm.Print_Titles"[^>]*>'?密钥表'?!\$3:\$3<\/definedName>/);
  });

  it('When built, then rows show 序号/统一社会信用代码/企业名称/地市/密钥/登录链接 with the key large and monospace', async () => {
    const sheet = (await load(await buildKeySheet({ campaignName: '2024 年测评', regionName: '广东省', rows }))).worksheets[0];
    expect((sheet?.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '统一社会信用代码', '企业名称', '地市', '密钥', '登录链接']);
    expect((sheet?.getRow(4).values as unknown[]).slice(1)).toEqual([1, rows[0]?.uscc, rows[0]?.name, '深圳市', 'K7QP2M9XWT4H', rows[0]?.loginUrl]);
    expect(sheet?.getCell('E4').font).toMatchObject({ name: 'Consolas', size: 16 });
  });

  it('When a key was issued before (null), then the row says so instead of a key', async () => {
    const sheet = (await load(await buildKeySheet({ campaignName: 'c', regionName: 'r', rows }))).worksheets[0];
    expect(sheet?.getCell('E5').value).toBe(KEY_ALREADY_ISSUED);
  });

  it('When a name or city looks like a formula, then it is written as quoted text, never as a formula', async () => {
    const bytes = await buildKeySheet({ campaignName: '=cmd', regionName: 'r', rows });
    const sheet = (await load(bytes)).worksheets[0];
    expect(sheet?.getCell('C5').value).toBe(`'${rows[1]?.name}`);
    expect(sheet?.getCell('D5').value).toBe("'-");
    expect(String(sheet?.getCell('A1').value)).toMatch(/^'=cmd/);
    const xml = (await inspectZip(bytes, undefined, { keep: (name) => name.startsWith('xl/worksheets/') })).kept.get('xl/worksheets/sheet1.xml')?.toString('utf8');
    expect(xml).not.toContain('<f>');
  });

  it('When QR codes are given, then each is embedded beside its row', async () => {
    const qrPng = await QRCode.toBuffer('https://a.cn/pages/entry/index?scene=s1', { type: 'png' });
    const withQr = rows.map((row) => ({ ...row, qrPng }));
    const workbook = await load(await buildKeySheet({ campaignName: 'c', regionName: 'r', rows: withQr }));
    const sheet = workbook.worksheets[0];
    expect(sheet?.getCell('G3').value).toBe('二维码');
    const images = sheet?.getImages() ?? [];
    expect(images).toHaveLength(2);
    expect(images.map((image) => Math.floor(image.range.tl.nativeRow))).toEqual([3, 4]);
  });
});
