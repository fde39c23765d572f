import type { PressableOptions, PressableProps } from './pressable.types';

export type { PressableOptions, PressableProps } from './pressable.types';

/**
 * Browsers: `role`, a tab stop and the state, which Taro's H5 views pass to the DOM. Enter and
 * Space press it through the app-wide key handler (platform/keyboard.h5.ts), so a tap handler
 * is all a call site writes.
 */
export function pressable({ label, role = 'button', disabled = false, pressed, current = false }: PressableOptions = {}): PressableProps {
  return {
    role,
    tabIndex: disabled ? -1 : 0,
    ...(label ? { 'aria-label': label } : {}),
    ...(disabled ? { 'aria-disabled': 'true' } : {}),
    ...(pressed !== undefined ? { 'aria-pressed': String(pressed) } : {}),
    ...(current ? { 'aria-current': 'page' } : {}),
  };
}
