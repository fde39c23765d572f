import { login } from '../helpers/factories';
import {
  assertNoErrors,
  byTestId,
  describeE2e,
  expectAttribute,
  expected,
  loginByScene,
  screenshot,
  selectOption,
  serverDraft,
  typeInto,
  waitForSync,
} from '../helpers/e2e';

describeE2e('two devices editing one draft', (world) => {
  test('When two browsers change the same questions differently, then the second is shown the conflict, its choices are saved, and no other change is lost', async () => {
    const enterprise = await world.enterprise();
    const first = await world.open('phone');
    const second = await world.open('phone');
    for (const { page } of [first, second]) await loginByScene(page, enterprise);

    // Both open the same draft (revision 0) before either changes anything.
    await byTestId(first.page, 'start').click();
    await waitForSync(first.page, 'synced');
    await byTestId(second.page, 'start').click();
    await waitForSync(second.page, 'synced');

    // The first device saves: two conflicting answers and one of its own.
    await selectOption(first.page, 'ctx_external', 'l1');
    await selectOption(first.page, 'ctx_scope', 'l1');
    await typeInto(first.page, 'numeric-revenue', '800');
    await waitForSync(first.page, 'synced');

    // The second, still at revision 0: the same two questions otherwise, and one of its own.
    await selectOption(second.page, 'ctx_external', 'l3');
    await selectOption(second.page, 'ctx_scope', 'l3');
    await typeInto(second.page, 'numeric-employees', '45');
    await waitForSync(second.page, 'conflict');
    const panel = byTestId(second.page, 'conflict-panel');
    await expectAttribute(panel, 'data-count', '2');
    // Both answers side by side, this device's chosen by default.
    await expect(byTestId(second.page, 'conflict-ctx_external-mine').textContent()).resolves.toContain('本机的答案');
    await expectAttribute(byTestId(second.page, 'conflict-ctx_external-mine'), 'data-selected', 'true');
    await screenshot(second.page, 'conflict-1-panel');

    // Keep this device's ctx_external, take the other device's ctx_scope.
    await byTestId(second.page, 'conflict-ctx_scope-theirs').click();
    await expectAttribute(byTestId(second.page, 'conflict-ctx_scope-theirs'), 'data-selected', 'true');
    await byTestId(second.page, 'conflict-confirm').click();
    await panel.waitFor({ state: 'detached' });
    await waitForSync(second.page, 'synced');
    await expectAttribute(byTestId(second.page, 'option-ctx_external-l3'), 'data-selected', 'true');
    await expectAttribute(byTestId(second.page, 'option-ctx_scope-l1'), 'data-selected', 'true');
    await expect(byTestId(second.page, 'numeric-revenue').locator('input').inputValue()).resolves.toBe('800');
    await screenshot(second.page, 'conflict-2-resolved');

    const token = await login(world.api, enterprise);
    expect((await serverDraft(world.api, token)).answers).toEqual({ ctx_external: 'l3', ctx_scope: 'l1', revenue: 800, employees: 45 });
    assertNoErrors(first);
    // The second device's stale save is answered 409 (DRAFT_CONFLICT), which Chromium logs.
    assertNoErrors(second, [expected.status(409)]);
  });
});
