import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../scripts/lib/paths';
import {
  answersExcept,
  assertNoErrors,
  byTestId,
  countPointerEvents,
  expectAccessible,
  expectAttribute,
  horizontalOverflow,
  openE2eWorld,
  saveDraftViaApi,
  screenshot,
  startDraftViaApi,
  tabTo,
  waitForSync,
  type E2eWorld,
} from '../helpers/e2e';

/**
 * The enterprise journey for someone who uses a keyboard (or a screen reader driving one): every
 * page checked by axe (no serious or critical WCAG 2.1 AA violation), and the whole way from the
 * QR link to a submitted attempt done with page.keyboard alone — no mouse, no touch.
 */

/** Answered by keyboard here: a radio group, a group of checkboxes, 是/否 and a number. */
const DRIVEN = ['revenue', 'overseas_business', 'ctx_external', 'ctx_stakeholders'];

/**
 * Screenshots referenced from the README: always saved as artefacts; written over the committed
 * ones in docs/screenshots only when asked (UPDATE_DOCS_SCREENSHOTS=1), so a test run leaves the
 * work tree clean.
 */
const docsShots = path.join(repoRoot, 'docs', 'screenshots');

async function docsScreenshot(page: Page, name: string): Promise<void> {
  const file = await screenshot(page, `a11y-${name}`);
  if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    fs.mkdirSync(docsShots, { recursive: true });
    fs.copyFileSync(file, path.join(docsShots, `${name}.png`));
  }
}

let world: E2eWorld;
beforeAll(async () => {
  world = await openE2eWorld();
});
afterAll(() => world?.close());

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

