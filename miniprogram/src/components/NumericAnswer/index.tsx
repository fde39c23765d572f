import { memo, useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { NumericQuestion } from '@assess/shared';
import { numericInputProps } from '../../platform/numericInput';
import { tid } from '../../platform/testid';
import { parseNumber } from '../../services/numbers';
import type { AnswerInputProps } from '../types';
import './index.scss';

function toText(value: number | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/**
 * A number with its unit and a numeric keyboard. What is typed is kept as text while it is not
 * yet a number ('12.'), and committed as a number as soon as it is one; range and decimal checks
 * come from the shared engine (shown by the question card).
 */
export const NumericAnswer = memo(function NumericAnswer({ question, value, disabled, onChange, accessibleName }: AnswerInputProps<NumericQuestion, number>) {
  const [text, setText] = useState(() => toText(value));
  const [unreadable, setUnreadable] = useState(false);
  const focused = useRef(false);

  // An answer changed elsewhere (conflict choice, workbook upload) replaces the text; only a
  // change of the answer itself does, so `text` is read here but deliberately not a dependency.
  useEffect(() => {
    if (focused.current) return;
    const shown = parseNumber(text);
    if ((shown.kind === 'number' ? shown.value : undefined) !== value) setText(toText(value));
  }, [value]);

  const commit = (raw: string) => {
    const parsed = parseNumber(raw);
    setUnreadable(parsed.kind === 'unreadable');
    if (parsed.kind === 'empty') onChange(question.id, undefined);
    else if (parsed.kind === 'number') onChange(question.id, parsed.value);
  };

  return (
    <View className='numeric-answer'>
      <View className={`numeric-box ${disabled ? 'disabled' : ''}`}>
        <Input
          className='numeric-input'
          value={text}
          disabled={disabled}
          placeholder={question.format === 'integer' ? '请输入整数' : '请输入数字'}
          maxlength={24}
          {...numericInputProps(question.format, question.min === undefined || question.min < 0, `${accessibleName}（单位：${question.unit}）`)}
          onInput={(e) => {
            setText(e.detail.value);
            commit(e.detail.value);
          }}
          onFocus={() => {
            focused.current = true;
          }}
          onBlur={() => {
            focused.current = false;
            commit(text);
          }}
          {...tid(`numeric-${question.id}`)}
        />
        <Text className='numeric-unit'>{question.unit}</Text>
      </View>
      {unreadable && <Text className='error-text'>请填写数字（可含小数点），不要带单位或文字</Text>}
    </View>
  );
});
