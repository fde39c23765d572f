import fs from 'node:fs';
import { Workbook, type Worksheet } from 'exceljs';
import { Types } from 'mongoose';
import { defaultQuestionnaire, type Question } from '@assess/shared';
import { createCampaign, createEnterprises, enterpriseRow, login } from '../helpers/factories';
import {
  assertNoErrors,
  byTestId,
  describeE2e,
  expectAttribute,
  screenshot,
  serverDraft,
  typeInto,
} from '../helpers/e2e';
import type { Page } from 'playwright-core';
import type { TestEnterprise } from '../helpers/factories';

/** The PC path: no QR scene, the 统一社会信用代码 and the key. */
async function loginByUscc(page: Page, enterprise: TestEnterprise): Promise<void> {
  await page.goto('/');
  await typeInto(page, 'login-uscc', enterprise.uscc);
  await typeInto(page, 'login-key', enterprise.key);
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'home').waitFor();
}

const questions = new Map<string, Question>(defaultQuestionnaire.dimensions.flatMap((d) => d.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const))));
function labelOf(questionId: string, optionId: string): string {
  const question = questions.get(questionId);
  const option = question && 'options' in question ? question.options.find((o) => o.id === optionId) : undefined;
  if (!option) throw new Error(`no option ${optionId} in ${questionId}`);
  return option.label;
}

/** The answer cell (填写答案) of a question's row, found by its 编码 (the hidden id column) as the reader finds it. */
function answerCell(workbook: Workbook, questionId: string): { sheet: Worksheet; address: string; set(value: string | number): void } {
  for (const sheet of workbook.worksheets) {
    let idColumn = 0;
    let answerColumn = 0;
    let headerRow = 0;
    for (let row = 1; row <= 10 && !headerRow; row += 1) {
      sheet.getRow(row).eachCell((cell, column) => {
        if (cell.value === '编码') idColumn = column;
        if (cell.value === '填写答案') answerColumn = column;
      });
      if (idColumn && answerColumn) headerRow = row;
    }
    if (!headerRow) continue;
    for (let row = headerRow + 1; row <= sheet.rowCount; row += 1) {
      if (sheet.getCell(row, idColumn).value !== questionId) continue;
      const cell = sheet.getCell(row, answerColumn);
      return { sheet, address: `${sheet.name}!${cell.address}`, set: (value) => void (cell.value = value) };
    }
  }
  throw new Error(`no row for ${questionId}`);
}

