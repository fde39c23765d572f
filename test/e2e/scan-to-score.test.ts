import { verifyReceipt, type AttemptDetail } from '@assess/shared';
import { login } from '../helpers/factories';
import {
  answersExcept,
  assertNoErrors,
  byTestId,
  describeE2e,
  expectAttribute,
  expected,
  openDimension,
  loginByScene,
  saveDraftViaApi,
  screenshot,
  selectOption,
  startDraftViaApi,
  typeInto,
  waitForSync,
} from '../helpers/e2e';

/** Answered through the UI: one of each type, incl. the exclusive "none" of a multiple choice. */
const DRIVEN = ['revenue', 'employees', 'overseas_business', 'ctx_external', 'ctx_stakeholders', 'ctx_systems', 'imp_note'];

describeE2e('scan link → key login → answer → submit', (world) => {
  test('When the QR link is opened, a wrong key typed, then the right one, and every question answered and submitted, then the score, a verified receipt and "counts" are shown', async () => {
    const enterprise = await world.enterprise();
    // The rest of the questionnaire was filled earlier (another session); this one answers the driven subset.
    const apiToken = await startDraftViaApi(world.api, enterprise);
    await saveDraftViaApi(world.api, apiToken, answersExcept(DRIVEN));

    const phone = await world.open('phone');
    const { page } = phone;
    await page.goto(`/pages/entry/index?scene=${enterprise.sceneToken}`);
    await expect(byTestId(page, 'entry-enterprise').textContent()).resolves.toMatch(/^测试\*+公司$/);
    await expectAttribute(byTestId(page, 'entry-info'), 'data-state', 'open');
    await screenshot(page, 'scan-1-entry');

    // A wrong key: the Chinese message with the tries left.
    await typeInto(page, 'login-key', 'WRONGKEY2345');
    await byTestId(page, 'login-submit').click();
    const error = byTestId(page, 'login-error');
    await expectAttribute(error, 'data-code', 'KEY_WRONG');
    await expect(error.textContent()).resolves.toBe('密钥不正确，还可尝试 9 次');
    await screenshot(page, 'scan-2-wrong-key');

    // The key as printed, typed in lower case with a space: normalised by the app.
    await typeInto(page, 'login-key', `${enterprise.key.slice(0, 6).toLowerCase()} ${enterprise.key.slice(6)}`);
    await byTestId(page, 'login-submit').click();
    await byTestId(page, 'home').waitFor();
    await expect(byTestId(page, 'final-rule').textContent()).resolves.toContain('系统关闭前最后一次提交的成绩为最终成绩');
    await screenshot(page, 'scan-3-home');

    await byTestId(page, 'continue').click();
    await byTestId(page, 'questionnaire').waitFor();
    await expectAttribute(byTestId(page, 'questionnaire'), 'data-group', 'context');

    // Numbers with their units; what is not a number, or out of range, is told in Chinese.
    await expect(byTestId(page, 'question-revenue').textContent()).resolves.toContain('万元');
    await typeInto(page, 'numeric-revenue', '12345.6');
    await typeInto(page, 'numeric-employees', '3百人');
    await byTestId(page, 'question-employees').getByText('请填写数字（可含小数点），不要带单位或文字').waitFor();
    await typeInto(page, 'numeric-employees', '2.5');
    await expect(byTestId(page, 'issue-employees').textContent()).resolves.toBe('请填写整数');
    await typeInto(page, 'numeric-employees', '320');
    await byTestId(page, 'issue-employees').waitFor({ state: 'detached' });
    await selectOption(page, 'overseas_business', 'yes');
    await selectOption(page, 'ctx_external', 'l4');
    await selectOption(page, 'ctx_stakeholders', 'customers');
    await selectOption(page, 'ctx_stakeholders', 'suppliers');
    // The exclusive "none" clears the others …
    await selectOption(page, 'ctx_systems', 'iso56002');
    await selectOption(page, 'ctx_systems', 'none');
    await expectAttribute(byTestId(page, 'option-ctx_systems-iso56002'), 'data-selected', 'false');
    // … and a regular option clears "none".
    await selectOption(page, 'ctx_systems', 'gbt29490');
    await expectAttribute(byTestId(page, 'option-ctx_systems-none'), 'data-selected', 'false');
    await screenshot(page, 'scan-4-context-answered');

    await openDimension(page, 'improvement');
    await typeInto(page, 'text-imp_note', '每季度复盘一次专利布局，已形成改进台账。');
    await waitForSync(page, 'synced');
    await expectAttribute(byTestId(page, 'progress'), 'data-answered', await byTestId(page, 'progress').getAttribute('data-visible').then(String));

    await byTestId(page, 'go-review').click();
    await expectAttribute(byTestId(page, 'review-page'), 'data-issues', '0');
    await byTestId(page, 'review-complete').waitFor();
    await screenshot(page, 'scan-5-review');
    await byTestId(page, 'submit').click();
    await page.locator('.taro-model__confirm').click();

    const result = byTestId(page, 'result');
    await result.waitFor({ timeout: 20_000 });
    await expectAttribute(byTestId(page, 'result-counts'), 'data-counts', 'true');
    await expectAttribute(byTestId(page, 'receipt-verified'), 'data-ok', 'true');
    await screenshot(page, 'scan-6-result');

    // What the page shows is what the server recorded, and the checksum is the receipt's.
    const token = await login(world.api, enterprise);
    const list = await world.api.get('/api/attempts', token);
    expect(list.body.attempts).toHaveLength(1);
    // Re-parsed in jest's realm: verifyReceipt accepts plain objects only, and fetch's JSON has
    // the outer realm's Object.prototype.
    const detail = JSON.parse(JSON.stringify((await world.api.get<AttemptDetail>(`/api/attempts/${list.body.attempts[0].id}`, token)).body)) as AttemptDetail;
    expect(await result.getAttribute('data-attempt')).toBe(detail.receipt.attemptId);
    expect(Number(await result.getAttribute('data-total'))).toBe(detail.receipt.total);
    expect(await byTestId(page, 'result-total').textContent()).toBe(String(detail.receipt.total));
    expect(await byTestId(page, 'receipt').getAttribute('data-checksum')).toBe(detail.receipt.checksum);
    expect(verifyReceipt(detail.receipt, detail.answers)).toMatchObject({ ok: true, version: 2 });
    expect(detail.counts).toBe(true);
    expect(detail.answers).toMatchObject({
      revenue: 12345.6,
      employees: 320,
      overseas_business: true,
      ctx_external: 'l4',
      ctx_stakeholders: ['customers', 'suppliers'],
      ctx_systems: ['gbt29490'],
      imp_note: '每季度复盘一次专利布局，已形成改进台账。',
    });

    // Reopened later (from the server, not from what this page just sent), it still verifies.
    await page.reload();
    await expectAttribute(byTestId(page, 'result'), 'data-total', String(detail.receipt.total));
    await expectAttribute(byTestId(page, 'receipt-verified'), 'data-ok', 'true');
    await expectAttribute(byTestId(page, 'result-counts'), 'data-counts', 'true');

    await byTestId(page, 'back-home').click();
    await expectAttribute(byTestId(page, 'attempt-1'), 'data-counts', 'true');
    await expect(byTestId(page, 'final-score').textContent()).resolves.toBe(String(detail.receipt.total));
    await screenshot(page, 'scan-7-home-after-submit');
    assertNoErrors(phone, [expected.status(401)]);
  });

  test('When the QR code opens the site root with ?scene=, then the masked name is shown and the key alone logs in', async () => {
    const enterprise = await world.enterprise();
    const phone = await world.open('phone');
    const { page } = phone;
    await page.goto(`/?scene=${enterprise.sceneToken}`);
    await expect(byTestId(page, 'entry-enterprise').textContent()).resolves.toMatch(/^测试\*+公司$/);
    await typeInto(page, 'login-key', enterprise.key);
    await byTestId(page, 'login-submit').click();
    await byTestId(page, 'home').waitFor();
    await byTestId(page, 'start').waitFor();
    await screenshot(page, 'scan-root-home');
    assertNoErrors(phone);
  });

  test('When the key was mistyped ten times, then the login is locked with the Chinese message saying until when', async () => {
    const enterprise = await world.enterprise();
    for (let i = 0; i < 9; i++) await world.api.post('/api/auth/enterprise/login', { scene: enterprise.sceneToken, key: 'WRONGKEY2345' });
    const phone = await world.open('phone');
    const { page } = phone;
    await page.goto(`/pages/entry/index?scene=${enterprise.sceneToken}`);
    await typeInto(page, 'login-key', 'WRONGKEY2345');
    await byTestId(page, 'login-submit').click();
    const error = byTestId(page, 'login-error');
    await expectAttribute(error, 'data-code', 'KEY_LOCKED');
    await expect(error.textContent()).resolves.toMatch(/^密钥错误次数过多，已暂时锁定，请于 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）后再试$/);
    // Locked means locked: the right key is refused too, with the same message.
    await typeInto(page, 'login-key', enterprise.key);
    await byTestId(page, 'login-submit').click();
    await expect(error.textContent()).resolves.toMatch(/^密钥错误次数过多，已暂时锁定/);
    await screenshot(page, 'scan-locked');
    assertNoErrors(phone, [expected.status(429)]);
  });

  test('When the enterprise retakes the assessment and scores lower, then the change is shown and the last attempt, not the best, counts', async () => {
    const enterprise = await world.enterprise();
    const apiToken = await startDraftViaApi(world.api, enterprise);
    await saveDraftViaApi(world.api, apiToken, answersExcept([]));
    const phone = await world.open('phone');
    const { page } = phone;
    await loginByScene(page, enterprise);

    const submitFromQuestionnaire = async () => {
      await waitForSync(page, 'synced');
      await byTestId(page, 'go-review').click();
      await byTestId(page, 'review-complete').waitFor();
      await byTestId(page, 'submit').click();
      await page.locator('.taro-model__confirm').click();
      await byTestId(page, 'result').waitFor({ timeout: 20_000 });
      return Number(await byTestId(page, 'result').getAttribute('data-total'));
    };
    await byTestId(page, 'continue').click();
    const first = await submitFromQuestionnaire();

    await byTestId(page, 'back-home').click();
    await byTestId(page, 'retake').click();
    await byTestId(page, 'questionnaire').waitFor();
    // The retake starts from the last answers; one is made worse.
    await expectAttribute(byTestId(page, 'option-ctx_external-l4'), 'data-selected', 'true');
    await selectOption(page, 'ctx_external', 'l0');
    const second = await submitFromQuestionnaire();
    expect(second).toBeLessThan(first);
    const delta = Math.round((second - first) * 100) / 100;
    await expectAttribute(byTestId(page, 'result-change'), 'data-delta', String(delta));
    await expect(byTestId(page, 'result-change').textContent()).resolves.toBe(`较第 1 次（${first} 分）${delta}`);
    await expectAttribute(byTestId(page, 'result-counts'), 'data-counts', 'true');
    await screenshot(page, 'retake-1-result');

    await byTestId(page, 'back-home').click();
    await expectAttribute(byTestId(page, 'attempt-2'), 'data-counts', 'true');
    await expectAttribute(byTestId(page, 'attempt-1'), 'data-counts', 'false');
    await expect(byTestId(page, 'final-score').textContent()).resolves.toBe(String(second));
    await byTestId(page, 'attempt-1').click();
    await expectAttribute(byTestId(page, 'result-counts'), 'data-counts', 'false');
    await expect(byTestId(page, 'result-counts').textContent()).resolves.toBe(`本次成绩不计分。当前计分的是第 2 次测评（${second} 分）。`);
    await expectAttribute(byTestId(page, 'receipt-verified'), 'data-ok', 'true');
    await screenshot(page, 'retake-2-first-attempt');
    assertNoErrors(phone);
  });
});
