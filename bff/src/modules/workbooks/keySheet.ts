import { Workbook, type Worksheet } from 'exceljs';
import { safeCell } from './safeCell';
import { HEADER_FILL, THIN_BORDER, beijingText } from './sheetKit';
import type {} from '../../lib/exceljsTypes';

export interface KeySheetRow {
  uscc: string;
  name: string;
  city: string;
  /** The new key, shown this once; null when a key was issued earlier (only its hash is kept). */
  key: string | null;
  loginUrl: string;
  /** The enterprise's QR code (PNG), printed beside its row when given. */
  qrPng?: Buffer;
}

export interface KeySheetInput {
  campaignName: string;
  regionName: string;
  rows: readonly KeySheetRow[];
  /** When the sheet was made (defaults to now); printed in Beijing time. */
  issuedAt?: Date;
}

/** What a row says when its key was issued before: keys are stored as hashes and cannot be shown again. */
export const KEY_ALREADY_ISSUED = '已发放（如需重新发放请重置密钥）';

const HEADERS = ['序号', '统一社会信用代码', '企业名称', '地市', '密钥', '登录链接'] as const;
const WIDTHS = [6, 22, 30, 10, 20, 34];
const HEADER_ROW = 3;
const QR_PIXELS = 96;

function addTitle(sheet: Worksheet, input: KeySheetInput, lastColumn: number): void {
  sheet.mergeCells(1, 1, 1, lastColumn);
  const title = sheet.getCell(1, 1);
  title.value = safeCell(`${input.campaignName} · ${input.regionName} · 企业测评密钥表`);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(2, 1, 2, lastColumn);
  const notice = sheet.getCell(2, 1);
  notice.value = safeCell(
    `生成时间：${beijingText(input.issuedAt ?? new Date())}（北京时间）。密钥只显示这一次，请逐一、保密地发放给企业；企业扫码或打开登录链接后输入密钥即可开始测评。`,
  );
  notice.font = { size: 10, color: { argb: 'FFC00000' } };
  notice.alignment = { wrapText: true, vertical: 'middle' };
  sheet.getRow(2).height = 32;
}

function addHeader(sheet: Worksheet, withQr: boolean): void {
  const header = sheet.getRow(HEADER_ROW);
  [...HEADERS, ...(withQr ? ['二维码'] : [])].forEach((label, index) => {
    const cell = header.getCell(index + 1);
    cell.value = safeCell(label);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  header.height = 20;
}

function addRow(workbook: Workbook, sheet: Worksheet, row: KeySheetRow, index: number, withQr: boolean): void {
  const rowNumber = HEADER_ROW + 1 + index;
  const line = sheet.getRow(rowNumber);
  const values = [index + 1, safeCell(row.uscc), safeCell(row.name), safeCell(row.city), safeCell(row.key ?? KEY_ALREADY_ISSUED), safeCell(row.loginUrl)];
  values.forEach((value, column) => {
    const cell = line.getCell(column + 1);
    cell.value = value;
    cell.border = THIN_BORDER;
    cell.alignment = { vertical: 'middle', wrapText: column !== 4 || row.key === null };
  });
  const keyCell = line.getCell(5);
  // A monospace face tells 0/O and 1/l apart even in an alphabet without look-alikes.
  keyCell.font = row.key === null ? { size: 9, color: { argb: 'FF808080' } } : { name: 'Consolas', size: 16, bold: true };
  line.getCell(6).font = { size: 9 };
  if (withQr) {
    line.getCell(7).border = THIN_BORDER;
    if (row.qrPng) {
      const image = workbook.addImage({ buffer: row.qrPng, extension: 'png' });
      // Anchors are 0-based: column 6 is G. The small offset keeps the image inside the borders.
      sheet.addImage(image, { tl: { col: 6.1, row: rowNumber - 1 + 0.05 }, ext: { width: QR_PIXELS, height: QR_PIXELS } });
    }
  }
  line.height = withQr ? 78 : 36;
}

/**
 * A printable key sheet for one region: A4 portrait fitted to the page width, title and notice,
 * the header row (序号/统一社会信用代码/企业名称/地市/密钥/登录链接) repeated on every printed
 * page, the key in a large monospace font, `KEY_ALREADY_ISSUED` where the key cannot be shown
 * again, and each enterprise's QR code when `qrPng` is given. Every text passes `safeCell`.
 *
 *     ctx.body = await buildKeySheet({ campaignName, regionName, rows });
 */
export async function buildKeySheet(input: KeySheetInput): Promise<Buffer> {
  const withQr = input.rows.some((row) => row.qrPng !== undefined);
  const lastColumn = HEADERS.length + (withQr ? 1 : 0);
  const workbook = new Workbook();
  workbook.creator = '创新管理与知识产权国际标准测评';
  const sheet = workbook.addWorksheet('密钥表', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  [...WIDTHS, ...(withQr ? [15] : [])].forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  addTitle(sheet, input, lastColumn);
  addHeader(sheet, withQr);
  input.rows.forEach((row, index) => addRow(workbook, sheet, row, index, withQr));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
