import Taro from '@tarojs/taro';
import type { HttpRequest, HttpResponse, Transport } from '../services/apiClient';

function lowerCaseHeaders(header: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(header ?? {})) out[name.toLowerCase()] = String(value);
  return out;
}

/**
 * A transport over Taro.request (wx.request on WeChat). wx.request knows no PATCH (its methods
 * are OPTIONS/GET/HEAD/POST/PUT/DELETE/TRACE/CONNECT), so with `overridePatch` a PATCH is sent as
 * POST with `X-HTTP-Method-Override: PATCH`, which the BFF maps back.
 */
export function taroTransport(options: { overridePatch: boolean }): Transport {
  return (request: HttpRequest): Promise<HttpResponse> => {
    const headers = { ...request.headers };
    let method: string = request.method;
    if (options.overridePatch && method === 'PATCH') {
      method = 'POST';
      headers['X-HTTP-Method-Override'] = 'PATCH';
    }
    return new Promise((resolve, reject) => {
      void Taro.request({
        url: request.url,
        method: method as keyof Taro.request.Method,
        header: headers,
        data: request.body as Taro.request.Option['data'],
        dataType: 'json',
        responseType: request.responseType === 'arraybuffer' ? 'arraybuffer' : 'text',
        timeout: request.timeoutMs,
        success: (res) => resolve({ status: res.statusCode, data: res.data, headers: lowerCaseHeaders(res.header as Record<string, unknown>) }),
        fail: (error) => reject(error),
      });
    });
  };
}
