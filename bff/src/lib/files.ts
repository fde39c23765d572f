import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Binary, GridFSBucket, MongoServerError, ObjectId, type Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { AppError } from './errors';

/**
 * Files uploaded or generated (sealed package scans, package PDFs; evidence uploads next) kept in
 * MongoDB's own file store, GridFS (it works on FerretDB: a 5 MB round trip came back intact).
 * One place decides what a file is (by its first bytes, never its name or declared type), how big
 * it may be, and streams it in and out: an upload is never held whole in memory.
 *
 *     const files = fileStore(connection);
 *     const stored = await files.store(ctx.req, { maxBytes: 20 << 20, kinds: ['pdf', 'jpeg', 'png'], meta: { … } });
 *     (await files.open(stored.id)).stream.pipe(response);
 */

export type FileKind = 'pdf' | 'jpeg' | 'png';

export const mediaTypes: Readonly<Record<FileKind, string>> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png' };

/** The magic bytes of each kind (PDF: "%PDF-"; JPEG: SOI + a marker; PNG: its 8-byte signature). */
const SIGNATURES: ReadonlyArray<[FileKind, readonly number[]]> = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];
/** Bytes needed to tell every kind apart. */
export const SNIFF_BYTES = 8;

/** The kind a file's first bytes say it is, or null. */
export function sniffKind(head: Uint8Array): FileKind | null {
  for (const [kind, signature] of SIGNATURES) if (signature.every((byte, i) => head[i] === byte)) return kind;
  return null;
}

export interface StoredFile {
  id: string;
  sha256: string;
  bytes: number;
  kind: FileKind;
}

export interface StoreOptions {
  maxBytes: number;
  kinds: readonly FileKind[];
  /** Stored with the file (who, what for); never trusted for its kind. */
  meta?: Record<string, unknown>;
  /** The file's name in the store (shown on download). */
  filename?: string;
}

/**
 * Passes bytes through while counting and hashing them; refuses the stream past `maxBytes` and
 * when the first bytes are not one of `kinds` (before anything past them reaches the store).
 */
class Inspect extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  kind: FileKind | null = null;
  private head = Buffer.alloc(0);

  constructor(private readonly options: Pick<StoreOptions, 'maxBytes' | 'kinds'>) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.options.maxBytes) return callback(new AppError('FILE_TOO_LARGE', { maxBytes: this.options.maxBytes }));
    this.hash.update(chunk);
    if (this.kind === null) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < SNIFF_BYTES) return callback();
      const kind = sniffKind(this.head);
      if (!kind || !this.options.kinds.includes(kind)) return callback(new AppError('SCAN_INVALID', { kinds: this.options.kinds }));
      this.kind = kind;
      const held = this.head;
      this.head = Buffer.alloc(0);
      return callback(null, held);
    }
    callback(null, chunk);
  }

  override _flush(callback: (error?: Error | null) => void): void {
    if (this.kind === null) {
      // Shorter than any signature needs: look at what there is.
      const kind = sniffKind(this.head);
      if (!kind || !this.options.kinds.includes(kind)) return callback(new AppError('SCAN_INVALID', { kinds: this.options.kinds }));
      this.kind = kind;
      this.push(this.head);
    }
    callback();
  }
}

/** Rounds of deleting a refused upload's chunks (see discard). */
const DISCARD_ROUNDS = 3;

