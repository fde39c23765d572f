import type { Receipt } from '@assess/shared';

/**
 * A receipt in words a person can read out on the phone to a bureau, instead of the database's
 * 24-character id: the Beijing date of receipt, the attempt's number, and the first eight
 * characters of the checksum — '20261204-02-3F9A2C1B'. Derived from the receipt alone, so the
 * enterprise's page and the bureau's show the same number, and it changes if any of them does.
 */
export function receiptNumber(receipt: Pick<Receipt, 'submittedAt' | 'number' | 'checksum'>): string {
  const ms = Date.parse(receipt.submittedAt);
  const day = Number.isNaN(ms) ? '00000000' : new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
  return `${day}-${String(receipt.number).padStart(2, '0')}-${receipt.checksum.slice(0, 8).toUpperCase()}`;
}

/** A questionnaire by its Chinese title and version ('…测评（ISO 56005/56002）· 2023 版'). */
export function questionnaireName(definition: { title: string; version: string }): string {
  return `${definition.title} · ${definition.version} 版`;
}

/**
 * The questionnaire of a receipt when its definition could not be read: the version from the
 * ref ('iso56005-56002@2023' → '2023 版'), never the ref itself.
 */
export function questionnaireFallbackName(ref: string): string {
  const version = ref.split('@')[1];
  return version ? `测评问卷 · ${version} 版` : '测评问卷';
}
