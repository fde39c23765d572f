import type Koa from 'koa';
import { mediaTypes, type FileKind } from './files';

export interface StoredFileOut {
  stream: NodeJS.ReadableStream;
  bytes: number;
  filename: string;
  kind: FileKind;
}

/**
 * Streams a stored file (GridFS) as its kind, never cached; `inline` lets a browser show it (PDF,
 * images) instead of saving it. nosniff because these bytes came from outside: the browser must
 * not take a file checked as a PNG for anything else. Answers undefined, as a route's handler does
 * when it has set the body itself.
 */
export function sendStoredFile(ctx: Koa.Context, file: StoredFileOut, options: { inline?: boolean } = {}): undefined {
  ctx.type = mediaTypes[file.kind];
  ctx.attachment(file.filename, { type: options.inline ? 'inline' : 'attachment' });
  ctx.length = file.bytes;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = file.stream;
  return undefined;
}
