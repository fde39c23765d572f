import { memo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { applyTextScale, CAN_SCALE_TEXT, readTextScale } from '../../platform/textSize';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import { TEXT_SIZES, type TextScale } from '../../services/textSize';
import './index.scss';

/**
 * 字号：标准 · 大 · 特大 (适老化). The choice is remembered on this device and applies to every
 * page at once; shown only where the platform can apply it (H5; on WeChat the user's own font
 * setting applies).
 */
export const TextSizeSwitch = memo(function TextSizeSwitch() {
  const [scale, setScale] = useState<TextScale>(readTextScale);
  if (!CAN_SCALE_TEXT) return null;
  const choose = (next: TextScale) => {
    setScale(next);
    applyTextScale(next);
  };
  return (
    <View className='text-size' {...{ role: 'group', 'aria-labelledby': 'text-size-label' }} {...tid('text-size', { scale })}>
      <Text className='text-size-label' id='text-size-label'>
        字号
      </Text>
      {TEXT_SIZES.map((size) => (
        <Text
          key={size.scale}
          className={`text-size-option ${size.scale === scale ? 'active' : ''}`}
          onClick={() => choose(size.scale)}
          {...pressable({ pressed: size.scale === scale })}
          {...tid(`text-size-${size.scale}`)}
        >
          {size.label}
        </Text>
      ))}
    </View>
  );
});
