/** Attributes that make a tappable view a button (or link) for keyboards and screen readers. */
export type PressableProps = Readonly<Record<string, string | number | boolean | undefined>>;

export interface PressableOptions {
  /** What a screen reader announces, when the visible text does not say it (an icon, '›'). */
  label?: string;
  /** `link` for what opens another page, `button` for what acts here. */
  role?: 'button' | 'link';
  disabled?: boolean;
  /** A toggle's state (aria-pressed). */
  pressed?: boolean;
  /** The link to the page being shown (aria-current="page"), e.g. the section tab in use. */
  current?: boolean;
}
