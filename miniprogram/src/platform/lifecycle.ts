import Taro from '@tarojs/taro';

/** Runs `callback` when the app goes to the background (neutral default: Taro.onAppHide). */
export function onAppHide(callback: () => void): () => void {
  Taro.onAppHide(callback);
  return () => Taro.offAppHide(callback);
}
