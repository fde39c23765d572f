import type { RangeProps } from './range.types';

export type { RangeProps } from './range.types';

/**
 * Browsers: a native range input (arrow keys move it by a step). Taro's H5 slider would add its
 * web component to the chunk every enterprise page shares.
 */
export function Range({ label, min, max, step, value, disabled = false, onChange, testId }: RangeProps) {
  return (
    <input
      type='range'
      className='bureau-range'
      min={min}
      max={max}
      step={step}
      value={value}
      aria-label={label}
      disabled={disabled}
      data-testid={testId}
      onChange={(event) => onChange(Number(event.target.value))}
    />
  );
}