describe('accessibility of the enterprise journey (H5)', () => {
  test('When the journey is made with the keyboard alone, then every page passes axe and the attempt is submitted without a mouse or touch event', async () => {
    const enterprise = await world.enterprise();
    const token = await startDraftViaApi(world.api, enterprise);
    await saveDraftViaApi(world.api, token, answersExcept(DRIVEN));

    const phone = await world.open('phone');
    const { page } = phone;
    const pointerEvents = await countPointerEvents(page);

    // The QR landing page: the badge stays on one line at 375 px.
    await page.goto(`/pages/entry/index?scene=${enterprise.sceneToken}`);
    await expectAttribute(byTestId(page, 'entry-info'), 'data-state', 'open');
    const badge = await byTestId(page, 'entry-state').evaluate((el) => {
      const text = el.querySelector('.nut-tag-text') ?? el;
      const style = getComputedStyle(text);
      return { height: (text as HTMLElement).getBoundingClientRect().height, line: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5, overflow: el.scrollHeight - el.clientHeight };
    });
    expect(badge.height).toBeLessThan(badge.line * 1.5);
    expect(badge.overflow).toBeLessThanOrEqual(1);
    await expectAccessible(page, 'entry (QR landing)');
    await docsScreenshot(page, 'entry-375');

    // Key → home.
    await tabTo(page, 'login-key');
    await page.keyboard.type(enterprise.key);
    await page.keyboard.press('Enter');
    await byTestId(page, 'home').waitFor();
    await expectAccessible(page, 'home');

    await tabTo(page, 'continue');
    await page.keyboard.press('Enter');
    await byTestId(page, 'questionnaire').waitFor();
    await waitForSync(page, 'synced');
    await expectAccessible(page, 'questionnaire');

    // A number: typed into its (named) input.
    await tabTo(page, 'numeric-revenue');
    await page.keyboard.type('880');
    // 是/否: one tab stop; the arrow picks.
    await tabTo(page, 'option-overseas_business-yes');
    // Where the focus is can be seen: a ring of at least 2 px.
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Space');
    await expectAttribute(byTestId(page, 'option-overseas_business-yes'), 'aria-checked', 'true');
    await page.keyboard.press('ArrowRight');
    await expectAttribute(byTestId(page, 'option-overseas_business-no'), 'aria-checked', 'true');
    await expect(focusedTestId(page)).resolves.toBe('option-overseas_business-no');
    // A radio group: Tab lands on the first option, ArrowDown moves and picks, End the last.
    await tabTo(page, 'option-ctx_external-l0');
    await page.keyboard.press('End');
    const external = byTestId(page, 'question-ctx_external').locator('[role="radio"]');
    const last = await external.last().getAttribute('data-testid');
    await expectAttribute(byTestId(page, last!), 'aria-checked', 'true');
    await expect(external.evaluateAll((radios) => radios.filter((r) => r.getAttribute('tabindex') === '0').length)).resolves.toBe(1);
    // Checkboxes: each a tab stop, Space toggles.
    await tabTo(page, 'option-ctx_stakeholders-customers');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expectAttribute(byTestId(page, 'option-ctx_stakeholders-customers'), 'aria-checked', 'true');
    await expect(byTestId(page, 'question-ctx_stakeholders').locator('[role="checkbox"][aria-checked="true"]').count()).resolves.toBe(2);
    await waitForSync(page, 'synced');
    await expectAccessible(page, 'questionnaire (answered)');
    await screenshot(page, 'a11y-keyboard-questionnaire');

    // Review → submit → the confirmation dialog, answered with Enter.
    await tabTo(page, 'go-review', { back: true });
    await page.keyboard.press('Enter');
    await byTestId(page, 'review-complete').waitFor();
    await expectAccessible(page, 'review');
    await tabTo(page, 'submit');
    await page.keyboard.press('Enter');
    await page.locator('.taro-modal__content[role="dialog"]').waitFor();
    await expect(page.evaluate(() => document.activeElement?.classList.contains('taro-model__confirm'))).resolves.toBe(true);
    await expectAccessible(page, 'submit confirmation');
    await page.keyboard.press('Enter');

    await byTestId(page, 'result').waitFor({ timeout: 20_000 });
    await expectAttribute(byTestId(page, 'receipt-verified'), 'data-ok', 'true');
    // The receipt in words: a number one can read out, the questionnaire by its title.
    await expect(byTestId(page, 'receipt-id').textContent()).resolves.toMatch(/^\d{8}-01-[0-9A-F]{8}$/);
    await expect(byTestId(page, 'receipt-questionnaire').textContent()).resolves.toBe('创新管理与知识产权国际标准测评（ISO 56005/56002） · 2023 版');
    await expectAccessible(page, 'result');

    await tabTo(page, 'view-answers');
    await page.keyboard.press('Enter');
    await byTestId(page, 'answers-page').waitFor();
    await expectAccessible(page, 'answers');
    // The way home that is not the browser's.
    await tabTo(page, 'page-home', { back: true });
    await page.keyboard.press('Enter');
    await byTestId(page, 'home').waitFor({ state: 'visible' });
    await expectAttribute(byTestId(page, 'attempt-1'), 'data-counts', 'true');
    await expectAccessible(page, 'home (after the submit)');

    await tabTo(page, 'open-workbook');
    await page.keyboard.press('Enter');
    await byTestId(page, 'workbook-page').waitFor();
    await expectAccessible(page, 'workbook');

    const detail = await world.api.get<{ attempts: unknown[] }>('/api/attempts', token);
    expect(detail.body.attempts).toHaveLength(1);
    await expect(pointerEvents()).resolves.toEqual([]);
    assertNoErrors(phone);
  });

  test('When the largest text size is chosen, then it is remembered and the pages reflow at 200 % without sideways scrolling', async () => {
    const enterprise = await world.enterprise();
    const token = await startDraftViaApi(world.api, enterprise);
    await saveDraftViaApi(world.api, token, answersExcept(['ctx_external']));
    const phone = await world.open('phone');
    const { page } = phone;
    await page.goto(`/pages/entry/index?scene=${enterprise.sceneToken}`);
    const base = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await byTestId(page, 'text-size-2').click();
    await expectAttribute(byTestId(page, 'text-size'), 'data-scale', '2');
    await expect(page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).resolves.toBe(base * 2);
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(1);
    await expectAccessible(page, 'entry at 200 %');

    // Remembered on the device: a reload keeps it.
    await page.reload();
    await expect(page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).resolves.toBe(base * 2);
    await byTestId(page, 'login-key').locator('input').fill(enterprise.key);
    await byTestId(page, 'login-submit').click();
    await byTestId(page, 'home').waitFor();
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(1);
    await byTestId(page, 'continue').click();
    await byTestId(page, 'questionnaire').waitFor();
    await waitForSync(page, 'synced');
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(1);
    await expectAccessible(page, 'questionnaire at 200 %');
    await byTestId(page, 'question-ctx_external').evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await docsScreenshot(page, 'questionnaire-200');
    assertNoErrors(phone);
  });
});
