import Taro from '@tarojs/taro';
import { accessibleModal } from '../platform/modal';

/**
 * A yes/no question in the platform's own modal (wx.showModal; on H5 Taro draws it, with the
 * confirm button as `.taro-model__confirm` for tests, made a keyboard-operable dialog by
 * platform/modal.h5.ts).
 */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const shown = Taro.showModal({ title, content, confirmText, confirmColor: '#1d5fbf', cancelText: '取消' });
  // Taro's H5 modal is in the document once showModal has run (synchronously, or on the next tick).
  const release = await new Promise<() => void>((resolve) => setTimeout(() => resolve(accessibleModal()), 0));
  try {
    const { confirm } = await shown;
    return confirm;
  } finally {
    release();
  }
}
