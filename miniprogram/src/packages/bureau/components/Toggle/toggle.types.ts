export interface ToggleProps {
  checked: boolean;
  onChange(checked: boolean): void;
  label: string;
  testId?: string;
}
