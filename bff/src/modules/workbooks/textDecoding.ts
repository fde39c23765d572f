import { fileInvalid } from './fileErrors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an uploaded text file. Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK, and
 * "Unicode 文本" in UTF-16LE; "CSV UTF-8" adds a BOM. So: a BOM decides; otherwise strict UTF-8,
 * and bytes that are not valid UTF-8 are read as GB18030 (a superset of GBK and GB2312).
 * A NUL byte outside UTF-16 means the file is binary, not a table.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeStrict('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) {
    throw fileInvalid('不是文本格式的 CSV 文件，请上传 .csv 或 .xlsx 文件');
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function decodeStrict(encoding: string, bytes: Buffer): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw fileInvalid('文件标注为 UTF-8 编码，但内容不是有效的 UTF-8');
  }
}
