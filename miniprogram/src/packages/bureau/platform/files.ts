import Taro from '@tarojs/taro';
import type { HttpResponse } from '../../../services/apiClient';
import { fileNameOf } from '../../../services/contentDisposition';
import { contentTypeOf, type PickedFile } from './files.types';

export type { PickedFile } from './files.types';

/**
 * Files on WeChat (neutral default). A download is written to the mini-program's user folder
 * and opened in WeChat's document viewer, whose menu forwards it to a PC or saves it.
 */
function userPath(name: string): string {
  // Only letters, digits, CJK and a few marks are safe in a wx user-data path.
  return `${Taro.env.USER_DATA_PATH}/${name.replace(/[^\w.\-\u4e00-\u9fa5]/g, '_')}`;
}

function writeFile(filePath: string, data: ArrayBuffer): Promise<void> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath, data, encoding: 'binary', success: () => resolve(), fail: reject });
  });
}

export async function saveFile(response: HttpResponse, fallbackName: string): Promise<string> {
  const name = fileNameOf(response.headers['content-disposition'], fallbackName);
  const filePath = userPath(name);
  await writeFile(filePath, response.data as ArrayBuffer);
  const type = /\.(xlsx|csv|pdf|docx?)$/i.exec(name)?.[1]?.toLowerCase() ?? 'xlsx';
  await Taro.openDocument({ filePath, fileType: type as 'xlsx', showMenu: true });
  return `${name} 已打开，可点右上角菜单转发到电脑或保存`;
}

/** A file from a WeChat chat (the only file source a mini-program has). */
export async function pickFile(extensions: readonly string[]): Promise<PickedFile | null> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...extensions] });
  } catch {
    return null; // cancelled
  }
  const file = picked.tempFiles[0];
  if (!file) return null;
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({ filePath: file.path, success: (res) => resolve(res.data as ArrayBuffer), fail: reject });
  });
  return { name: file.name, bytes, contentType: contentTypeOf(file.name) };
}

export async function imageSource(bytes: ArrayBuffer, type: string): Promise<string> {
  const filePath = userPath(`image-${Date.now()}.${type === 'image/png' ? 'png' : 'img'}`);
  await writeFile(filePath, bytes);
  return filePath;
}

export function releaseImage(source: string): void {
  Taro.getFileSystemManager().unlink({ filePath: source, fail: () => undefined });
}
