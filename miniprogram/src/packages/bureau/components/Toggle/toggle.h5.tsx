import type { ToggleProps } from './toggle.types';

export type { ToggleProps } from './toggle.types';

/** Browsers: a labelled native checkbox (keeps Taro's H5 switch out of the shared chunk). */
export function Toggle({ checked, onChange, label, testId }: ToggleProps) {
  return (
    <label className='switch-field'>
      <input type='checkbox' checked={checked} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
