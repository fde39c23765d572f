import type { ChoiceShape } from './choiceKeys';

export interface ChoiceItem {
  id: string;
  label: string;
  selected: boolean;
}

export interface ChoiceListProps {
  questionId: string;
  /** Ids of the elements that name the group (the question's number and title), for H5. */
  labelledBy: string;
  /** The group's name as text, for WeChat (whose views take aria-label, not aria-labelledby). */
  groupLabel: string;
  /** Round marks and one answer (a radio group), or square marks and many (checkboxes). */
  shape: ChoiceShape;
  options: readonly ChoiceItem[];
  disabled: boolean;
  required?: boolean;
  /** Options side by side (是 / 否) instead of one per line. */
  direction?: 'column' | 'row';
  onToggle(optionId: string): void;
}
