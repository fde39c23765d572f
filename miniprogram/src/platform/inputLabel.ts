/**
 * The accessible name of a Taro <Input>/<Textarea> (neutral default: WeChat, whose inputs take
 * aria-label). On H5 the name must reach the native <input> inside Taro's custom element.
 */
export function inputLabel(label: string): Record<string, unknown> {
  return { ariaLabel: label };
}
