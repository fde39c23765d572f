import Taro from '@tarojs/taro';

/**
 * Network reachability as the platform reports it (neutral default: Taro's network API, i.e.
 * wx.onNetworkStatusChange on WeChat). The sync engine learns of outages from failed requests
 * anyway; this is for the indicator and to retry the moment the network returns.
 */
export function watchNetwork(onChange: (online: boolean) => void): () => void {
  const listener = (res: { isConnected: boolean }) => onChange(res.isConnected);
  Taro.onNetworkStatusChange(listener);
  Taro.getNetworkType({ success: (res) => onChange(res.networkType !== 'none') }).catch(() => undefined);
  return () => {
    try {
      Taro.offNetworkStatusChange(listener);
    } catch {
      // older base libraries lack offNetworkStatusChange
    }
  };
}