export function fileStore(connection: Connection, bucketName = 'files') {
  const bucket = () => new GridFSBucket(connection.db!, { bucketName });
  let chunkIndex: Promise<unknown> | null = null;
  /** The chunks collection, with the (files_id, n) unique index GridFS keeps (made once; a chunk written directly needs it too). */
  async function chunkCollection(): Promise<Collection> {
    const chunks = connection.db!.collection(`${bucketName}.chunks`);
    chunkIndex ??= chunks.createIndex({ files_id: 1, n: 1 }, { unique: true }).catch((error: unknown) => {
      chunkIndex = null;
      throw error;
    });
    await chunkIndex;
    return chunks;
  }

  /**
   * Removes what a refused upload wrote. The pipeline stops at the refusal, but a chunk insert the
   * upload stream had already sent can still land a moment later (measured: one 255 KB chunk left
   * behind), so the chunks are deleted again after short pauses.
   */
  async function discard(id: ObjectId, upload: { abort(): Promise<void> }): Promise<void> {
    await upload.abort().catch(() => undefined);
    const chunks = connection.db!.collection(`${bucketName}.chunks`);
    for (let round = 0; round < DISCARD_ROUNDS; round++) {
      await chunks.deleteMany({ files_id: id }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 40 * (round + 1)));
    }
    await connection.db!.collection(`${bucketName}.files`).deleteOne({ _id: id }).catch(() => undefined);
    await chunks.deleteMany({ files_id: id }).catch(() => undefined);
  }

  return {
    /**
     * Streams `source` into the store, checking kind and size on the way; a refused or broken
     * upload leaves nothing behind (the partial file's chunks are deleted).
     */
    async store(source: Readable, options: StoreOptions): Promise<StoredFile> {
      const inspect = new Inspect(options);
      const id = new ObjectId();
      const upload = bucket().openUploadStreamWithId(id, options.filename ?? String(id), { metadata: { ...options.meta } });
      try {
        await pipeline(source, inspect, upload);
      } catch (error) {
        await discard(id, upload);
        if (error instanceof AppError) throw error;
        throw new AppError('FILE_INVALID');
      }
      const sha256 = inspect.hash.digest('hex');
      return { id: String(id), sha256, bytes: inspect.bytes, kind: inspect.kind! };
    },

    /** Stores bytes made here (a generated PDF): the same checks, no stream to hand. */
    async storeBuffer(bytes: Buffer, options: StoreOptions): Promise<StoredFile> {
      return this.store(Readable.from([bytes]), options);
    },

    /** A stored file's stream and length; NOT_FOUND for an unknown id. */
    async open(id: string): Promise<{ stream: Readable; bytes: number; filename: string }> {
      if (!ObjectId.isValid(id)) throw new AppError('NOT_FOUND');
      const files = await bucket()
        .find({ _id: new ObjectId(id) })
        .limit(1)
        .toArray();
      const file = files[0];
      if (!file) throw new AppError('NOT_FOUND');
      return { stream: bucket().openDownloadStream(file._id), bytes: file.length, filename: file.filename };
    },

    /**
     * Resumable uploads (evidence): each chunk goes straight into the store's chunks layout, one
     * document per chunk keyed (files_id, n) and all of one size but the last, so a chunk is held
     * only for its own request; a chunk sent again replaces itself. `finishChunks` makes them a file.
     */
    async putChunk(id: string, n: number, data: Buffer): Promise<void> {
      const chunks = await chunkCollection();
      const filesId = new ObjectId(id);
      try {
        await chunks.insertOne({ _id: new ObjectId(), files_id: filesId, n, data: new Binary(data) });
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
        await chunks.updateOne({ files_id: filesId, n }, { $set: { data: new Binary(data) } });
      }
    },

    /** The chunk numbers stored for an unfinished upload. */
    async chunksOf(id: string): Promise<number[]> {
      const chunks = await chunkCollection();
      const found = await chunks.find({ files_id: new ObjectId(id) }, { projection: { n: 1, _id: 0 } }).toArray();
      return [...new Set(found.map((chunk) => Number(chunk['n'])))].sort((a, b) => a - b);
    },

    /**
     * Checks an upload's chunks in order (every one present, each of its length), hashes and sniffs
     * them as a stream (a few chunks in memory at a time), then writes the files document that
     * makes them a file. UPLOAD_INCOMPLETE while one is missing; the kind must be one of `kinds`.
     */
    async finishChunks(id: string, options: StoreOptions & { bytes: number; chunkBytes: number }): Promise<StoredFile> {
      const chunks = await chunkCollection();
      const filesId = new ObjectId(id);
      const count = Math.max(1, Math.ceil(options.bytes / options.chunkBytes));
      const hash = createHash('sha256');
      let kind: FileKind | null = null;
      let expected = 0;
      let total = 0;
      const cursor = chunks.find({ files_id: filesId }, { sort: { n: 1 }, batchSize: 2 });
      try {
        for await (const chunk of cursor) {
          const n = Number(chunk['n']);
          if (n !== expected) throw new AppError('UPLOAD_INCOMPLETE', { missing: expected });
          const data = (chunk['data'] as Binary).buffer;
          const length = n < count - 1 ? options.chunkBytes : options.bytes - options.chunkBytes * (count - 1);
          if (data.length !== length) throw new AppError('UPLOAD_INCOMPLETE', { missing: n });
          if (n === 0) {
            kind = sniffKind(data.subarray(0, SNIFF_BYTES));
            if (!kind || !options.kinds.includes(kind)) throw new AppError('SCAN_INVALID', { kinds: options.kinds });
          }
          hash.update(data);
          total += data.length;
          expected++;
        }
      } finally {
        await cursor.close().catch(() => undefined);
      }
      if (expected !== count || total !== options.bytes || !kind) throw new AppError('UPLOAD_INCOMPLETE', { missing: expected });
      await connection.db!.collection(`${bucketName}.files`).insertOne({ _id: filesId, length: options.bytes, chunkSize: options.chunkBytes, uploadDate: new Date(), filename: options.filename ?? id, metadata: { ...options.meta } });
      return { id, sha256: hash.digest('hex'), bytes: options.bytes, kind };
    },

    /** Removes an unfinished upload's chunks. */
    async discardChunks(id: string): Promise<void> {
      const chunks = await chunkCollection();
      await chunks.deleteMany({ files_id: new ObjectId(id) });
    },

    /**
     * A stored file's stream read a couple of chunks at a time (GridFS's own download stream takes
     * the server's default batch, up to 16 MB), its length and name; NOT_FOUND for an unknown id.
     */
    async openStreamed(id: string): Promise<{ stream: Readable; bytes: number; filename: string }> {
      if (!ObjectId.isValid(id)) throw new AppError('NOT_FOUND');
      const file = await connection.db!.collection(`${bucketName}.files`).findOne({ _id: new ObjectId(id) });
      if (!file) throw new AppError('NOT_FOUND');
      const chunks = connection.db!.collection(`${bucketName}.chunks`);
      async function* read(): AsyncGenerator<Buffer> {
        const cursor = chunks.find({ files_id: file!._id }, { sort: { n: 1 }, batchSize: 2 });
        try {
          for await (const chunk of cursor) yield Buffer.from((chunk['data'] as Binary).buffer);
        } finally {
          await cursor.close().catch(() => undefined);
        }
      }
      return { stream: Readable.from(read()), bytes: Number(file['length']), filename: String(file['filename']) };
    },

    /** Deletes a file nothing refers to (an upload whose record could not be written). */
    async remove(id: string): Promise<void> {
      if (ObjectId.isValid(id)) await bucket().delete(new ObjectId(id));
    },

    /** A stored file's bytes whole (a generated PDF a test or an export reads back). */
    async read(id: string): Promise<Buffer> {
      const { stream } = await this.open(id);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

export type FileStore = ReturnType<typeof fileStore>;
