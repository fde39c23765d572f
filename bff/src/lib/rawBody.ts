import type Koa from 'koa';
import getRawBody from 'raw-body';
import { XLSX_MEDIA_TYPE } from '@assess/shared';
import { AppError } from './errors';
import type { MiddlewareContract } from './contract';
import type { RouteSpec } from './route';

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

const isUpload = (route: RouteSpec<any>): boolean => typeof route.body === 'object' && route.body !== null && 'raw' in route.body;

/**
 * Every upload goes through the same pipeline: the declared type (assertUploadType), the bytes
 * under a hard limit (readUpload), then a parse in one of the instance's few slots (parseSlots),
 * which refuses with 503 UPLOADS_BUSY and Retry-After when they are all taken.
 */
export const uploadContract: MiddlewareContract = {
  name: 'upload',
  description: '文件上传按接口列出的 Content-Type 发送原始字节：类型不符为 415 UNSUPPORTED_MEDIA_TYPE，超过大小上限为 413 FILE_TOO_LARGE，无法读取为 400 FILE_INVALID；每个实例同时只解析少量文件，繁忙时为 503 UPLOADS_BUSY（带 Retry-After）。',
  appliesTo: isUpload,
  errors: ['UNSUPPORTED_MEDIA_TYPE', 'FILE_TOO_LARGE', 'FILE_INVALID', 'UPLOADS_BUSY'],
  note: (route) => (isUpload(route) ? `文件不超过 ${Math.round((route.body as { maxBytes: number }).maxBytes / 1024 / 1024)} MB。` : undefined),
};
