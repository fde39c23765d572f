import type { AnswerValue } from '@assess/shared';

/** What every question-type component receives. Memoised: `onChange` must be stable. */
export interface AnswerInputProps<Q, V> {
  question: Q;
  value: V | undefined;
  disabled: boolean;
  onChange(questionId: string, value: AnswerValue | undefined): void;
}
