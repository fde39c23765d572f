/**
 * Keyboard support for what the framework draws (neutral default: WeChat, which has no
 * keyboard; see keyboard.h5.ts).
 */
export function installKeyboardSupport(): void {
  // Nothing to do: a mini-program is driven by touch and the screen reader's own gestures.
}
