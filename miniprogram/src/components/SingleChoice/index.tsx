import { memo, useCallback } from 'react';
import { View } from '@tarojs/components';
import type { SingleQuestion } from '@assess/shared';
import { ChoiceOption } from '../ChoiceOption';
import type { AnswerInputProps } from '../types';

/** One of several options; tapping the chosen option again clears the answer. */
export const SingleChoice = memo(function SingleChoice({ question, value, disabled, onChange }: AnswerInputProps<SingleQuestion, string>) {
  const toggle = useCallback((optionId: string) => onChange(question.id, value === optionId ? undefined : optionId), [question.id, value, onChange]);
  return (
    <View>
      {question.options.map((option) => (
        <ChoiceOption
          key={option.id}
          questionId={question.id}
          optionId={option.id}
          label={option.label}
          selected={value === option.id}
          shape='radio'
          disabled={disabled}
          onToggle={toggle}
        />
      ))}
    </View>
  );
});
