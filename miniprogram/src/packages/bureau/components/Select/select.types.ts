export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps {
  /** What the choice is about (范围、状态…): the control's accessible name, since the options alone do not say. */
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  /** Test hook (H5): `data-testid` of the control. */
  testId?: string;
  disabled?: boolean;
  className?: string;
}
