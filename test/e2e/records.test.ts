import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Types } from 'mongoose';
import { defaultQuestionnaire } from '@assess/shared';
import { startTestBff, type TestBff } from '../helpers/bff';
import { expectAccessible } from '../helpers/a11y';
import { ensureH5Build, launchBrowser, pcContext, phoneContext, screenshot, watchErrors } from '../helpers/browser';
import { visibleById as byId, fillById as fill, loginStaffInBrowser } from '../helpers/e2e';
import { createCampaign, testAdmin } from '../helpers/factories';
import { historyUscc, seedHistory } from '../../scripts/demo-history';

/**
 * Issue 18 in headless Chromium (H5 build), on the demo's history: the national bureau opens an
 * enterprise whose title lapses (its title history and the flag), then the 称号风险 list and its
 * Excel export; the enterprise sees its 历年测评 on its home page. axe on each new page.
 */

const PASSWORD = 'Records2026e2e!';

describe('one enterprise across the years in the browser', () => {
  let bff: TestBff;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let currentId: Types.ObjectId;
  const keyFile = path.join(os.tmpdir(), `e2e-history-keys-${process.pid}.json`);

  async function open(kind: 'pc' | 'phone') {
    const context = kind === 'pc' ? await pcContext(browser, bff.url) : await phoneContext(browser, bff.url);
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: watchErrors(page) };
  }

  const staffLogin = (page: Page) => loginStaffInBrowser(page, 'rec_admin', PASSWORD);

  beforeAll(async () => {
    bff = await startTestBff({ env: { H5_DIR: ensureH5Build() } });
    const ref = await bff.services.questionnaires.ensureStored(defaultQuestionnaire);
    const now = Date.now();
    await bff.services.campaigns.create({ name: '2025 演示', year: 2025, questionnaire: ref, opensAt: new Date(now - 60 * 86_400_000).toISOString(), closesAt: new Date(now - 30 * 86_400_000).toISOString() }, testAdmin, '127.0.0.1');
    currentId = (await createCampaign(bff.services))._id;
    await seedHistory(bff.services, currentId, keyFile);
    await bff.services.staff.upsert({ username: 'rec_admin', displayName: '国家局', password: PASSWORD, role: 'national', regionCode: null, cityCode: null });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await bff.stop();
    fs.rmSync(keyFile, { force: true });
  });

  it('When the national bureau opens the enterprise that missed 考核 two years running, then its title history and the flag are shown', async () => {
    const { page, errors } = await open('pc');
    await staffLogin(page);
    const enterprise = await bff.services.enterprises.inCampaign(currentId, historyUscc('lost'));
    await page.goto(`/packages/bureau/pages/enterprise/index?id=${String(enterprise!._id)}`);
    await byId(page, 'title-history').waitFor();
    await byId(page, 'standing-review_eligibility_lost').waitFor();
    await expect(byId(page, 'standing-review_eligibility_lost').innerText()).resolves.toBe('连续 2 年未参加考核，取消复核资格');
    await page.locator('[data-testid="title-events"][data-rows="1"]:visible').waitFor();
    await page.locator('[data-testid="participations"][data-rows="1"]:visible').waitFor();
    await expect(page.locator('[data-testid^="title-event-"]:visible').first().innerText()).resolves.toContain('历史导入');
    await expect(byId(page, 'overrides').innerText()).resolves.toContain('全国局同意参加复核');
    await byId(page, 'title-history').scrollIntoViewIfNeeded();
    await screenshot(page, 'records-enterprise');
    await expectAccessible(page, 'records-enterprise');
    expect(errors).toEqual([]);
  });

  it('When the national bureau opens 称号风险, then the lapsed and the grace titles are listed and the list exports to Excel', async () => {
    const { page, errors } = await open('pc');
    await staffLogin(page);
    await byId(page, 'nav-risks').click();
    await page.locator('[data-testid="risks"][data-rows="2"]:visible').waitFor();
    const rows = await page.locator('[data-testid^="risk-row-"]:visible').allInnerTexts();
    expect(rows[0]).toContain('广州连续未考核科技有限公司');
    expect(rows[1]).toContain('须再次复核');
    await screenshot(page, 'records-risks');
    await expectAccessible(page, 'records-risks');
    const [download] = await Promise.all([page.waitForEvent('download'), byId(page, 'risks-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^称号风险-2026年-.*\.xlsx$/);
    expect(errors).toEqual([]);
  });

  it('When the enterprise opens its home page, then 历年测评 lists its certified years', async () => {
    const { page, errors } = await open('phone');
    const keys = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as Record<string, string>;
    const enterprise = await bff.services.enterprises.inCampaign(currentId, historyUscc('reviewDue'));
    await page.goto(`/pages/entry/index?scene=${enterprise!.sceneToken}`);
    await fill(page, 'login-key', keys[enterprise!.uscc]!);
    await byId(page, 'login-submit').click();
    await byId(page, 'home').waitFor();
    await page.locator('[data-testid="years"][data-state="ready"]').waitFor();
    await expect(byId(page, 'year-2023').innerText()).resolves.toContain('认定为示范企业');
    await expect(byId(page, 'year-2024').innerText()).resolves.toContain('考核通过');
    await byId(page, 'years').scrollIntoViewIfNeeded();
    await screenshot(page, 'records-enterprise-home');
    await expectAccessible(page, 'records-enterprise-home');
    expect(errors).toEqual([]);
  });
});
