import { enterpriseEndpoints } from '@assess/shared';
import Taro from '@tarojs/taro';
import { errorFromResponse, offlineError, type ApiClient } from '../services/apiClient';

/**
 * The questionnaire workbook (neutral default: WeChat). Downloading saves it to a temporary file
 * and opens it in WeChat's document viewer, from whose menu it can be forwarded to a PC or saved.
 * Uploading a filled workbook is for H5/PC (WeChat has no plain file picker for it).
 */
export const WORKBOOK_PATH = enterpriseEndpoints.getQuestionnaireWorkbook.path;

function download(client: ApiClient): Promise<Taro.downloadFile.FileSuccessCallbackResult> {
  return new Promise((resolve, reject) => {
    void Taro.downloadFile({
      url: client.url(WORKBOOK_PATH),
      header: { Authorization: client.authorization() ?? '' },
      success: resolve,
      fail: () => reject(offlineError()),
    });
  });
}

export async function downloadWorkbook(client: ApiClient): Promise<string> {
  let result = await download(client);
  if (result.statusCode === 401 && (await client.refresh())) result = await download(client);
  if (result.statusCode !== 200) throw errorFromResponse({ status: result.statusCode, data: null, headers: {} });
  await Taro.openDocument({ filePath: result.tempFilePath, fileType: 'xlsx', showMenu: true });
  return '问卷已打开，可点右上角菜单转发到电脑或保存';
}

export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
}

/** Not available here: resolves null. */
export async function pickWorkbook(): Promise<PickedFile | null> {
  return null;
}
