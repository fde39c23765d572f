import { memo, useCallback, useMemo } from 'react';
import { Text, View } from '@tarojs/components';
import type { MultipleQuestion } from '@assess/shared';
import { ChoiceList } from '../ChoiceOption/choices';
import type { AnswerInputProps } from '../types';

/**
 * Several options, a group of checkboxes. An exclusive option ("none of these") clears the
 * others and is cleared by them, so the answer is always one the engine accepts; `maxChoices`
 * stops further picks.
 */
export const MultipleChoice = memo(function MultipleChoice({ question, value, disabled, onChange, labelledBy, accessibleName }: AnswerInputProps<MultipleQuestion, string[]>) {
  const limit = question.maxChoices;

  const toggle = useCallback(
    (optionId: string) => {
      const chosen = Array.isArray(value) ? value : [];
      const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.id));
      let next: string[];
      if (chosen.includes(optionId)) next = chosen.filter((id) => id !== optionId);
      else if (exclusive.has(optionId)) next = [optionId];
      else {
        next = [...chosen.filter((id) => !exclusive.has(id)), optionId];
        if (limit !== undefined && next.length > limit) return;
      }
      onChange(question.id, next.length > 0 ? next : undefined);
    },
    [question, value, limit, onChange],
  );

  const options = useMemo(() => {
    const chosen = Array.isArray(value) ? value : [];
    return question.options.map((option) => ({ id: option.id, label: option.label, selected: chosen.includes(option.id) }));
  }, [question.options, value]);

  return (
    <View>
      {limit !== undefined && <Text className='muted'>最多选择 {limit} 项</Text>}
      <ChoiceList
        questionId={question.id}
        labelledBy={labelledBy}
        groupLabel={limit !== undefined ? `${accessibleName}（最多选择 ${limit} 项）` : accessibleName}
        shape='checkbox'
        options={options}
        disabled={disabled}
        onToggle={toggle}
      />
    </View>
  );
});
