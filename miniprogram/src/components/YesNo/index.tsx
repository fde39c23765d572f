import { memo, useCallback } from 'react';
import { View } from '@tarojs/components';
import type { YesNoQuestion } from '@assess/shared';
import { ChoiceOption } from '../ChoiceOption';
import type { AnswerInputProps } from '../types';
import './index.scss';

/** 是 / 否 side by side; tapping the chosen one again clears the answer. */
export const YesNo = memo(function YesNo({ question, value, disabled, onChange }: AnswerInputProps<YesNoQuestion, boolean>) {
  const toggle = useCallback(
    (optionId: string) => {
      const picked = optionId === 'yes';
      onChange(question.id, value === picked ? undefined : picked);
    },
    [question.id, value, onChange],
  );
  return (
    <View className='yes-no'>
      <View className='yes-no-item'>
        <ChoiceOption questionId={question.id} optionId='yes' label='是' selected={value === true} shape='radio' disabled={disabled} onToggle={toggle} />
      </View>
      <View className='yes-no-item'>
        <ChoiceOption questionId={question.id} optionId='no' label='否' selected={value === false} shape='radio' disabled={disabled} onToggle={toggle} />
      </View>
    </View>
  );
});
