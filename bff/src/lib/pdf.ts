import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Printable A4 documents in Chinese, made on the server (pdfkit; no browser): a title block,
 * sections of paragraphs and tables, and on every page a running head and a foot line (page
 * numbers, and whatever the document must carry on each sheet — a document number, a digest).
 *
 * The font is Noto Sans Hans (SIL Open Font License 1.1) from the `@embedpdf/fonts-sc` package:
 * whole OpenType/CFF files (~8 MB per weight) with the characters outside GB2312 that enterprise
 * names use (喆, 堃, 镕). pdfkit embeds only the glyphs a document uses (a subset), so a package of
 * 2,500 enterprises is a few hundred KB, and writes a ToUnicode map, so the text can be searched and
 * extracted.
 */

export interface PdfColumn {
  header: string;
  /** Share of the text width (the shares are normalised). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface PdfTable {
  columns: readonly PdfColumn[];
  rows: ReadonlyArray<readonly string[]>;
  /** Shown instead of an empty table. */
  empty?: string;
}

export interface PdfSection {
  heading: string;
  paragraphs?: readonly string[];
  table?: PdfTable;
  /** Notes under the table. */
  notes?: readonly string[];
}

export interface PdfSpec {
  title: string;
  /** Lines under the title (region, campaign, document number…). */
  meta: readonly string[];
  sections: readonly PdfSection[];
  /** The running head of every page. */
  head: string;
  /** The foot lines of page `page` of `pages` (1-based). */
  foot(page: number, pages: number): readonly string[];
  /** Fixed document metadata: the same input always makes the same file. */
  info: { title: string; author: string; createdAt: Date };
  /** A closing block (signature and seal lines). */
  closing?: readonly string[];
}

const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Medium.otf' } as const;
let fontCache: { regular: Buffer; bold: Buffer } | null = null;

/** The font files, read once per process (the package's exports map hides them: found beside its entry). */
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    fontCache = { regular: fs.readFileSync(path.join(dir, FONT_FILES.regular)), bold: fs.readFileSync(path.join(dir, FONT_FILES.bold)) };
  }
  return fontCache;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 56, left: 48, right: 48 };
const CELL_PAD = 3;
const BODY_SIZE = 8.5;
const LINE_GAP = 1;

/** Renders the document to bytes. */
export function renderPdf(spec: PdfSpec): Promise<Buffer> {
  const { regular, bold } = fonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: spec.info.title, Author: spec.info.author, Creator: 'ISO 56005/56002 测评系统', Producer: 'pdfkit', CreationDate: spec.info.createdAt, ModDate: spec.info.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const width = A4.width - MARGIN.left - MARGIN.right;
  const bottom = A4.height - MARGIN.bottom;

  doc.font('bold').fontSize(16).text(spec.title, MARGIN.left, MARGIN.top, { width, align: 'center' });
  doc.moveDown(0.4);
  doc.font('body').fontSize(9.5);
  for (const line of spec.meta) doc.text(line, { width, align: 'center' });
  doc.moveDown(0.8);

  for (const section of spec.sections) {
    if (doc.y > bottom - 60) doc.addPage();
    doc.font('bold').fontSize(12).text(section.heading, MARGIN.left, doc.y, { width });
    doc.moveDown(0.3);
    doc.font('body').fontSize(9.5);
    for (const paragraph of section.paragraphs ?? []) {
      doc.text(paragraph, MARGIN.left, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.3);
    }
    if (section.table) drawTable(doc, section.table, width, bottom);
    if (section.notes?.length) {
      doc.moveDown(0.3);
      doc.font('body').fontSize(8);
      for (const note of section.notes) doc.text(note, MARGIN.left, doc.y, { width });
    }
    doc.moveDown(0.8);
  }
  if (spec.closing) {
    if (doc.y > bottom - 90) doc.addPage();
    doc.moveDown(1.5);
    doc.font('body').fontSize(10.5);
    for (const line of spec.closing) doc.text(line, MARGIN.left, doc.y, { width, align: 'right' });
  }

  // Head and foot of every page, now that the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing in the margins must not start a new page.
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: margins.left, right: margins.right };
    doc.font('body').fontSize(7.5).fillColor('#555555');
    doc.text(spec.head, MARGIN.left, 30, { width, align: 'left', lineBreak: false });
    spec.foot(i + 1, range.count).forEach((line, n) => doc.text(line, MARGIN.left, A4.height - 44 + n * 10, { width, align: 'center', lineBreak: false }));
    doc.fillColor('#000000');
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, table: PdfTable, width: number, bottom: number): void {
  if (table.rows.length === 0) {
    doc.font('body').fontSize(9.5).text(table.empty ?? '（无）', MARGIN.left, doc.y, { width });
    return;
  }
  const share = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = table.columns.map((column) => (column.width / share) * width);
  const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const rowHeight = (cells: readonly string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(BODY_SIZE);
    let height = 0;
    cells.forEach((cell, i) => {
      const inner = widths[i]! - 2 * CELL_PAD;
      // Most cells fit on one line: measuring the wrap is only worth it when they do not.
      const h = doc.widthOfString(cell) <= inner ? doc.currentLineHeight(true) : doc.heightOfString(cell, { width: inner, lineGap: LINE_GAP });
      height = Math.max(height, h);
    });
    return height + 2 * CELL_PAD;
  };
  const drawRow = (cells: readonly string[], font: 'body' | 'bold', shade: boolean) => {
    const height = rowHeight(cells, font);
    if (doc.y + height > bottom) {
      doc.addPage();
      doc.y = MARGIN.top;
      if (font === 'body') drawRow(table.columns.map((column) => column.header), 'bold', true);
    }
    const y = doc.y;
    if (shade) doc.rect(MARGIN.left, y, width, height).fill('#eef1f6').fillColor('#000000');
    doc.font(font).fontSize(BODY_SIZE);
    cells.forEach((cell, i) => {
      const inner = widths[i]! - 2 * CELL_PAD;
      const oneLine = doc.widthOfString(cell) <= inner;
      doc.text(cell, xs[i]! + CELL_PAD, y + CELL_PAD, { width: inner, align: table.columns[i]!.align ?? 'left', lineBreak: !oneLine, lineGap: LINE_GAP });
    });
    doc.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + width, y + height).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.y = y + height;
  };
  drawRow(table.columns.map((column) => column.header), 'bold', true);
  for (const row of table.rows) drawRow(row, 'body', false);
}
