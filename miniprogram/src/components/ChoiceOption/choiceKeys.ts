/**
 * What a key does in a list of answer options (WAI-ARIA radio group and checkbox patterns):
 * Space or Enter picks the focused option (or clears it, as a second tap does); the arrow keys,
 * Home and End move the focus — in a radio group they also pick the option moved to, because a
 * radio group has one tab stop (roving tabindex) and the arrows are how one answers in it.
 */
export type ChoiceKeyAction = { kind: 'toggle' } | { kind: 'move'; to: number; pick: boolean } | null;

export type ChoiceShape = 'radio' | 'checkbox';

export function choiceKeyAction(key: string, index: number, count: number, shape: ChoiceShape): ChoiceKeyAction {
  if (count <= 0) return null;
  const pick = shape === 'radio';
  switch (key) {
    case ' ':
    case 'Spacebar':
    case 'Enter':
      return { kind: 'toggle' };
    case 'ArrowDown':
    case 'ArrowRight':
      return { kind: 'move', to: (index + 1) % count, pick };
    case 'ArrowUp':
    case 'ArrowLeft':
      return { kind: 'move', to: (index - 1 + count) % count, pick };
    case 'Home':
      return { kind: 'move', to: 0, pick };
    case 'End':
      return { kind: 'move', to: count - 1, pick };
    default:
      return null;
  }
}

/**
 * The option that takes the Tab stop: in a radio group the chosen one, else the first; in a
 * checkbox group every option is a tab stop (-1 means "all").
 */
export function tabStopOf(selected: readonly boolean[], shape: ChoiceShape): number {
  if (shape === 'checkbox') return -1;
  const chosen = selected.indexOf(true);
  return chosen >= 0 ? chosen : 0;
}
