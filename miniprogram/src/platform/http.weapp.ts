import { taroTransport } from './taroRequest';

/** WeChat: wx.request, with PATCH sent as POST + X-HTTP-Method-Override (wx.request has no PATCH). */
export const transport = taroTransport({ overridePatch: true });
