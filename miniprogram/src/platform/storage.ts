import Taro from '@tarojs/taro';
import type { KeyValueStore } from '../services/chunkedStore';

/**
 * Device storage as strings (wx storage on WeChat, localStorage on H5 — Taro maps both).
 * Values are JSON text we chunk ourselves (services/chunkedStore) to stay under WeChat's 1 MB
 * per key; a write that exceeds the quota throws, so callers can tell the user.
 */
export const deviceStorage: KeyValueStore & { keys(): string[] } = {
  get(key) {
    try {
      const value: unknown = Taro.getStorageSync(key);
      return typeof value === 'string' && value !== '' ? value : null;
    } catch {
      return null;
    }
  },
  set(key, value) {
    Taro.setStorageSync(key, value);
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // nothing to remove
    }
  },
  keys() {
    try {
      return Taro.getStorageInfoSync().keys;
    } catch {
      return [];
    }
  },
};
