import { memo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { questionTypeLabels, type AnswerValue, type BonusQuestion, type Question } from '@assess/shared';
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

function AnswerInput({ question, value, disabled, onChange }: Pick<QuestionCardProps, 'question' | 'value' | 'disabled' | 'onChange'>) {
  switch (question.type) {
    case 'single':
      return <SingleChoice question={question} value={typeof value === 'string' ? value : undefined} disabled={disabled} onChange={onChange} />;
    case 'multiple':
      return <MultipleChoice question={question} value={Array.isArray(value) ? value : undefined} disabled={disabled} onChange={onChange} />;
    case 'yesno':
      return <YesNo question={question} value={typeof value === 'boolean' ? value : undefined} disabled={disabled} onChange={onChange} />;
    case 'numeric':
      return <NumericAnswer question={question} value={typeof value === 'number' ? value : undefined} disabled={disabled} onChange={onChange} />;
    case 'text':
    case 'evidence':
      return <TextAnswer question={question} value={typeof value === 'string' ? value : undefined} disabled={disabled} onChange={onChange} />;
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
  return (
    <View
      id={`q-${question.id}`}
      className={`question-card ${message ? 'has-issue' : ''}`}
      {...tid(`question-${question.id}`, { type: question.type, answered })}
    >
      <View className='question-head'>
        <Text className='question-label'>{label}</Text>
        <Text className='question-title'>
          {question.title}
          {question.required && <Text className='question-required'> *</Text>}
        </Text>
      </View>
      <View className='question-meta'>
        <Text className='question-type'>
          {questionTypeLabels[question.type]}
          {question.type === 'numeric' ? `（${question.unit}${question.format === 'integer' ? '，整数' : ''}）` : ''}
        </Text>
        <Text className='question-help-toggle' onClick={() => setHelpOpen((open) => !open)} {...tid(`help-${question.id}`)}>
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
      <AnswerInput question={question} value={props.value} disabled={props.disabled} onChange={props.onChange} />
      {message && (
        <Text className='question-issue' {...tid(`issue-${question.id}`)}>
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
