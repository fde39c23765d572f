import Taro from '@tarojs/taro';

/**
 * A yes/no question in the platform's own modal (wx.showModal; on H5 Taro draws it, with the
 * confirm button as `.taro-model__confirm` for tests).
 */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, confirmColor: '#1d5fbf', cancelText: '取消' });
  return confirm;
}
