export interface RangeProps {
  min: number;
  max: number;
  step: number;
  value: number;
  disabled?: boolean;
  /** While dragging and on release. */
  onChange(value: number): void;
  testId?: string;
}
