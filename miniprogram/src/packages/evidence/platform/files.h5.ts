import type { HttpResponse } from '../../../services/apiClient';
import { fileNameOf } from '../../../services/contentDisposition';
import type { EvidenceFile } from './files.types';

export type { EvidenceFile } from './files.types';

let input: HTMLInputElement | null = null;

/** Browsers: a hidden file input (data-testid="evidence-file-input"); the File is sliced, never read whole. */
export function pickEvidenceFile(extensions: readonly string[]): Promise<EvidenceFile | null> {
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'evidence-file-input');
    input.setAttribute('aria-label', '选择要上传的材料文件');
    document.body.appendChild(input);
  }
  const picker = input;
  picker.accept = extensions.map((e) => `.${e}`).join(',');
  picker.value = '';
  return new Promise((resolve) => {
    const cancel = () => finish(null);
    const finish = (file: File | null) => {
      picker.onchange = null;
      picker.removeEventListener('cancel', cancel);
      resolve(file && { name: file.name, size: file.size, type: file.type, read: (start, end) => file.slice(start, end).arrayBuffer() });
    };
    picker.onchange = () => finish(picker.files?.[0] ?? null);
    picker.addEventListener('cancel', cancel);
    picker.click();
  });
}

/** Shows a downloaded file in a new tab (PDF and images open in the browser). */
export async function showFile(response: HttpResponse, fallbackName: string): Promise<string> {
  const name = fileNameOf(response.headers['content-disposition'], fallbackName);
  const url = URL.createObjectURL(new Blob([response.data as ArrayBuffer], { type: response.headers['content-type'] ?? 'application/octet-stream' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return `已打开：${name}`;
}
