// Extracts the text of a PDF, page by page, with pdfjs-dist (run as a child process: pdfjs is an
// ES module, and jest runs the tests as CommonJS). Usage: node pdfText.mjs <file.pdf> → JSON on stdout.
import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
const meta = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages, info: meta.info }));
