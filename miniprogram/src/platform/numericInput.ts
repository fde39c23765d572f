/**
 * Keyboard for a numeric answer (neutral default: WeChat's). `digit` gives the number pad with a
 * decimal point, `number` the pad without one. Neither pad has a minus sign, so a question that
 * admits negative numbers gets the full keyboard.
 */
export function numericInputProps(format: 'integer' | 'decimal', allowsNegative: boolean): { type: 'digit' | 'number' | 'text' } {
  if (allowsNegative) return { type: 'text' };
  return { type: format === 'integer' ? 'number' : 'digit' };
}
