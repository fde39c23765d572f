import { AppError } from '../../lib/errors';

/**
 * A file we cannot read: FILE_INVALID whose message carries the Chinese reason, so the user
 * learns what to fix ("文件无法读取：第 3 行引号未闭合").
 */
export function fileInvalid(reason: string): AppError {
  return new AppError('FILE_INVALID', { reason }, { message: `文件无法读取：${reason}` });
}

/** FILE_TOO_LARGE with the limit, in bytes and as the user reads it. */
export function fileTooLarge(bytes: number, maxBytes: number): AppError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new AppError('FILE_TOO_LARGE', { bytes, maxBytes }, { message: `文件过大：最大 ${mb} MB` });
}

/** TOO_MANY_ROWS with the count found and the limit. */
export function tooManyRows(rows: number, maxRows: number): AppError {
  return new AppError('TOO_MANY_ROWS', { rows, maxRows }, { message: `文件有 ${rows} 行数据，超过上限 ${maxRows} 行，请拆分后分批导入` });
}
