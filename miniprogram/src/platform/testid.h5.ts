import type { TestData } from './testid.types';

/** Browsers: `data-testid` and `data-<key>`, which Taro's H5 components pass through to the DOM. */
export function tid(id: string, data?: TestData): Record<string, string> {
  const attributes: Record<string, string> = { 'data-testid': id };
  for (const [key, value] of Object.entries(data ?? {})) {
    if (value !== undefined && value !== null) attributes[`data-${key}`] = String(value);
  }
  return attributes;
}
