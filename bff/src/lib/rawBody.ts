import type Koa from 'koa';
import getRawBody from 'raw-body';
import { XLSX_MEDIA_TYPE } from '@assess/shared';
import { AppError } from './errors';

/** Reads an upload's bytes with a hard size limit (files are never parsed as JSON bodies). */
export async function readUpload(ctx: Koa.Context, maxBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > maxBytes) throw new AppError('FILE_TOO_LARGE', { maxBytes });
  try {
    return await getRawBody(ctx.req, { limit: maxBytes });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') throw new AppError('FILE_TOO_LARGE', { maxBytes });
    throw new AppError('FILE_INVALID');
  }
}

/** Media types an import upload may declare. Windows browsers send .csv as application/vnd.ms-excel. */
export const IMPORT_MEDIA_TYPES = [
  'text/csv',
  XLSX_MEDIA_TYPE,
  'application/json',
  'application/vnd.ms-excel',
  'application/octet-stream',
] as const;

/** Refuses an upload whose declared type is none of `allowed` (415). */
export function assertUploadType(ctx: Koa.Context, allowed: readonly string[]): void {
  if (!ctx.is(allowed as string[])) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
}
