import { parseTextScale, TEXT_SCALE_KEY, type TextScale } from '../services/textSize';

/**
 * Browsers: every size is in rem (Taro's pxtransform), so the text size is the rem base that
 * index.html sets from the screen width, times the chosen scale. Stored in localStorage under
 * a key of its own, which index.html reads before the first paint (no flash of small text).
 */
export const CAN_SCALE_TEXT: boolean = true;

export function readTextScale(): TextScale {
  try {
    return parseTextScale(window.localStorage.getItem(TEXT_SCALE_KEY));
  } catch {
    return 1;
  }
}

export function applyTextScale(scale: TextScale): void {
  try {
    if (scale === 1) window.localStorage.removeItem(TEXT_SCALE_KEY);
    else window.localStorage.setItem(TEXT_SCALE_KEY, String(scale));
  } catch {
    // Private mode without storage: the size applies to this visit only.
  }
  document.documentElement.dataset.textScale = String(scale);
  // index.html recomputes the rem base on resize.
  window.dispatchEvent(new Event('resize'));
}
