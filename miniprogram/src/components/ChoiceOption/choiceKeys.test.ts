import { choiceKeyAction, tabStopOf } from './choiceKeys';

describe('answer options by keyboard', () => {
  it('When Space or Enter is pressed, then the focused option is toggled', () => {
    expect(choiceKeyAction(' ', 1, 4, 'radio')).toEqual({ kind: 'toggle' });
    expect(choiceKeyAction('Enter', 0, 4, 'checkbox')).toEqual({ kind: 'toggle' });
  });

  it('When an arrow is pressed in a radio group, then the focus moves (wrapping round) and picks the option', () => {
    expect(choiceKeyAction('ArrowDown', 3, 4, 'radio')).toEqual({ kind: 'move', to: 0, pick: true });
    expect(choiceKeyAction('ArrowUp', 0, 4, 'radio')).toEqual({ kind: 'move', to: 3, pick: true });
    expect(choiceKeyAction('ArrowRight', 0, 2, 'radio')).toEqual({ kind: 'move', to: 1, pick: true });
    expect(choiceKeyAction('End', 0, 4, 'radio')).toEqual({ kind: 'move', to: 3, pick: true });
    expect(choiceKeyAction('Home', 2, 4, 'radio')).toEqual({ kind: 'move', to: 0, pick: true });
  });

  it('When an arrow is pressed among checkboxes, then only the focus moves', () => {
    expect(choiceKeyAction('ArrowDown', 1, 4, 'checkbox')).toEqual({ kind: 'move', to: 2, pick: false });
  });

  it('When another key is pressed (Tab, a letter), then the options leave it alone', () => {
    expect(choiceKeyAction('Tab', 0, 4, 'radio')).toBeNull();
    expect(choiceKeyAction('a', 0, 4, 'checkbox')).toBeNull();
    expect(choiceKeyAction('Enter', 0, 0, 'radio')).toBeNull();
  });

  it('When a radio group is tabbed into, then the chosen option (or the first) is the one tab stop', () => {
    expect(tabStopOf([false, true, false], 'radio')).toBe(1);
    expect(tabStopOf([false, false], 'radio')).toBe(0);
    expect(tabStopOf([true, true], 'checkbox')).toBe(-1);
  });
});
