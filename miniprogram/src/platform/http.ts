import { taroTransport } from './taroRequest';

/** The HTTP transport (neutral default: Taro.request). See http.weapp.ts and http.h5.ts. */
export const transport = taroTransport({ overridePatch: false });
