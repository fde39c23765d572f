import { memo } from 'react';
import { Text, View } from '@tarojs/components';
import { tid } from '../../platform/testid';
import type { ChoiceListProps } from './choices.types';
import './index.scss';

export type { ChoiceItem, ChoiceListProps } from './choices.types';

/**
 * The options of a choice question as tappable rows, large enough for a thumb (neutral
 * default: WeChat). The screen reader hears a radio group or checkboxes, each option's label and
 * whether it is chosen (aria-role / aria-label / aria-checked, which WeChat's views support; the
 * build lets them through, see config/a11yAttributes.ts). The H5 sibling adds the keyboard.
 */
export const ChoiceList = memo(function ChoiceList({ questionId, groupLabel, shape, options, disabled, direction = 'column', onToggle }: ChoiceListProps) {
  return (
    <View className={`choice-list ${direction}`} ariaRole={shape === 'radio' ? 'radiogroup' : 'group'} ariaLabel={groupLabel}>
      {options.map((option) => (
        <View
          key={option.id}
          className={`choice-option ${option.selected ? 'selected' : ''} ${disabled ? 'disabled' : ''}`}
          onClick={() => !disabled && onToggle(option.id)}
          ariaRole={shape}
          ariaLabel={option.label}
          {...{ ariaChecked: String(option.selected), ariaDisabled: String(disabled) }}
          {...tid(`option-${questionId}-${option.id}`, { selected: option.selected })}
        >
          <View className={`choice-mark ${shape}`}>{option.selected && <View className='choice-mark-inner' />}</View>
          <Text className='choice-label'>{option.label}</Text>
        </View>
      ))}
    </View>
  );
});
