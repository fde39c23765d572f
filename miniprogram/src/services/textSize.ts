/**
 * The text size an enterprise chose (适老化): standard, large or extra large. The choice is kept
 * on the device (not with the session, so logging out keeps it) and applied by the platform
 * (platform/textSize.h5.ts scales the page's rem base; index.html reads it before the first paint).
 */
export const TEXT_SIZES = [
  { scale: 1, label: '标准' },
  { scale: 1.5, label: '大' },
  { scale: 2, label: '特大' },
] as const;

export type TextScale = (typeof TEXT_SIZES)[number]['scale'];

/** The storage key index.html reads too: keep the two in step. */
export const TEXT_SCALE_KEY = 'a11y:textScale';

/** A stored value as a scale this app offers; anything else is the standard size. */
export function parseTextScale(stored: string | null | undefined): TextScale {
  const value = Number(stored);
  return TEXT_SIZES.find((size) => size.scale === value)?.scale ?? 1;
}
