import type { Middleware } from 'koa';

const OVERRIDABLE = new Set(['PATCH', 'PUT', 'DELETE']);

/**
 * WeChat's wx.request cannot send PATCH, so the mini-program sends POST with
 * `X-HTTP-Method-Override: PATCH`. Only POST may be overridden, and only to these methods.
 */
export function methodOverride(): Middleware {
  return async (ctx, next) => {
    const override = ctx.get('x-http-method-override').toUpperCase();
    if (ctx.method === 'POST' && OVERRIDABLE.has(override)) ctx.method = override;
    await next();
  };
}
