import type { HttpResponse } from '../../../services/apiClient';
import { fileNameOf } from '../../../services/contentDisposition';
import { pickBrowserFile, saveBytes } from '../../../platform/browserFiles';
import { contentTypeOf, type PickedFile } from './files.types';

export type { PickedFile } from './files.types';

/** Browsers: a downloaded file is saved through a link to a blob (the request carried the bearer token). */
export async function saveFile(response: HttpResponse, fallbackName: string): Promise<string> {
  const name = fileNameOf(response.headers['content-disposition'], fallbackName);
  return saveBytes(response.data as ArrayBuffer, name, response.headers['content-type'] ?? contentTypeOf(name));
}

/** Opens the file picker; null when cancelled (input data-testid="bureau-file-input"). */
export async function pickFile(extensions: readonly string[]): Promise<PickedFile | null> {
  const file = await pickBrowserFile('bureau-file-input', extensions.map((e) => `.${e}`).join(','));
  return file && { ...file, contentType: contentTypeOf(file.name) };
}

/** An <img> source for downloaded image bytes (a blob URL; the page revokes it when done). */
export async function imageSource(bytes: ArrayBuffer, type: string): Promise<string> {
  return URL.createObjectURL(new Blob([bytes], { type }));
}

export function releaseImage(source: string): void {
  URL.revokeObjectURL(source);
}
