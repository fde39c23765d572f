import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { pressable } from '../../../../platform/pressable';
import { tid } from '../../../../platform/testid';

export interface ActionButtonProps {
  kind?: 'primary' | 'plain' | 'danger';
  disabled?: boolean;
  /** Shown instead of the label while the action runs (the button is disabled meanwhile). */
  busyText?: string | null;
  testId?: string;
  onClick(): void;
  children: ReactNode;
}

/** A compact button for the workbench's toolbars (NutUI's is sized for a phone's thumb). */
export function ActionButton({ kind = 'plain', disabled = false, busyText = null, testId, onClick, children }: ActionButtonProps) {
  const off = disabled || busyText !== null;
  return (
    <View
      className={`bbutton ${kind} ${off ? 'disabled' : ''}`}
      onClick={() => !off && onClick()}
      {...pressable({ disabled: off })}
      {...(testId ? tid(testId, { disabled: off }) : {})}
    >
      {busyText ?? children}
    </View>
  );
}
