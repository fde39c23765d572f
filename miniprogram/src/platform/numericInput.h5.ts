/**
 * Browsers: a text input with `inputmode`, not type=number — a number input reports '' for a
 * half-typed '12.' (which would clear the answer) and changes the value on a mouse wheel. The
 * label names the native input inside Taro's element (see inputLabel.h5.ts).
 */
export function numericInputProps(format: 'integer' | 'decimal', allowsNegative: boolean, label: string): { type: 'text'; nativeProps: Record<string, string> } {
  const mode = allowsNegative ? 'text' : format === 'integer' ? 'numeric' : 'decimal';
  return { type: 'text', nativeProps: { inputmode: mode, autocomplete: 'off', 'aria-label': label } };
}