describeE2e('on a PC browser', (world) => {
  test('When the enterprise logs in with its 统一社会信用代码 and key, then its home opens (and a mistyped code is caught before sending)', async () => {
    const enterprise = await world.enterprise();
    const pc = await world.open('pc');
    const { page } = pc;
    await page.goto('/');
    await expect(byTestId(page, 'login-uscc').isVisible()).resolves.toBe(true);
    await screenshot(page, 'pc-1-login');

    // One character off: the check character no longer matches, refused on the page.
    const wrong = `${enterprise.uscc.slice(0, 17)}${enterprise.uscc.endsWith('X') ? 'Y' : 'X'}`;
    await typeInto(page, 'login-uscc', wrong);
    await typeInto(page, 'login-key', enterprise.key);
    await byTestId(page, 'login-submit').click();
    await expectAttribute(byTestId(page, 'login-error'), 'data-code', 'FIELD');
    await expect(byTestId(page, 'login-error').textContent()).resolves.toMatch(/统一社会信用代码|校验/);
    await screenshot(page, 'pc-2-uscc-refused');

    await typeInto(page, 'login-uscc', enterprise.uscc.toLowerCase());
    await byTestId(page, 'login-submit').click();
    await byTestId(page, 'home').waitFor();
    await expect(byTestId(page, 'enterprise-name').textContent()).resolves.toMatch(/^测试企业\d+有限公司$/);
    await byTestId(page, 'start').waitFor();
    await screenshot(page, 'pc-3-home');
    assertNoErrors(pc);
  });

  test('When a filled workbook is uploaded, then the per-cell report shows what was taken and refused, and the server draft is pre-filled but nothing submitted', async () => {
    const enterprise = await world.enterprise();
    const pc = await world.open('pc');
    const { page } = pc;
    await loginByUscc(page, enterprise);
    await byTestId(page, 'open-workbook').click();
    await byTestId(page, 'workbook-page').waitFor();

    // Downloaded through the page, as the user would.
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'download-workbook').click()]);
    expect(download.suggestedFilename()).toMatch(/^测评问卷-.+\.xlsx$/);
    await byTestId(page, 'workbook-message').waitFor();
    const workbook = new Workbook();
    await workbook.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    // In the user's words: the campaign's year on the cover, the app's numbers in 题号.
    const cover = new Map<string, unknown>();
    workbook.getWorksheet('封面')!.eachRow((row) => void cover.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(cover.get('年度')).toBe('2026');
    const revenue = answerCell(workbook, 'revenue');
    expect(revenue.sheet.getCell(revenue.address.split('!')[1]!.replace(/^[A-Z]+/, 'A')).value).toBe('1.1');

    const taken = {
      revenue: { cell: 2500, value: 2500 },
      employees: { cell: '1,200人', value: 1200 },
      overseas_business: { cell: '是', value: true },
      ctx_external: { cell: labelOf('ctx_external', 'l3'), value: 'l3' },
      ctx_stakeholders: { cell: `${labelOf('ctx_stakeholders', 'customers')}；${labelOf('ctx_stakeholders', 'partners')}`, value: ['customers', 'partners'] },
    } as const;
    const refused = { rd_staff: 'abc', ctx_internal: '不存在的选项', pct_applications: -5 } as const;
    for (const [id, { cell }] of Object.entries(taken)) answerCell(workbook, id).set(cell);
    for (const [id, cell] of Object.entries(refused)) answerCell(workbook, id).set(cell);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());

    // Listening for the chooser makes Playwright intercept it (headless Chromium would otherwise
    // answer the click with an immediate "cancel"); the file then goes into the hidden input.
    await Promise.all([page.waitForEvent('filechooser'), byTestId(page, 'upload-workbook').click()]);
    await byTestId(page, 'workbook-file-input').setInputFiles({ name: '已填写.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
    const report = byTestId(page, 'import-report');
    await report.waitFor({ timeout: 20_000 });
    await expectAttribute(report, 'data-taken', String(Object.keys(taken).length));
    await expectAttribute(report, 'data-refused', String(Object.keys(refused).length));
    for (const id of Object.keys(taken)) await expect(byTestId(page, `taken-${id}`).isVisible()).resolves.toBe(true);
    for (const id of Object.keys(refused)) {
      const row = byTestId(page, `refused-${answerCell(workbook, id).address}`);
      await expect(row.textContent()).resolves.toMatch(/不是|不能|最小|不得|小于|应/);
    }
    await screenshot(page, 'pc-4-import-report');

    const token = await login(world.api, enterprise);
    expect((await serverDraft(world.api, token)).answers).toEqual(Object.fromEntries(Object.entries(taken).map(([id, { value }]) => [id, value])));
    expect((await world.api.get('/api/attempts', token)).body.attempts).toEqual([]);

    // The questionnaire opens with the imported answers.
    await byTestId(page, 'import-continue').click();
    await byTestId(page, 'questionnaire').waitFor();
    await expectAttribute(byTestId(page, 'option-ctx_external-l3'), 'data-selected', 'true');
    await expect(byTestId(page, 'numeric-employees').locator('input').inputValue()).resolves.toBe('1200');
    await screenshot(page, 'pc-5-questionnaire-prefilled');
    assertNoErrors(pc);
  });
  test('When the key fits the enterprise in two open campaigns, then the entry page lists both, the one picked opens, and logging out ends that session on the server', async () => {
    const enterprise = await world.enterprise();
    const services = world.bff.services;
    const second = await createCampaign(services);
    const [twin] = await createEnterprises(services, second._id, [enterpriseRow({ uscc: enterprise.uscc })]);
    const { keyHash } = (await services.models.enterprises.findById(enterprise.id).lean())!;
    await services.models.enterprises.updateOne({ _id: new Types.ObjectId(twin!.id) }, { $set: { keyHash } });
    const twinName = (await services.models.enterprises.findById(twin!.id).lean())!.name;

    const pc = await world.open('pc');
    const { page } = pc;
    await page.goto('/');
    await typeInto(page, 'login-uscc', enterprise.uscc);
    await typeInto(page, 'login-key', enterprise.key);
    await byTestId(page, 'login-submit').click();
    await byTestId(page, 'campaign-choices').waitFor();
    await expect(page.locator('[data-testid="campaign-choice"]').count()).resolves.toBe(2);
    await screenshot(page, 'pc-campaign-choice');
    await page.locator(`[data-testid="campaign-choice"][data-campaign="${String(second._id)}"]`).click();
    await byTestId(page, 'home').waitFor();
    await expect(byTestId(page, 'enterprise-name').textContent()).resolves.toBe(twinName);

    // Taro's H5 storage wraps each value: {"data": "<our JSON>"}.
    const token = await page.evaluate(() => {
      const outer = JSON.parse(localStorage.getItem('assess:session') ?? 'null') as { data?: unknown; token?: string } | null;
      const stored = typeof outer?.data === 'string' ? (JSON.parse(outer.data) as { token?: string }) : outer;
      return stored?.token ?? null;
    });
    expect(token).toEqual(expect.any(String));
    expect((await world.api.get('/api/me', token!)).status).toBe(200);
    await byTestId(page, 'logout').click();
    await page.locator('.taro-model__confirm').click();
    await byTestId(page, 'login-key').waitFor();
    expect((await world.api.get('/api/me', token!)).body.code).toBe('TOKEN_INVALID');
    assertNoErrors(pc);
  });
});
