/**
 * Browsers: Taro's H5 modal (Taro.showModal) is a dialog of plain divs appended to <body>. While
 * it is open: `role="dialog"` named by its title and described by its text, its two buttons are
 * buttons with tab stops (Enter/Space through keyboard.h5.ts), the confirm button has the focus,
 * Tab stays inside, and Escape cancels. When it closes the focus goes back where it was.
 */
function openModal(): HTMLElement | null {
  const modals = [...document.querySelectorAll<HTMLElement>('.taro__modal')];
  return modals.find((modal) => modal.style.display !== 'none') ?? null;
}

export function accessibleModal(): () => void {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const modal = openModal();
  if (!modal) return () => undefined;
  const content = modal.querySelector<HTMLElement>('.taro-modal__content');
  const title = modal.querySelector<HTMLElement>('.taro-modal__title');
  const text = modal.querySelector<HTMLElement>('.taro-modal__text');
  const buttons = [...modal.querySelectorAll<HTMLElement>('.taro-model__btn')].filter((button) => button.style.display !== 'none');
  if (content) {
    content.setAttribute('role', 'dialog');
    content.setAttribute('aria-modal', 'true');
    if (title) {
      title.id ||= 'taro-modal-title';
      content.setAttribute('aria-labelledby', title.id);
    }
    if (text) {
      text.id ||= 'taro-modal-text';
      content.setAttribute('aria-describedby', text.id);
    }
  }
  for (const button of buttons) {
    button.setAttribute('role', 'button');
    button.setAttribute('tabindex', '0');
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      modal.querySelector<HTMLElement>('.taro-model__cancel')?.click();
    } else if (event.key === 'Tab' && buttons.length > 0) {
      const at = buttons.indexOf(document.activeElement as HTMLElement);
      const next = (at + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
      event.preventDefault();
      buttons[at < 0 ? buttons.length - 1 : next]?.focus();
    }
  };
  document.addEventListener('keydown', onKeyDown, true);
  modal.querySelector<HTMLElement>('.taro-model__confirm')?.focus();
  return () => {
    document.removeEventListener('keydown', onKeyDown, true);
    if (before?.isConnected) before.focus();
  };
}
