/**
 * Files in a browser (imported by the `.h5` platform modules only): saving downloaded bytes
 * through a link to a blob, and one hidden file input per purpose, kept in the page with a
 * data-testid so tests can set files on it directly.
 */
export function saveBytes(bytes: ArrayBuffer, name: string, type: string): string {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return `已下载：${name}`;
}

const inputs = new Map<string, HTMLInputElement>();

/** Opens the file picker; null when cancelled. */
export function pickBrowserFile(testId: string, accept: string): Promise<{ name: string; bytes: ArrayBuffer } | null> {
  let picker = inputs.get(testId);
  if (!picker) {
    picker = document.createElement('input');
    picker.type = 'file';
    picker.style.display = 'none';
    picker.setAttribute('data-testid', testId);
    document.body.appendChild(picker);
    inputs.set(testId, picker);
  }
  const input = picker;
  input.accept = accept;
  input.value = '';
  return new Promise((resolve) => {
    const done = (file: File | null) => {
      input.onchange = null;
      input.removeEventListener('cancel', cancel);
      if (!file) return resolve(null);
      file.arrayBuffer().then(
        (bytes) => resolve({ name: file.name, bytes }),
        () => resolve(null),
      );
    };
    const cancel = () => done(null);
    input.onchange = () => done(input.files?.[0] ?? null);
    input.addEventListener('cancel', cancel);
    input.click();
  });
}
