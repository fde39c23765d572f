import { memo, useRef, type KeyboardEvent } from 'react';
import { tid } from '../../platform/testid';
import { choiceKeyAction, tabStopOf } from './choiceKeys';
import type { ChoiceListProps } from './choices.types';
import './index.scss';

export type { ChoiceItem, ChoiceListProps } from './choices.types';

/**
 * Browsers: the options as a WAI-ARIA radio group (one tab stop, the arrow keys move and pick,
 * Space or Enter picks or clears) or a group of checkboxes (each a tab stop, Space or Enter
 * toggles), named by the question's number and title, with a visible focus ring. Plain elements
 * rather than Taro's views, so focus and key events are the browser's own.
 */
export const ChoiceList = memo(function ChoiceList({ questionId, labelledBy, shape, options, disabled, required = false, direction = 'column', onToggle }: ChoiceListProps) {
  const elements = useRef<Array<HTMLDivElement | null>>([]);
  const tabStop = tabStopOf(
    options.map((option) => option.selected),
    shape,
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const action = choiceKeyAction(event.key, index, options.length, shape);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'toggle') {
      if (!disabled) onToggle(options[index]!.id);
      return;
    }
    elements.current[action.to]?.focus();
    const target = options[action.to];
    if (action.pick && !disabled && target && !target.selected) onToggle(target.id);
  };

  return (
    <div
      className={`choice-list ${direction}`}
      role={shape === 'radio' ? 'radiogroup' : 'group'}
      aria-labelledby={labelledBy}
      aria-required={shape === 'radio' && required ? true : undefined}
      aria-disabled={disabled || undefined}
    >
      {options.map((option, i) => (
        <div
          key={option.id}
          ref={(element) => void (elements.current[i] = element)}
          className={`choice-option ${option.selected ? 'selected' : ''} ${disabled ? 'disabled' : ''}`}
          role={shape}
          aria-checked={option.selected}
          aria-disabled={disabled || undefined}
          tabIndex={tabStop === -1 || tabStop === i ? 0 : -1}
          onClick={() => !disabled && onToggle(option.id)}
          onKeyDown={(event) => onKeyDown(event, i)}
          {...tid(`option-${questionId}-${option.id}`, { selected: option.selected })}
        >
          <span className={`choice-mark ${shape}`} aria-hidden='true'>
            {option.selected && <span className='choice-mark-inner' />}
          </span>
          <span className='choice-label'>{option.label}</span>
        </div>
      ))}
    </div>
  );
});
