/**
 * Keyboard for a numeric answer (neutral default: WeChat's). `digit` gives the number pad with a
 * decimal point, `number` the pad without one. Neither pad has a minus sign, so a question that
 * admits negative numbers gets the full keyboard. The label is what a screen reader announces.
 */
export function numericInputProps(format: 'integer' | 'decimal', allowsNegative: boolean, label: string): { type: 'digit' | 'number' | 'text'; ariaLabel: string } {
  if (allowsNegative) return { type: 'text', ariaLabel: label };
  return { type: format === 'integer' ? 'number' : 'digit', ariaLabel: label };
}
