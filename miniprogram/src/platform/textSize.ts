import type { TextScale } from '../services/textSize';

/**
 * Applying the chosen text size (neutral default: WeChat, where sizes are in rpx and the user's
 * own font setting is WeChat's). The chooser is shown only where the size can be applied.
 */
export const CAN_SCALE_TEXT: boolean = false;

export function readTextScale(): TextScale {
  return 1;
}

export function applyTextScale(_scale: TextScale): void {
  // Nothing to apply here.
}
