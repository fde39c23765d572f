import { memo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { questionTypeLabels, type AnswerValue, type BonusQuestion, type Question } from '@assess/shared';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';
import { SingleChoice } from '../SingleChoice';
import { MultipleChoice } from '../MultipleChoice';
import { YesNo } from '../YesNo';
import { NumericAnswer } from '../NumericAnswer';
import { TextAnswer } from '../TextAnswer';
import './index.scss';

export interface QuestionCardProps {
  question: Question | BonusQuestion;
  /** Shown before the title, e.g. '3.2'. */
  label: string;
  value: AnswerValue | undefined;
  /** The engine's message for this answer (range, decimals, required at review). */
  issue?: string;
  /** The server refused this answer when saving the draft. */
  refused?: string;
  /** A number that contradicts another answer (shared consistency rules): shown, never blocking. */
  warning?: string;
  disabled: boolean;
  onChange(questionId: string, value: AnswerValue | undefined): void;
}

type InputProps = Pick<QuestionCardProps, 'question' | 'value' | 'disabled' | 'onChange'> & { labelledBy: string; accessibleName: string };

function AnswerInput({ question, value, ...rest }: InputProps) {
  switch (question.type) {
    case 'single':
      return <SingleChoice question={question} value={typeof value === 'string' ? value : undefined} {...rest} />;
    case 'multiple':
      return <MultipleChoice question={question} value={Array.isArray(value) ? value : undefined} {...rest} />;
    case 'yesno':
      return <YesNo question={question} value={typeof value === 'boolean' ? value : undefined} {...rest} />;
    case 'numeric':
      return <NumericAnswer question={question} value={typeof value === 'number' ? value : undefined} {...rest} />;
    case 'text':
    case 'evidence':
      return <TextAnswer question={question} value={typeof value === 'string' ? value : undefined} {...rest} />;
  }
}

/**
 * One question: title, type, help on demand, the input for its type, and its message. Memoised
 * on its props, so typing in one question re-renders that question only (WeChat sends every
 * re-render across the setData bridge).
 */
export const QuestionCard = memo(function QuestionCard(props: QuestionCardProps) {
  const { question, label, issue, refused } = props;
  const [helpOpen, setHelpOpen] = useState(false);
  const message = issue ?? refused;
  const answered = props.value !== undefined;
  // The question's number and title name its options or its input (and so does its message).
  const labelId = `ql-${question.id}`;
  const titleId = `qt-${question.id}`;
  const accessibleName = `${label} ${question.title}${question.required ? '（必答）' : ''}`;
  return (
    <View
      id={`q-${question.id}`}
      className={`question-card ${message ? 'has-issue' : ''}`}
      {...tid(`question-${question.id}`, { type: question.type, answered })}
    >
      <View className='question-head'>
        <Text className='question-label' id={labelId}>
          {label}
        </Text>
        <Text className='question-title' id={titleId}>
          {question.title}
          {question.required && (
            <Text className='question-required' {...{ 'aria-hidden': 'true' }}>
              {' '}
              *
            </Text>
          )}
        </Text>
      </View>
      <View className='question-meta'>
        <Text className='question-type'>
          {questionTypeLabels[question.type]}
          {question.type === 'numeric' ? `（${question.unit}${question.format === 'integer' ? '，整数' : ''}）` : ''}
        </Text>
        <Text
          className='question-help-toggle'
          onClick={() => setHelpOpen((open) => !open)}
          {...pressable({ label: `${helpOpen ? '收起说明' : '填写说明'}（第 ${label} 题）` })}
          {...tid(`help-${question.id}`)}
        >
          {helpOpen ? '收起说明' : '填写说明'}
        </Text>
      </View>
      {helpOpen && (
        <View className='question-help'>
          <Text className='question-help-line'>题目含义：{question.help.meaning}</Text>
          <Text className='question-help-line'>佐证材料：{question.help.evidence}</Text>
          <Text className='question-help-line'>对应条款：{question.help.clause}</Text>
        </View>
      )}
      <AnswerInput question={question} value={props.value} disabled={props.disabled} onChange={props.onChange} labelledBy={`${labelId} ${titleId}`} accessibleName={accessibleName} />
      {message && (
        <Text className='question-issue' {...{ role: 'alert' }} {...tid(`issue-${question.id}`)}>
          {message}
        </Text>
      )}
      {props.warning && (
        <Text className='question-warning' {...tid(`warning-${question.id}`)}>
          {props.warning}
        </Text>
      )}
    </View>
  );
});
