export interface RangeProps {
  /** The control's accessible name (what the value is: 优势企业合格线). */
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  disabled?: boolean;
  /** While dragging and on release. */
  onChange(value: number): void;
  testId?: string;
}
