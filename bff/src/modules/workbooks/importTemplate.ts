import { Workbook, type Worksheet } from 'exceljs';
import { MAX_IMPORT_ROWS, importColumns, titleHeldLabels, trackLabels } from '@assess/shared';
import type { ImportField } from './importColumns';
import { safeCell } from './safeCell';
import { HEADER_FILL, THIN_BORDER, addValidation, columnLetter, inlineList } from './sheetKit';

/** The dropdowns offer the shared labels (the import also accepts the codes). */
const TRACK_LABELS = Object.values(trackLabels);
const TITLE_LABELS = Object.values(titleHeldLabels);
const YES_NO = ['是', '否'] as const;

const REQUIRED = new Set<ImportField>(['uscc', 'name', 'region', 'track']);

/** What each column expects, shown as the header cell's note. */
const NOTES: Record<ImportField, string> = {
  uscc: '18 位统一社会信用代码（必填），请以文本格式填写',
  name: '企业全称（必填）',
  region: '所属地区（必填）：省级地区名称或代码，如“广东省”或“440000”；计划单列市直接填城市，如“深圳市”',
  city: '地级以上市名称或代码，如“广州市”；可不填',
  track: '参加类型（必填）：申报优势 / 申报示范 / 考核 / 复核',
  titleHeld: '现有称号：无 / 优势企业 / 示范企业；不填视为“无”',
  grantedYear: '现有称号的认定年份（4 位数字，如 2022）；系统中没有该企业历年记录时，按此核对参加类型（复核、考核、申报示范的年度范围）',
  specialized: '是否专精特新中小企业：是 / 否',
  littleGiant: '是否专精特新“小巨人”企业：是 / 否',
  centralSoe: '是否中央企业一级公司（由地区推荐、不占名额）：是 / 否',
  contact1Name: '联系人 1 姓名',
  contact1Phone: '联系人 1 电话（手机或座机），请以文本格式填写',
  contact1Email: '联系人 1 邮箱',
  contact2Name: '联系人 2 姓名',
  contact2Phone: '联系人 2 电话',
  contact2Email: '联系人 2 邮箱',
};

/**
 * The example row. Its code fails the GB 32100 check character on purpose, so an example left
 * in the file is reported as a bad row instead of being imported as an enterprise.
 */
const EXAMPLE: Record<ImportField, string> = {
  uscc: '91440300MA5EXAMPLE',
  name: '（示例，导入前请删除本行）深圳市某某科技有限公司',
  region: '深圳市',
  city: '',
  track: '申报优势',
  titleHeld: '无',
  grantedYear: '',
  specialized: '是',
  littleGiant: '否',
  centralSoe: '否',
  contact1Name: '张三',
  contact1Phone: '13800138000',
  contact1Email: 'zhangsan@example.com',
  contact2Name: '',
  contact2Phone: '',
  contact2Email: '',
};

const WIDTHS: Partial<Record<ImportField, number>> = { uscc: 24, name: 36, region: 12, city: 12, track: 12, titleHeld: 12, grantedYear: 10, contact1Email: 26, contact2Email: 26 };
const TEXT_COLUMNS = new Set<ImportField>(['uscc', 'contact1Phone', 'contact2Phone']);

function listValidation(sheet: Worksheet, column: string, lastRow: number, items: readonly string[], title: string): void {
  addValidation(sheet, `${column}2:${column}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [inlineList(items)],
    promptTitle: title,
    prompt: `请从下拉列表选择：${items.join(' / ')}`,
    errorTitle: `${title}填写有误`,
    error: `只能填写：${items.join(' / ')}`,
  });
}

function addDataSheet(workbook: Workbook): void {
  const sheet = workbook.addWorksheet('企业名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lastRow = MAX_IMPORT_ROWS + 1;
  sheet.columns = importColumns.map(([chinese, field]) => ({
    header: safeCell(chinese),
    key: field,
    width: WIDTHS[field] ?? 14,
    // Text format keeps Excel from turning codes and phones into numbers (and dropping zeros).
    ...(TEXT_COLUMNS.has(field) ? { style: { numFmt: '@' } } : {}),
  }));
  const header = sheet.getRow(1);
  header.height = 22;
  importColumns.forEach(([, field], index) => {
    const cell = header.getCell(index + 1);
    cell.font = { bold: true, color: { argb: REQUIRED.has(field) ? 'FFC00000' : 'FF000000' } };
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = NOTES[field];
  });
  const example = sheet.addRow(Object.fromEntries(importColumns.map(([, field]) => [field, safeCell(EXAMPLE[field])])));
  example.font = { italic: true, color: { argb: 'FF808080' } };

  const letter = (field: ImportField) => columnLetter(importColumns.findIndex(([, f]) => f === field) + 1);
  listValidation(sheet, letter('track'), lastRow, TRACK_LABELS, '参加类型');
  listValidation(sheet, letter('titleHeld'), lastRow, TITLE_LABELS, '现有称号');
  for (const field of ['specialized', 'littleGiant', 'centralSoe'] as const) listValidation(sheet, letter(field), lastRow, YES_NO, '是/否');
  addValidation(sheet, `${letter('uscc')}2:${letter('uscc')}${lastRow}`, {
    type: 'textLength',
    operator: 'equal',
    allowBlank: true,
    formulae: [18],
    promptTitle: '统一社会信用代码',
    prompt: '18 位，数字与大写字母',
    errorTitle: '统一社会信用代码位数不对',
    error: '统一社会信用代码应为 18 位',
  });
}

function addGuideSheet(workbook: Workbook): void {
  const sheet = workbook.addWorksheet('填写说明');
  sheet.getColumn(1).width = 100;
  const lines = [
    '企业导入模板填写说明',
    '1. 在“企业名单”工作表中每行填写一家经地方知识产权局审核通过的企业；第 1 行为表头，请勿修改。',
    '2. 红色表头为必填列：统一社会信用代码、企业名称、地区、参加类型。',
    '3. 第 2 行为示例，导入前请删除（示例的信用代码无效，保留会被报告为错误行）。',
    '4. 参加类型、现有称号、是/否各列请从下拉列表选择。',
    '   “认定年份”填写现有称号的认定年份：系统按企业历年记录（或此年份）核对参加类型是否符合年度规则（复核、考核、申报示范范围；连续 2 年未参加考核取消复核资格），不符合的行将报告为错误或提示。',
    '5. 同一统一社会信用代码重复导入只会更新该企业信息，不会重复创建。',
    `6. 单个文件最多 ${MAX_IMPORT_ROWS} 行、20 MB；也可另存为 CSV（UTF-8 或 GBK 编码均可）上传。`,
  ];
  lines.forEach((line, index) => {
    const cell = sheet.getCell(index + 1, 1);
    cell.value = safeCell(line);
    cell.alignment = { wrapText: true };
    if (index === 0) cell.font = { bold: true, size: 14 };
  });
}

/**
 * The XLSX template for the enterprise import: the Chinese headers of `importColumns` (required
 * ones in red, each with a note), one example row, dropdown lists for 参加类型, 现有称号 and the
 * 是/否 columns, text format for codes and phones, and a 填写说明 sheet.
 *
 *     ctx.body = await buildImportTemplate();
 */
export async function buildImportTemplate(): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '创新管理与知识产权国际标准测评';
  addDataSheet(workbook);
  addGuideSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
