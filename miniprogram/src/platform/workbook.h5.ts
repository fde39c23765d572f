import type { ApiClient } from '../services/apiClient';

/** Browsers: the workbook is fetched with the bearer token and saved through a download link. */
export const WORKBOOK_PATH = '/api/questionnaire.xlsx';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileNameOf(disposition: string | undefined): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain?.[1] ?? '测评问卷.xlsx';
}

export async function downloadWorkbook(client: ApiClient): Promise<string> {
  const response = await client.send('GET', WORKBOOK_PATH, { responseType: 'arraybuffer', timeoutMs: 60_000 });
  const name = fileNameOf(response.headers['content-disposition']);
  const url = URL.createObjectURL(new Blob([response.data as ArrayBuffer], { type: XLSX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return `已下载：${name}`;
}

export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
}

let input: HTMLInputElement | null = null;

/**
 * Opens the file picker for an .xlsx; null when cancelled. The input stays in the page
 * (hidden, data-testid="workbook-file-input") so tests can also set files on it directly.
 */
export function pickWorkbook(): Promise<PickedFile | null> {
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.accept = `.xlsx,${XLSX_TYPE}`;
    input.style.display = 'none';
    input.setAttribute('data-testid', 'workbook-file-input');
    document.body.appendChild(input);
  }
  const picker = input;
  picker.value = '';
  return new Promise((resolve) => {
    const done = (file: File | null) => {
      picker.onchange = null;
      picker.removeEventListener('cancel', cancel);
      if (!file) return resolve(null);
      file.arrayBuffer().then(
        (bytes) => resolve({ name: file.name, bytes }),
        () => resolve(null),
      );
    };
    const cancel = () => done(null);
    picker.onchange = () => done(picker.files?.[0] ?? null);
    picker.addEventListener('cancel', cancel);
    picker.click();
  });
}
