import { memo } from 'react';
import { Text, View } from '@tarojs/components';
import { tid } from '../../platform/testid';
import './index.scss';

export interface ChoiceOptionProps {
  questionId: string;
  optionId: string;
  label: string;
  selected: boolean;
  /** Round mark for one-of choices, square for many-of. */
  shape: 'radio' | 'checkbox';
  disabled: boolean;
  onToggle(optionId: string): void;
}

/** One tappable option row; large enough to hit with a thumb. */
export const ChoiceOption = memo(function ChoiceOption(props: ChoiceOptionProps) {
  const { optionId, label, selected, shape, disabled, onToggle } = props;
  return (
    <View
      className={`choice-option ${selected ? 'selected' : ''} ${disabled ? 'disabled' : ''}`}
      onClick={() => !disabled && onToggle(optionId)}
      {...tid(`option-${props.questionId}-${optionId}`, { selected })}
    >
      <View className={`choice-mark ${shape}`}>{selected && <View className='choice-mark-inner' />}</View>
      <Text className='choice-label'>{label}</Text>
    </View>
  );
});
