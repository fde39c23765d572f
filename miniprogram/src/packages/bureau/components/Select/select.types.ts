export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps {
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  /** Test hook (H5): `data-testid` of the control. */
  testId?: string;
  disabled?: boolean;
  className?: string;
}
