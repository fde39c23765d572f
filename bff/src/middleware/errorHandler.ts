import type { Middleware } from 'koa';
import { errorCatalogue, type ErrorBody, type ErrorCode } from '@assess/shared';
import { AppError } from '../lib/errors';
import { everyRoute, type MiddlewareContract } from '../lib/contract';

/**
 * Errors raised by koa, the body parser or node with a status, mapped to our codes. The JSON body
 * parser (co-body) throws the parser's SyntaxError with status 400 and no `type`.
 */
function codeForStatus(status: number, error: { type?: string; name?: string }): ErrorCode {
  if (status === 413) return 'BODY_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 400 && (error.type === 'entity.parse.failed' || error.name === 'SyntaxError')) return 'MALFORMED_JSON';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status >= 400 && status < 500) return 'VALIDATION_FAILED';
  return 'INTERNAL';
}

/**
 * The one place errors become responses: `{ code, message, details? }` with a stable code and a
 * Chinese message. Stack traces go to the log, never to the client.
 */
export function errorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('ROUTE_NOT_FOUND');
      // The router answers a known path with the wrong (or an unknown) method itself, keeping Allow.
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) throw new AppError('METHOD_NOT_ALLOWED');
    } catch (raw) {
      const error = raw as Error & { status?: number; statusCode?: number; type?: string; expose?: boolean };
      let body: ErrorBody;
      let status: number;
      if (error instanceof AppError) {
        status = error.status;
        body = { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
        for (const [name, value] of Object.entries(error.headers ?? {})) ctx.set(name, value);
      } else {
        const rawStatus = error.status ?? error.statusCode ?? 500;
        const code = codeForStatus(rawStatus, error);
        status = errorCatalogue[code].status;
        body = { code, message: errorCatalogue[code].message };
      }
      if (status >= 500) ctx.state.log?.error({ err: raw }, 'request failed');
      else ctx.state.log?.debug({ code: body.code }, 'request refused');
      ctx.status = status;
      ctx.body = body;
    }
  };
}

/** Any route may fail inside (the database stalls, say): 500 INTERNAL, never a stack trace. */
export const errorHandlerContract: MiddlewareContract = {
  name: 'errorHandler',
  description: '错误统一为 { code, message, details? }：code 为稳定的错误码，message 为中文提示；服务器内部错误为 500 INTERNAL，不返回堆栈。',
  appliesTo: everyRoute,
  errors: ['INTERNAL'],
};
