/**
 * A view that reacts to a tap, made a button for assistive technology (neutral default:
 * WeChat, whose views take `aria-role` and `aria-label`; see config/a11yAttributes.ts for how
 * they reach the templates). The H5 sibling adds a tab stop; the Enter and Space keys are
 * handled once for the whole app (platform/keyboard.h5.ts).
 */
import type { PressableOptions, PressableProps } from './pressable.types';

export type { PressableOptions, PressableProps } from './pressable.types';

export function pressable({ label, role = 'button', disabled = false, pressed }: PressableOptions = {}): PressableProps {
  return {
    ariaRole: role,
    ...(label ? { ariaLabel: label } : {}),
    ...(disabled ? { ariaDisabled: 'true' } : {}),
    ...(pressed !== undefined ? { ariaPressed: String(pressed) } : {}),
  };
}
