import type { ReceiptFile } from '@assess/shared';
import { pickBrowserFile, saveBytes } from './browserFiles';

/** Browsers: the receipt file is downloaded, picked (input data-testid="receipt-file-input") or dropped on the page. */
export function receiptFileName(file: ReceiptFile): string {
  return `receipt-${file.receipt.number}-${file.receipt.attemptId}.json`;
}

export async function saveReceiptFile(file: ReceiptFile): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(file, null, 2));
  return saveBytes(bytes.buffer as ArrayBuffer, receiptFileName(file), 'application/json');
}

const decode = (bytes: ArrayBuffer) => new TextDecoder('utf-8').decode(bytes);

export async function pickReceiptFile(): Promise<{ name: string; text: string } | null> {
  const picked = await pickBrowserFile('receipt-file-input', '.json,application/json');
  return picked ? { name: picked.name, text: decode(picked.bytes) } : null;
}

/** Calls `handle` with each file dropped anywhere on the page; returns the unsubscribe. */
export function onDroppedFile(handle: (file: { name: string; text: string }) => void): () => void {
  const over = (event: DragEvent) => event.preventDefault();
  const drop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file) void file.arrayBuffer().then((bytes) => handle({ name: file.name, text: decode(bytes) }));
  };
  document.addEventListener('dragover', over);
  document.addEventListener('drop', drop);
  return () => {
    document.removeEventListener('dragover', over);
    document.removeEventListener('drop', drop);
  };
}
