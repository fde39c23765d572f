import type { Middleware } from 'koa';
import type { MiddlewareContract } from '../lib/contract';

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

export const methodOverrideContract: MiddlewareContract = {
  name: 'methodOverride',
  description: '微信小程序的 wx.request 不能发送 PATCH：PATCH、PUT、DELETE 接口也可用 POST 加请求头 X-HTTP-Method-Override 调用（仅限 POST 改写为这三种方法）。',
  appliesTo: (route) => OVERRIDABLE.has(route.method.toUpperCase()),
  note: (route) => `也可用 POST 加请求头 X-HTTP-Method-Override: ${route.method.toUpperCase()} 调用。`,
};
