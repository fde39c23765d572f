import { Text, View } from '@tarojs/components';
import { pressable } from '../../../../platform/pressable';
import type { RangeProps } from './range.types';

export type { RangeProps } from './range.types';

/**
 * Step buttons (neutral default: WeChat): − and + move by one step, the ×10 buttons by ten. Not
 * WeChat's <slider>: its template would land in the main package's base.wxml (see Select). The
 * H5 sibling is a native range input.
 */
export function Range({ label, min, max, step, value, disabled = false, onChange }: RangeProps) {
  const move = (by: number) => !disabled && onChange(Math.min(max, Math.max(min, value + by)));
  return (
    <View className={`bureau-stepper ${disabled ? 'disabled' : ''}`}>
      <Text className='bureau-step' onClick={() => move(-10 * step)} {...pressable({ label: `${label}减少 ${10 * step}`, disabled })}>
        −−
      </Text>
      <Text className='bureau-step' onClick={() => move(-step)} {...pressable({ label: `${label}减少 ${step}`, disabled })}>
        −
      </Text>
      <View className='meter-track bureau-stepper-track'>
        <View className='meter-bar' style={{ width: `${((value - min) / (max - min || 1)) * 100}%`, background: '#1d5fbf' }} />
      </View>
      <Text className='bureau-step' onClick={() => move(step)} {...pressable({ label: `${label}增加 ${step}`, disabled })}>
        +
      </Text>
      <Text className='bureau-step' onClick={() => move(10 * step)} {...pressable({ label: `${label}增加 ${10 * step}`, disabled })}>
        ++
      </Text>
    </View>
  );
}
