import Taro from '@tarojs/taro';
import type { ReceiptFile } from '@assess/shared';

/**
 * The receipt file on WeChat (neutral default): saved to the mini-program's user folder and sent
 * to a chat (文件传输助手 to reach a PC) with wx.shareFileMessage; opened from a chat with
 * wx.chooseMessageFile. The H5 sibling downloads, picks and takes dropped files.
 */
export function receiptFileName(file: ReceiptFile): string {
  return `receipt-${file.receipt.number}-${file.receipt.attemptId}.json`;
}

export async function saveReceiptFile(file: ReceiptFile): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${receiptFileName(file)}`;
  Taro.getFileSystemManager().writeFileSync(filePath, JSON.stringify(file, null, 2), 'utf8');
  await Taro.shareFileMessage({ filePath, fileName: receiptFileName(file) });
  return '回执文件已发送，可在电脑上用校验页面或 npx verify-receipt 校验';
}

/** Opens a receipt file chosen from a chat; null when cancelled. */
export async function pickReceiptFile(): Promise<{ name: string; text: string } | null> {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['json'] });
    const chosen = tempFiles[0];
    if (!chosen) return null;
    const text = Taro.getFileSystemManager().readFileSync(chosen.path, 'utf8') as string;
    return { name: chosen.name, text };
  } catch {
    return null;
  }
}

/** Files dropped on the page: browsers only. */
export function onDroppedFile(_handle: (file: { name: string; text: string }) => void): () => void {
  return () => undefined;
}
