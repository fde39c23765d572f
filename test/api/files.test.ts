import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { startTestBff, type TestBff } from '../helpers/bff';

/**
 * The file store (bff/src/lib/files.ts) on FerretDB's GridFS: a file's kind is read from its first
 * bytes, its size is capped while it streams (no Content-Length needed), and a refused upload
 * leaves nothing behind.
 */
describe('the file store (GridFS)', () => {
  let bff: TestBff;
  const files = () => bff.services.files;
  const stored = () => bff.services.models.results.db.db!.collection('files.files').countDocuments();
  /** A stream in small pieces, as a chunked upload arrives. */
  const pieces = (bytes: Buffer, size = 64 * 1024) => Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

  beforeAll(async () => {
    bff = await startTestBff();
  });
  afterAll(async () => {
    await bff.stop();
  });

  it('When a 5 MB JPEG streams in, then it is stored whole, hashed, and read back byte for byte', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024, 42)]);
    const file = await files().store(pieces(bytes), { maxBytes: 20 << 20, kinds: ['pdf', 'jpeg', 'png'] });
    expect(file).toEqual(expect.objectContaining({ kind: 'jpeg', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }));
    expect(Buffer.compare(await files().read(file.id), bytes)).toBe(0);
  });

  it('When a stream grows past the cap, then FILE_TOO_LARGE and no file is left', async () => {
    const chunks = () => bff.services.models.results.db.db!.collection('files.chunks').countDocuments();
    const before = { files: await stored(), chunks: await chunks() };
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * 1024 * 1024)]);
    await expect(files().store(pieces(bytes), { maxBytes: 1024 * 1024, kinds: ['pdf'] })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    // The chunks written before the cap was reached are deleted too.
    expect({ files: await stored(), chunks: await chunks() }).toEqual(before);
  });

  it.each([
    ['an executable named .pdf', Buffer.from('MZ\x90\x00 not a pdf at all')],
    ['a PNG where only PDFs are taken', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])],
    ['three bytes', Buffer.from('%PD')],
    ['nothing', Buffer.alloc(0)],
  ])('When %s arrives, then SCAN_INVALID and nothing is stored', async (_what, bytes) => {
    const before = await stored();
    await expect(files().store(pieces(bytes), { maxBytes: 1024, kinds: ['pdf'] })).rejects.toMatchObject({ code: 'SCAN_INVALID' });
    expect(await stored()).toBe(before);
  });
});
