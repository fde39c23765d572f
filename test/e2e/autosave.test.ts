import type { Page, Route } from 'playwright-core';
import { login } from '../helpers/factories';
import {
  assertNoErrors,
  byTestId,
  describeE2e,
  startedOnPhone,
  expectAttribute,
  expected,
  loginByScene,
  screenshot,
  selectOption,
  serverDraft,
  typeInto,
  waitForSync,
} from '../helpers/e2e';

const numericValue = (page: Page, id: string) => byTestId(page, `numeric-${id}`).locator('input').inputValue();

describeE2e('autosave', (world) => {
  test('When the page is reloaded half-way, then the answers come back from the device at once, and another device gets them from the server', async () => {
    const { enterprise, phone, page } = await startedOnPhone(world);

    await typeInto(page, 'numeric-revenue', '500');
    await selectOption(page, 'ctx_external', 'l2');
    await waitForSync(page, 'synced');
    // The next change cannot reach the server (its saves are dropped) before the reload.
    const dropSaves = (route: Route) => (route.request().method() === 'PATCH' ? route.abort() : route.fallback());
    await page.route('**/api/attempts/current/draft', dropSaves);
    await selectOption(page, 'ctx_stakeholders', 'partners');
    await page.locator('[data-testid="sync-status"][data-engine="offline"]').waitFor();
    await page.reload();

    await byTestId(page, 'questionnaire').waitFor();
    await expectAttribute(byTestId(page, 'option-ctx_external-l2'), 'data-selected', 'true');
    await expectAttribute(byTestId(page, 'option-ctx_stakeholders-partners'), 'data-selected', 'true');
    await expect(numericValue(page, 'revenue')).resolves.toBe('500');
    // A reloaded page keeps the phone's rem base (750-px design on 375 px: 20 px).
    await expect(page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).resolves.toBe('20px');
    await screenshot(page, 'autosave-1-reloaded');
    // So the restored answer came from the device: the server does not have it yet …
    const token = await login(world.api, enterprise);
    expect((await serverDraft(world.api, token)).answers).toEqual({ revenue: 500, ctx_external: 'l2' });
    // … and gets it once saves go through again (the network "returns": the app retries at once
    // on the browser's online event instead of waiting out its backoff).
    await page.unroute('**/api/attempts/current/draft', dropSaves);
    await phone.context.setOffline(true);
    await phone.context.setOffline(false);
    await waitForSync(page, 'synced', 30_000);
    expect((await serverDraft(world.api, token)).answers).toEqual({ revenue: 500, ctx_external: 'l2', ctx_stakeholders: ['partners'] });

    // Another device (a fresh browser, nothing stored) resumes the server draft.
    const pc = await world.open('pc');
    await loginByScene(pc.page, enterprise);
    await byTestId(pc.page, 'continue').click();
    await byTestId(pc.page, 'questionnaire').waitFor();
    await expectAttribute(byTestId(pc.page, 'option-ctx_external-l2'), 'data-selected', 'true');
    await expectAttribute(byTestId(pc.page, 'option-ctx_stakeholders-partners'), 'data-selected', 'true');
    await expect(numericValue(pc.page, 'revenue')).resolves.toBe('500');
    await screenshot(pc.page, 'autosave-2-other-device');
    assertNoErrors(phone, [expected.aborted, expected.offline]);
    assertNoErrors(pc);
  });

  test('When the network is cut while saving and answers change offline, then the offline indicator shows and clears, and the server draft has every change', async () => {
    const enterprise = await world.enterprise();
    const phone = await world.open('phone');
    const { page, context } = phone;
    await loginByScene(page, enterprise);
    await byTestId(page, 'start').click();
    await selectOption(page, 'ctx_stakeholders', 'customers');
    await selectOption(page, 'ctx_stakeholders', 'investors');
    await selectOption(page, 'ctx_internal', 'l1');
    await waitForSync(page, 'synced');

    // A change, and the network drops before its save.
    await typeInto(page, 'numeric-employees', '88');
    await context.setOffline(true);
    await waitForSync(page, 'offline');
    await selectOption(page, 'ctx_internal', 'l3');
    await byTestId(page, 'option-ctx_stakeholders-investors').click(); // removes one choice
    await expectAttribute(byTestId(page, 'option-ctx_stakeholders-investors'), 'data-selected', 'false');
    await selectOption(page, 'overseas_business', 'no');
    // Not only the browser's offline flag: a save was tried and failed, and will be retried.
    await page.locator('[data-testid="sync-status"][data-engine="offline"]').waitFor();
    await screenshot(page, 'autosave-3-offline');

    const token = await login(world.api, enterprise);
    expect((await serverDraft(world.api, token)).answers).toEqual({ ctx_stakeholders: ['customers', 'investors'], ctx_internal: 'l1' });

    await context.setOffline(false);
    await waitForSync(page, 'synced');
    await screenshot(page, 'autosave-4-back-online');
    expect((await serverDraft(world.api, token)).answers).toEqual({
      ctx_stakeholders: ['customers'],
      ctx_internal: 'l3',
      employees: 88,
      overseas_business: false,
    });
    assertNoErrors(phone, [expected.offline]);
  });
});
