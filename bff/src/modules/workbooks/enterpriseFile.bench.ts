/**
 * Measures parseEnterpriseFile on 10,000 and 50,000 rows (XLSX and CSV), the sizes issue 5
 * names. Run: `npx tsx bff/src/modules/workbooks/enterpriseFile.bench.ts`.
 */
import { Workbook } from 'exceljs';
import { importColumns } from '@assess/shared';
import { parseEnterpriseFile } from './enterpriseFile';

function row(index: number): string[] {
  const serial = String(index).padStart(8, '0');
  return [`91440300MA${serial}`, `深圳市测试科技有限公司${index}`, '广东省', '广州市', '申报优势', '无', '是', '否', '否', '张三', String(13800000000 + index), `a${index}@example.com`, '李四', '020-12345678', 'b@example.com'];
}

async function xlsx(rows: number): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('企业名单');
  sheet.addRow(importColumns.map(([chinese]) => chinese));
  for (let index = 0; index < rows; index += 1) {
    const cells: unknown[] = row(index);
    cells[10] = 13800000000 + index; // Excel typed the phone as a number
    sheet.addRow(cells);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(rows: number): Buffer {
  const lines = [importColumns.map(([chinese]) => chinese).join(',')];
  for (let index = 0; index < rows; index += 1) lines.push(row(index).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}`);
}

async function time(label: string, bytes: Buffer, kind: 'xlsx' | 'csv'): Promise<void> {
  const started = performance.now();
  const { rows } = await parseEnterpriseFile(bytes, kind);
  const ms = performance.now() - started;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`${label}: ${rows.length} rows, ${(bytes.length / 1048576).toFixed(1)} MB, ${ms.toFixed(0)} ms (process peak RSS so far ${peakMb.toFixed(0)} MB)`);
}

async function main(): Promise<void> {
  for (const rows of [10_000, 50_000]) {
    await time(`XLSX ${rows}`, await xlsx(rows), 'xlsx');
    await time(`CSV  ${rows}`, csv(rows), 'csv');
  }
}

void main();
