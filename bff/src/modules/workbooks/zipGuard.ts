import { inflateRawSync } from 'node:zlib';
import { fileInvalid as invalid } from './fileErrors';

/** Bounds an uploaded XLSX (a zip) must respect before any XML parser sees it. */
export interface ZipLimits {
  /** Largest inflated size of one entry (a sheet's XML). */
  maxEntryBytes: number;
  /** Largest inflated size of all entries together. */
  maxTotalBytes: number;
  /** Most entries (an XLSX has a few dozen). */
  maxEntries: number;
  /** Inflated/compressed ratio above which a large entry is treated as a bomb. */
  maxRatio: number;
  /** Entries smaller than this are never judged by ratio (tiny XML compresses well). */
  ratioFloorBytes: number;
}

/**
 * Sane bounds for a 20 MB upload. Real sheet XML compresses 10–30×; deflate cannot exceed about
 * 1,032×, so a declared ratio beyond `maxRatio` on a multi-megabyte entry is a bomb or a lie.
 */
export const defaultZipLimits: ZipLimits = {
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntries: 2_000,
  maxRatio: 300,
  ratioFloorBytes: 5 * 1024 * 1024,
};

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  size: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, so search only that tail.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= stop; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw invalid('不是有效的 Excel（.xlsx）文件');
}

/** Sizes above 4 GB live in the ZIP64 extra field (id 0x0001); an upload that needs them is refused. */
function needsZip64(...values: number[]): boolean {
  return values.some((value) => value === 0xffffffff);
}

/**
 * Checks an XLSX container against zip-bomb and corruption before it is parsed: reads the
 * central directory (the part JSZip, and so exceljs, trusts), refuses declared sizes or ratios
 * beyond the limits without inflating anything, then inflates each entry with a hard output cap
 * equal to its declared size, so a lying header stops after at most `maxEntryBytes`.
 * Entries for which `keep` answers true are returned inflated (e.g. the sheets, to count rows).
 *
 *     const { kept } = inspectZip(upload, defaultZipLimits, (name) => name.startsWith('xl/worksheets/'));
 */
export function inspectZip(
  bytes: Buffer,
  limits: ZipLimits = defaultZipLimits,
  keep: (name: string) => boolean = () => false,
): { entries: ZipEntryInfo[]; kept: Map<string, Buffer> } {
  if (bytes.length < 22) throw invalid('文件为空或已损坏');
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd >= 20 && bytes.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) throw invalid('不支持 ZIP64 格式的文件，请用 Excel 另存为 .xlsx 后上传');
  const count = bytes.readUInt16LE(eocd + 10);
  const directorySize = bytes.readUInt32LE(eocd + 12);
  const directoryStart = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || needsZip64(directorySize, directoryStart)) throw invalid('不支持 ZIP64 格式的文件，请用 Excel 另存为 .xlsx 后上传');
  if (count === 0) throw invalid('文件为空或已损坏');
  if (count > limits.maxEntries) throw invalid('压缩包内文件过多，不是正常的 Excel 文件');
  if (directoryStart + directorySize > eocd) throw invalid('文件已损坏（目录越界）');

  const entries: CentralEntry[] = [];
  let total = 0;
  let at = directoryStart;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL) throw invalid('文件已损坏（目录无效）');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw invalid('文件已加密，请取消密码保护后再上传');
    if (needsZip64(compressedSize, size, localOffset)) throw invalid('不支持 ZIP64 格式的文件，请用 Excel 另存为 .xlsx 后上传');
    if (method !== 0 && method !== 8) throw invalid('文件使用了不支持的压缩方式');
    if (method === 0 && size !== compressedSize) throw invalid('文件已损坏（大小不一致）');
    if (size > limits.maxEntryBytes) throw invalid(`表格内容过大（${name} 解压后超过 ${Math.round(limits.maxEntryBytes / 1048576)} MB）`);
    if (size >= limits.ratioFloorBytes && size / Math.max(compressedSize, 1) > limits.maxRatio) throw invalid('文件压缩比异常，疑似压缩炸弹，已拒绝');
    total += size;
    if (total > limits.maxTotalBytes) throw invalid('表格内容过大（解压后总大小超出上限）');
    entries.push({ name, compressedSize, size, method, localOffset, flags });
  }

  const kept = new Map<string, Buffer>();
  const spans: Array<{ start: number; end: number; descriptor: boolean }> = [];
  for (const entry of entries) {
    const { content, dataEnd } = verifyEntry(bytes, entry, directoryStart);
    spans.push({ start: entry.localOffset, end: dataEnd, descriptor: (entry.flags & 0x8) !== 0 });
    if (keep(entry.name)) kept.set(entry.name, content);
  }
  checkTiling(spans, directoryStart);
  return { entries: entries.map(({ name, compressedSize, size }) => ({ name, compressedSize, size })), kept };
}

interface CentralEntry extends ZipEntryInfo {
  method: number;
  localOffset: number;
  flags: number;
}

/**
 * The entries must tile the file from byte 0 to the central directory, each followed at most by
 * its data descriptor. Streaming readers (unzipper, used by exceljs's stream reader) walk the
 * local headers rather than the directory, so a hidden entry between listed ones would be
 * inflated without ever being inspected here.
 */
function checkTiling(spans: Array<{ start: number; end: number; descriptor: boolean }>, directoryStart: number): void {
  spans.sort((a, b) => a.start - b.start);
  // A data descriptor is crc + two sizes (12 bytes), optionally after its 4-byte signature.
  const fits = (gap: number, afterDescriptor: boolean) => gap === 0 || (afterDescriptor && (gap === 12 || gap === 16));
  let expected = 0;
  let descriptor = false;
  for (const span of spans) {
    if (!fits(span.start - expected, descriptor)) throw invalid('文件结构异常（含有目录之外的数据），已拒绝');
    expected = span.end;
    descriptor = span.descriptor;
  }
  if (!fits(directoryStart - expected, descriptor)) throw invalid('文件结构异常（含有目录之外的数据），已拒绝');
}

/** Inflates one entry with its declared size as the cap: more output means the header lied. */
function verifyEntry(bytes: Buffer, entry: CentralEntry, directoryStart: number): { content: Buffer; dataEnd: number } {
  const at = entry.localOffset;
  if (at + 30 > directoryStart || bytes.readUInt32LE(at) !== LOCAL) throw invalid('文件已损坏（条目无效）');
  const dataStart = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > directoryStart) throw invalid('文件已损坏（条目越界）');
  if (entry.method === 0) return { content: bytes.subarray(dataStart, dataEnd), dataEnd };
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes.subarray(dataStart, dataEnd), { maxOutputLength: Math.max(entry.size, 1) });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw invalid('文件解压后的大小与声明不符，疑似压缩炸弹，已拒绝');
    }
    throw invalid('文件已损坏（解压失败）');
  }
  if (inflated.length !== entry.size) throw invalid('文件已损坏（解压后大小不符）');
  return { content: inflated, dataEnd };
}
