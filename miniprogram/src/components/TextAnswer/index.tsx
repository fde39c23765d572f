import { memo, useEffect, useRef, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { MAX_TEXT_ANSWER, type EvidenceQuestion, type TextQuestion } from '@assess/shared';
import { inputLabel } from '../../platform/inputLabel';
import { tid } from '../../platform/testid';
import type { AnswerInputProps } from '../types';
import './index.scss';

/**
 * Free text (and the evidence note, which names the documents a bureau may ask to see). The text
 * is held locally while typing — WeChat's textarea stutters when a controlled value is echoed
 * back on every keystroke — and each input is passed on for autosave.
 */
export const TextAnswer = memo(function TextAnswer({ question, value, disabled, onChange, accessibleName }: AnswerInputProps<TextQuestion | EvidenceQuestion, string>) {
  const [text, setText] = useState(value ?? '');
  const focused = useRef(false);
  const maxLength = question.maxLength ?? MAX_TEXT_ANSWER;

  useEffect(() => {
    if (!focused.current && (value ?? '') !== text) setText(value ?? '');
  }, [value]);

  return (
    <View className='text-answer'>
      <Textarea
        className={`text-input ${disabled ? 'disabled' : ''}`}
        value={text}
        disabled={disabled}
        maxlength={maxLength}
        autoHeight
        placeholder={question.type === 'evidence' ? '列出可佐证的材料名称，如制度文件、证书、合同编号' : '请填写'}
        onInput={(e) => {
          setText(e.detail.value);
          onChange(question.id, e.detail.value);
        }}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
        }}
        {...inputLabel(accessibleName)}
        {...tid(`text-${question.id}`)}
      />
      <Text className='text-count muted'>
        {text.length} / {maxLength}
      </Text>
    </View>
  );
});
