import { createInflateRaw } from 'node:zlib';
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

/** Inflated bytes handed to an entry's reader at a time (and the most held per entry). */
export const INFLATE_CHUNK_BYTES = 64 * 1024;

/** Throws (e.g. FILE_TOO_COMPLEX) once a time budget is spent; checked between chunks. */
export interface Deadline {
  check(): void;
}

export interface InspectOptions {
  /** Entries returned inflated whole (small parts only: a test reading a sheet, the workbook part). */
  keep?: (name: string) => boolean;
  /**
   * A reader fed an entry's inflated bytes chunk by chunk (at most INFLATE_CHUNK_BYTES each), as
   * the inflater produces them; it may throw to stop at once (a cell count over its bound). `end`
   * runs after the entry's last chunk.
   */
  read?: (name: string) => { chunk(bytes: Buffer): void; end(): void } | undefined;
  deadline?: Deadline;
}

/**
 * Checks an XLSX container against zip-bomb and corruption before it is parsed: reads the
 * central directory (the part JSZip, and so exceljs, trusts), refuses declared sizes or ratios
 * beyond the limits without inflating anything and any data outside the listed entries, then
 * inflates each entry as a stream (zlib works off the event loop, 64 KB at a time) with a hard cap
 * equal to its declared size, so a lying header stops after at most `maxEntryBytes` and nothing
 * inflated is held unless asked for. `read` sees each entry's bytes as they come (to count cells
 * and stop early); `keep` returns entries inflated whole.
 *
 *     const { entries } = await inspectZip(upload, defaultZipLimits, { read: (name) => counterFor(name), deadline });
 */
export async function inspectZip(bytes: Buffer, limits: ZipLimits = defaultZipLimits, options: InspectOptions = {}): Promise<{ entries: ZipEntryInfo[]; kept: Map<string, Buffer> }> {
  const entries = readDirectory(bytes, limits);
  const kept = new Map<string, Buffer>();
  for (const entry of entries) {
    options.deadline?.check();
    const reader = options.read?.(entry.name);
    const parts: Buffer[] | null = options.keep?.(entry.name) ? [] : null;
    await inflateEntry(bytes, entry, (chunk) => {
      options.deadline?.check();
      parts?.push(chunk);
      reader?.chunk(chunk);
    });
    reader?.end();
    if (parts) kept.set(entry.name, Buffer.concat(parts));
  }
  return { entries: entries.map(({ name, compressedSize, size }) => ({ name, compressedSize, size })), kept };
}

/** The central directory, checked against the limits and against the local headers; nothing inflated. */
function readDirectory(bytes: Buffer, limits: ZipLimits): CentralEntry[] {
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
    entries.push({ name, compressedSize, size, method, localOffset, flags, dataStart: 0, dataEnd: 0 });
  }

  const spans: Array<{ start: number; end: number; descriptor: boolean }> = [];
  for (const entry of entries) {
    locateData(bytes, entry, directoryStart);
    spans.push({ start: entry.localOffset, end: entry.dataEnd, descriptor: (entry.flags & 0x8) !== 0 });
  }
  checkTiling(spans, directoryStart);
  return entries;
}

interface CentralEntry extends ZipEntryInfo {
  method: number;
  localOffset: number;
  flags: number;
  /** Where the entry's (compressed) data lies, from its local header. */
  dataStart: number;
  dataEnd: number;
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

/** Finds an entry's data from its local header (the header must be where the directory says). */
function locateData(bytes: Buffer, entry: CentralEntry, directoryStart: number): void {
  const at = entry.localOffset;
  if (at + 30 > directoryStart || bytes.readUInt32LE(at) !== LOCAL) throw invalid('文件已损坏（条目无效）');
  entry.dataStart = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  entry.dataEnd = entry.dataStart + entry.compressedSize;
  if (entry.dataEnd > directoryStart) throw invalid('文件已损坏（条目越界）');
}

/**
 * Inflates one entry as a stream, handing each chunk to `onChunk` (which may throw to stop), with
 * its declared size as the cap: more output means the header lied. A stored entry is handed over
 * in slices, with a turn of the event loop between them.
 */
async function inflateEntry(bytes: Buffer, entry: CentralEntry, onChunk: (chunk: Buffer) => void): Promise<void> {
  const data = bytes.subarray(entry.dataStart, entry.dataEnd);
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += INFLATE_CHUNK_BYTES) {
      onChunk(data.subarray(at, at + INFLATE_CHUNK_BYTES));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
    let produced = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(error);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      produced += chunk.length;
      if (produced > entry.size) return fail(invalid('文件解压后的大小与声明不符，疑似压缩炸弹，已拒绝'));
      try {
        onChunk(chunk);
      } catch (error) {
        fail(error);
      }
    });
    inflater.on('error', () => fail(invalid('文件已损坏（解压失败）')));
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      if (produced !== entry.size) reject(invalid('文件已损坏（解压后大小不符）'));
      else resolve();
    });
    inflater.end(data);
  });
}
