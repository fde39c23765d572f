import { Text, View } from '@tarojs/components';
import { pressable } from '../../../../platform/pressable';
import type { ToggleProps } from './toggle.types';

export type { ToggleProps } from './toggle.types';

/** A tick box drawn from views (neutral default: WeChat; no <switch> template in the main package). */
export function Toggle({ checked, onChange, label }: ToggleProps) {
  return (
    <View className='switch-field' onClick={() => onChange(!checked)} {...pressable({ label, pressed: checked })}>
      <Text className={`bureau-tick ${checked ? 'on' : ''}`}>{checked ? '✓' : ''}</Text>
      <Text>{label}</Text>
    </View>
  );
}
