import { enterpriseEndpoints, XLSX_MEDIA_TYPE } from '@assess/shared';
import type { ApiClient } from '../services/apiClient';
import { fileNameOf } from '../services/contentDisposition';
import { pickBrowserFile, saveBytes } from './browserFiles';

/** Browsers: the workbook is fetched with the bearer token and saved through a download link. */
export const WORKBOOK_PATH = enterpriseEndpoints.getQuestionnaireWorkbook.path;

export async function downloadWorkbook(client: ApiClient): Promise<string> {
  const response = await client.send('GET', WORKBOOK_PATH, { responseType: 'arraybuffer', timeoutMs: 60_000 });
  return saveBytes(response.data as ArrayBuffer, fileNameOf(response.headers['content-disposition'], '测评问卷.xlsx'), XLSX_MEDIA_TYPE);
}

export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
}

/** Opens the file picker for an .xlsx; null when cancelled (input data-testid="workbook-file-input"). */
export function pickWorkbook(): Promise<PickedFile | null> {
  return pickBrowserFile('workbook-file-input', `.xlsx,${XLSX_MEDIA_TYPE}`);
}
