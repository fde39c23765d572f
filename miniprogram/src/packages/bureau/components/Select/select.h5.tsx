import type { SelectProps } from './select.types';
import './index.scss';

export type { SelectOption, SelectProps } from './select.types';

/** Browsers: a native <select> (keyboard, mouse wheel and screen readers work as on any site). */
export function Select({ label, value, options, onChange, testId, disabled = false, className = '' }: SelectProps) {
  return (
    <select
      className={`bureau-select native ${className}`}
      value={value}
      aria-label={label}
      title={label}
      disabled={disabled}
      data-testid={testId}
      onChange={(event) => onChange(event.target.value)}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
