import { memo, useCallback, useMemo } from 'react';
import type { SingleQuestion } from '@assess/shared';
import { ChoiceList } from '../ChoiceOption/choices';
import type { AnswerInputProps } from '../types';

/** One of several options, a radio group; picking the chosen option again clears the answer. */
export const SingleChoice = memo(function SingleChoice({ question, value, disabled, onChange, labelledBy, accessibleName }: AnswerInputProps<SingleQuestion, string>) {
  const toggle = useCallback((optionId: string) => onChange(question.id, value === optionId ? undefined : optionId), [question.id, value, onChange]);
  const options = useMemo(() => question.options.map((option) => ({ id: option.id, label: option.label, selected: value === option.id })), [question.options, value]);
  return (
    <ChoiceList
      questionId={question.id}
      labelledBy={labelledBy}
      groupLabel={accessibleName}
      shape='radio'
      required={question.required}
      options={options}
      disabled={disabled}
      onToggle={toggle}
    />
  );
});
