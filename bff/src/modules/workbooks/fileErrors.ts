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

/** What a FILE_TOO_COMPLEX refusal counted: each bound of `XlsxLimits`. */
export type ComplexityBound = 'sheets' | 'rows' | 'cells' | 'strings' | 'elements' | 'time';

const BOUND_TEXT: Record<ComplexityBound, (limit: number) => string> = {
  sheets: (limit) => `工作表超过 ${limit} 个`,
  rows: (limit) => `行数超过 ${limit} 行（含没有内容但设置了格式的行）`,
  cells: (limit) => `单元格超过 ${limit} 个（含没有内容但设置了格式的单元格）`,
  strings: (limit) => `文本超过 ${limit} 条`,
  elements: (limit) => `文件结构超过 ${limit} 个元素`,
  time: (limit) => `解析超过 ${Math.round(limit / 1000)} 秒仍未完成`,
};

/**
 * FILE_TOO_COMPLEX: the file would cost more work than any real one of its kind (millions of
 * empty formatted cells, thousands of sheets, a parse past its time budget).
 */
export function fileTooComplex(bound: ComplexityBound, limit: number): AppError {
  return new AppError('FILE_TOO_COMPLEX', { bound, limit }, { message: `文件内容过多：${BOUND_TEXT[bound](limit)}。请删除多余的行、列和工作表（或另存为新文件）后重新上传` });
}
