/**
 * Makes the platform's modal usable from the keyboard and by screen readers while it is open
 * (neutral default: WeChat's own modal needs nothing). Returns the clean-up.
 */
export function accessibleModal(): () => void {
  return () => undefined;
}
