import type { Locator, Page } from 'playwright-core';
import { createEnterprises, enterpriseRow, login } from '../helpers/factories';
import { assertNoErrors, byTestId, describeE2e, startedOnPhone, loginByScene, loginStaffInBrowser, openDimension, screenshot, serverDraft, typeInto, waitForSync } from '../helpers/e2e';

/**
 * Issue 19.6: the enterprise is told, while answering, when two of its numbers contradict each
 * other (the shared consistency rules, non-blocking). Issue 13.10: a bureau sees contacts masked
 * until it presses 显示联系方式, and that showing is audited.
 */

const visible = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]:visible`);

describeE2e('warnings while answering, contacts in the workbench', (world) => {
  test('When the enterprise types more 研发人员 than 职工, then both questions warn it in Chinese, the answers still save, and the warning goes once corrected', async () => {
    const { enterprise, phone, page } = await startedOnPhone(world);

    await typeInto(page, 'numeric-employees', '20');
    await openDimension(page, 'support');
    await typeInto(page, 'numeric-rd_staff', '30');
    await visible(page, 'warning-rd_staff').waitFor();
    await expect(visible(page, 'warning-rd_staff').textContent()).resolves.toBe('本题填写的 30 大于“职工总数”的 20，两者相互矛盾，请核对（不影响保存和提交）');
    await screenshot(page, 'consistency-warning');
    await waitForSync(page, 'synced');
    const token = await login(world.api, enterprise);
    expect((await serverDraft(world.api, token)).answers).toEqual(expect.objectContaining({ employees: 20, rd_staff: 30 }));

    await openDimension(page, 'context');
    await expect(visible(page, 'warning-employees').textContent()).resolves.toContain('“研发人员数”的 30');
    await openDimension(page, 'support');
    await typeInto(page, 'numeric-rd_staff', '12');
    await visible(page, 'warning-rd_staff').waitFor({ state: 'detached' });
    assertNoErrors(phone);
  });

  test('When a bureau opens an enterprise, then its contacts are masked until 显示联系方式, which shows them in full and is audited', async () => {
    const campaignId = (await world.bff.services.campaigns.list())[0]!._id;
    const [enterprise] = await createEnterprises(world.bff.services, campaignId, [
      enterpriseRow({ region: '广东省', city: '广州市', contact1Name: '张三丰', contact1Phone: '13812345678', contact1Email: 'zhangsanfeng@example.cn' }),
    ]);
    const account = await world.bff.services.staff.upsert({ username: 'gd_contacts', displayName: '广东省知识产权局', password: 'Zp6-meadow-Contact-42', role: 'region', regionCode: '440000' });
    const pc = await world.open('pc');
    const { page } = pc;
    await loginStaffInBrowser(page, 'gd_contacts', 'Zp6-meadow-Contact-42');

    await page.goto(`/packages/bureau/pages/enterprise/index?id=${enterprise!.id}`);
    await page.locator('[data-testid="contacts"][data-masked="true"]:visible').waitFor();
    await expect(visible(page, 'contact').first().textContent()).resolves.toBe('张** · 138****5678 · z***@example.cn');
    await visible(page, 'show-contacts').click();
    await page.locator('[data-testid="contacts"][data-masked="false"]:visible').waitFor();
    await expect(visible(page, 'contact').first().textContent()).resolves.toBe('张三丰 · 13812345678 · zhangsanfeng@example.cn');
    await screenshot(page, 'contacts-shown');
    const events = await world.bff.services.models.audit.collection.find({ action: 'contacts.viewed', target: enterprise!.id }).toArray();
    expect(events).toEqual([expect.objectContaining({ actor: expect.objectContaining({ kind: 'staff', id: String(account._id) }) })]);
    assertNoErrors(pc);
  });
});
