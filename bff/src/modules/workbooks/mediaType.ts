import type { ImportMediaType } from './enterpriseFile';

/**
 * Tells the upload's format from its first bytes, which browsers get right more often than
 * the Content-Type (Windows reports `.csv` as `application/vnd.ms-excel`): a zip is XLSX, an
 * OLE container is a legacy `.xls` (reported as XLSX so the parser explains how to convert it),
 * `[` or `{` is JSON, anything else is CSV.
 *
 *     const kind = sniffImportMediaType(rawBody);
 */
export function sniffImportMediaType(bytes: Buffer): ImportMediaType {
  if (bytes.length >= 4 && (bytes.readUInt32LE(0) === 0x04034b50 || bytes.readUInt32BE(0) === 0xd0cf11e0)) return 'xlsx';
  const head = bytes.subarray(0, 64).toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return 'json';
  return 'csv';
}
