import Taro from '@tarojs/taro';
import type { HttpResponse } from '../../../services/apiClient';
import { fileNameOf } from '../../../services/contentDisposition';
import type { EvidenceFile } from './files.types';

export type { EvidenceFile } from './files.types';

/** WeChat (neutral default): a file from a chat, read by position and length from its temporary path. */
export async function pickEvidenceFile(extensions: readonly string[]): Promise<EvidenceFile | null> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...extensions] });
  } catch {
    return null; // cancelled
  }
  const file = picked.tempFiles[0];
  if (!file) return null;
  const fs = Taro.getFileSystemManager();
  return {
    name: file.name,
    size: file.size,
    type: '',
    read: (start, end) =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        fs.readFile({ filePath: file.path, position: start, length: end - start, success: (res) => resolve(res.data as ArrayBuffer), fail: reject });
      }),
  };
}

/** Opens a downloaded file in WeChat's document viewer (PDF) or image preview. */
export async function showFile(response: HttpResponse, fallbackName: string): Promise<string> {
  const name = fileNameOf(response.headers['content-disposition'], fallbackName).replace(/[^\w.\-\u4e00-\u9fa5]/g, '_');
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`;
  await new Promise<void>((resolve, reject) => Taro.getFileSystemManager().writeFile({ filePath, data: response.data as ArrayBuffer, encoding: 'binary', success: () => resolve(), fail: reject }));
  if (/\.pdf$/i.test(name)) await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true });
  else await Taro.previewImage({ urls: [filePath] });
  return `已打开：${name}`;
}
