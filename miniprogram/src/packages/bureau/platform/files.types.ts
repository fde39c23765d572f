import { XLSX_MEDIA_TYPE } from '@assess/shared';

export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
  /** The declared type to send it with (from the extension: the browser's guess is often wrong). */
  contentType: string;
}

const types: Record<string, string> = {
  csv: 'text/csv',
  xlsx: XLSX_MEDIA_TYPE,
  png: 'image/png',
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

export function contentTypeOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return types[extension] ?? 'application/octet-stream';
}
