/**
 * Browsers: Taro's <taro-input-core> / <taro-textarea-core> wrap a native <input>/<textarea>;
 * `nativeProps` is what reaches it, so the label goes there (a `<label>` cannot point into it).
 */
export function inputLabel(label: string, nativeProps: Record<string, string> = {}): Record<string, unknown> {
  return { nativeProps: { ...nativeProps, 'aria-label': label } };
}
