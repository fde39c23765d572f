import type { AnswerValue } from '@assess/shared';

/** What every question-type component receives. Memoised: `onChange` must be stable. */
export interface AnswerInputProps<Q, V> {
  question: Q;
  value: V | undefined;
  disabled: boolean;
  onChange(questionId: string, value: AnswerValue | undefined): void;
  /** Ids of the question's number and title, which name a group of options (H5: aria-labelledby). */
  labelledBy: string;
  /** The question's number and title as text: an input's accessible name, a group's on WeChat. */
  accessibleName: string;
}
