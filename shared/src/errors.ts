/**
 * The error catalogue: every error the API can answer, with its HTTP status and the Chinese
 * message users see. The BFF throws these codes; the client shows the message for a code it
 * receives, so both sides read this one table.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: '提交的数据格式不正确' },
  BODY_TOO_LARGE: { status: 413, message: '提交的数据过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的数据格式' },
  MALFORMED_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_INVALID: { status: 401, message: '登录已失效，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有访问权限' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后重试；已填写的答案不会丢失' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后重试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Machine-readable particulars, e.g. field errors or tries left. Never secrets. */
  details?: unknown;
}

export function messageFor(code: string): string {
  return code in errorCatalogue ? errorCatalogue[code as ErrorCode].message : errorCatalogue.INTERNAL.message;
}
