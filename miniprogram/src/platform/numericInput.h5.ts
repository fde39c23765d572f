/**
 * Browsers: a text input with `inputmode`, not type=number — a number input reports '' for a
 * half-typed '12.' (which would clear the answer) and changes the value on a mouse wheel.
 */
export function numericInputProps(format: 'integer' | 'decimal', allowsNegative: boolean): { type: 'text'; nativeProps: Record<string, string> } {
  const mode = allowsNegative ? 'text' : format === 'integer' ? 'numeric' : 'decimal';
  return { type: 'text', nativeProps: { inputmode: mode, autocomplete: 'off' } };
}
