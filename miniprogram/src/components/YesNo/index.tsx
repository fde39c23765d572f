import { memo, useCallback } from 'react';
import type { YesNoQuestion } from '@assess/shared';
import { ChoiceList } from '../ChoiceOption/choices';
import type { AnswerInputProps } from '../types';

/** 是 / 否 side by side, a radio group of two; picking the chosen one again clears the answer. */
export const YesNo = memo(function YesNo({ question, value, disabled, onChange, labelledBy, accessibleName }: AnswerInputProps<YesNoQuestion, boolean>) {
  const toggle = useCallback(
    (optionId: string) => {
      const picked = optionId === 'yes';
      onChange(question.id, value === picked ? undefined : picked);
    },
    [question.id, value, onChange],
  );
  return (
    <ChoiceList
      questionId={question.id}
      labelledBy={labelledBy}
      groupLabel={accessibleName}
      shape='radio'
      direction='row'
      required={question.required}
      disabled={disabled}
      onToggle={toggle}
      options={[
        { id: 'yes', label: '是', selected: value === true },
        { id: 'no', label: '否', selected: value === false },
      ]}
    />
  );
});
