/**
 * Browsers: what Taro and NutUI draw is made operable from the keyboard, once for the app.
 *
 * - NutUI's Button renders Taro's <taro-button-core>, a custom element that is neither focusable
 *   nor a button to a screen reader: each one gets `role="button"`, a tab stop, and
 *   `aria-disabled` while disabled.
 * - Every non-native `[role=button]` or `[role=link]` (NutUI buttons, and views given
 *   `pressable()`) is pressed by Enter, and a button also by Space, as a native button is.
 * - Taro's H5 modal (Taro.showModal) is a dialog of plain divs: see dialogs.h5.ts.
 */
const BUTTON_TAG = 'TARO-BUTTON-CORE';

function describeButton(element: Element): void {
  // NutUI marks a disabled button by its class; Taro's element may also carry the attribute.
  const disabled = element.classList.contains('nut-button-disabled') || (element.hasAttribute('disabled') && element.getAttribute('disabled') !== 'false');
  if (element.getAttribute('role') !== 'button') element.setAttribute('role', 'button');
  element.setAttribute('tabindex', disabled ? '-1' : '0');
  if (disabled) element.setAttribute('aria-disabled', 'true');
  else element.removeAttribute('aria-disabled');
}

function describeButtonsIn(root: ParentNode): void {
  if (root instanceof Element && root.tagName === BUTTON_TAG) describeButton(root);
  root.querySelectorAll?.('taro-button-core').forEach(describeButton);
}

function isNative(element: Element): boolean {
  return /^(BUTTON|A|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(element.tagName);
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const target = event.target instanceof Element ? event.target : null;
  const role = target?.getAttribute('role');
  if (!target || isNative(target) || (role !== 'button' && role !== 'link')) return;
  if (event.key === ' ' && role === 'link') return;
  if (target.getAttribute('aria-disabled') === 'true') return;
  event.preventDefault();
  (target as HTMLElement).click();
}

let installed = false;

export function installKeyboardSupport(): void {
  if (installed || typeof document === 'undefined') return;
  installed = true;
  document.addEventListener('keydown', onKeyDown);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.target instanceof Element && record.target.tagName === BUTTON_TAG) describeButton(record.target);
        continue;
      }
      record.addedNodes.forEach((node) => {
        if (node instanceof Element) describeButtonsIn(node);
      });
    }
  });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'class'] });
  describeButtonsIn(document);
}
