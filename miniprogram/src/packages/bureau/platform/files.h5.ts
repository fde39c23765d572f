import type { HttpResponse } from '../../../services/apiClient';
import { fileNameOf } from '../services/query';
import { contentTypeOf, type PickedFile } from './files.types';

export type { PickedFile } from './files.types';

/** Browsers: a downloaded file is saved through a link to a blob (the request carried the bearer token). */
export async function saveFile(response: HttpResponse, fallbackName: string): Promise<string> {
  const name = fileNameOf(response.headers['content-disposition'], fallbackName);
  const url = URL.createObjectURL(new Blob([response.data as ArrayBuffer], { type: response.headers['content-type'] ?? contentTypeOf(name) }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return `已下载：${name}`;
}

let input: HTMLInputElement | null = null;

/**
 * Opens the file picker; null when cancelled. The input stays in the page (hidden,
 * data-testid="bureau-file-input") so tests can set files on it directly.
 */
export function pickFile(extensions: readonly string[]): Promise<PickedFile | null> {
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'bureau-file-input');
    document.body.appendChild(input);
  }
  const picker = input;
  picker.accept = extensions.map((e) => `.${e}`).join(',');
  picker.value = '';
  return new Promise((resolve) => {
    const done = (file: File | null) => {
      picker.onchange = null;
      picker.removeEventListener('cancel', cancel);
      if (!file) return resolve(null);
      file.arrayBuffer().then(
        (bytes) => resolve({ name: file.name, bytes, contentType: contentTypeOf(file.name) }),
        () => resolve(null),
      );
    };
    const cancel = () => done(null);
    picker.onchange = () => done(picker.files?.[0] ?? null);
    picker.addEventListener('cancel', cancel);
    picker.click();
  });
}

/** An <img> source for downloaded image bytes (a blob URL; the page revokes it when done). */
export async function imageSource(bytes: ArrayBuffer, type: string): Promise<string> {
  return URL.createObjectURL(new Blob([bytes], { type }));
}

export function releaseImage(source: string): void {
  URL.revokeObjectURL(source);
}
