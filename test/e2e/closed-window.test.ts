import { login } from '../helpers/factories';
import {
  answersExcept,
  assertNoErrors,
  byTestId,
  describeE2e,
  expectAttribute,
  expected,
  loginByScene,
  saveDraftViaApi,
  screenshot,
  startDraftViaApi,
  waitForSync,
} from '../helpers/e2e';

const MINUTE = 60_000;

describeE2e('after the close', (world) => {
  test('When the window closes while the review page is open, then the submit is refused with the Chinese message and the answers turn read-only', async () => {
    const now = world.clock.now();
    const enterprise = await world.enterprise({ closesAt: new Date(now.getTime() + 5 * MINUTE) });
    const token = await startDraftViaApi(world.api, enterprise);
    await saveDraftViaApi(world.api, token, answersExcept([]));

    const phone = await world.open('phone');
    const { page } = phone;
    await loginByScene(page, enterprise);
    await byTestId(page, 'continue').click();
    await waitForSync(page, 'synced');
    await byTestId(page, 'go-review').click();
    await byTestId(page, 'review-complete').waitFor();

    // The server's clock passes the close (the page still believes the window open).
    world.clock.shift(6 * MINUTE);
    try {
      await byTestId(page, 'submit').click();
      await page.locator('.taro-model__confirm').click();
      const error = byTestId(page, 'submit-error');
      await expectAttribute(error, 'data-code', 'WINDOW_CLOSED');
      await expect(error.textContent()).resolves.toMatch(/^测评系统已关闭，不能再提交或修改答案（关闭时间：\d{4}-\d\d-\d\d \d\d:\d\d）$/);
      await expect(byTestId(page, 'submit').getAttribute('class')).resolves.toMatch(/disabled/);
      await screenshot(page, 'closed-1-submit-refused');

      // Back in the questionnaire: read-only, nothing sent.
      await page.locator('taro-button-core', { hasText: '返回修改' }).click();
      await expectAttribute(byTestId(page, 'questionnaire'), 'data-readonly', 'true');
      await waitForSync(page, 'closed');
      // A disabled option (aria-disabled) is clicked anyway, as a tap would: nothing changes.
      await byTestId(page, 'option-ctx_external-l0').click({ force: true });
      await expectAttribute(byTestId(page, 'option-ctx_external-l0'), 'data-selected', 'false');
      await screenshot(page, 'closed-2-readonly-questionnaire');

      // Home: closed, no score this year.
      await page.goto('/pages/home/index');
      await expectAttribute(byTestId(page, 'home'), 'data-state', 'closed');
      await expect(byTestId(page, 'window-closed').textContent()).resolves.toMatch(/^测评系统已于 .+ 关闭，不能再提交或修改答案。$/);
      await expect(byTestId(page, 'no-final').textContent()).resolves.toBe('系统关闭前没有提交测评，本年度无测评成绩。');
      // No empty card where the actions were.
      for (const text of await page.locator('.home .card').allInnerTexts()) expect(text.trim()).not.toBe('');
      await screenshot(page, 'closed-3-home');

      // Scanning the code now says so before the key is typed.
      const other = await world.open('phone');
      await other.page.goto(`/pages/entry/index?scene=${enterprise.sceneToken}`);
      await expectAttribute(byTestId(other.page, 'entry-info'), 'data-state', 'closed');
      await other.page.getByText('测评系统已关闭，不能再作答；登录后可查看最终成绩。').waitFor();
      await screenshot(other.page, 'closed-4-entry');

      const after = await login(world.api, enterprise);
      expect((await world.api.get('/api/attempts', after)).body.attempts).toEqual([]);
      assertNoErrors(phone, [expected.status(403)]);
      assertNoErrors(other);
    } finally {
      world.clock.shift(-6 * MINUTE);
    }
  });
});
