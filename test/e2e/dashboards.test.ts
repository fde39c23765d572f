import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { beijingDate, defaultQuestionnaire } from '@assess/shared';
import { Types } from 'mongoose';
import type { TestBff } from '../helpers/bff';
import { pcContext, screenshot, watchErrors } from '../helpers/browser';
import type { ApiClient } from '../helpers/http';
import type { TestClock } from '../helpers/clock';
import { CAST_PASSWORD, dashboardCast, type DashboardCast } from '../helpers/dashboardCast';
import { describeE2e, loginStaffInBrowser, visibleById as byId, fillById as fill, untilData as until } from '../helpers/e2e';
import { loginStaff } from '../helpers/factories';
import { demoUscc } from '../../scripts/demo-data';
import { expectAccessible } from '../helpers/a11y';

/**
 * The bureau and national dashboards in headless Chromium (H5 build, PC screen): a region
 * bureau reads its overview, filters and exports its table and opens an enterprise; the national
 * bureau reads the 37 regions and moves, saves and publishes the pass lines.
 */

const PASSWORD = CAST_PASSWORD;

const rowsOf = (page: Page, prefix: string): Locator => page.locator(`[data-testid^="${prefix}-"]:visible`);

/** The workbench login of a cast account (test/helpers/dashboardCast.ts), its page checked for accessibility first when asked. */
async function staffLogin(page: Page, username: string, checkAccessible = false): Promise<void> {
  if (checkAccessible) {
    await page.goto('/packages/bureau/pages/login/index');
    await expectAccessible(page, 'staff login');
  }
  await loginStaffInBrowser(page, username, PASSWORD);
}

describeE2e('bureau and national dashboards (H5, PC browser)', (world) => {
  let bff: TestBff;
  let api: ApiClient;
  let browser: Browser;
  let clock: TestClock;
  let campaignId: string;
  let enterprises: DashboardCast['enterprises'];

  beforeAll(async () => {
    ({ bff, api, browser, clock } = world);
    const closesAt = new Date(Date.now() + 30 * 60_000);
    ({ campaignId, enterprises } = await dashboardCast(bff, api, closesAt));

    // After the close: bureaus see scores; the national bureau has a draft of the lines.
    clock.pin(new Date(closesAt.getTime() + 1000));
    bff.services.campaigns.forget(new Types.ObjectId(campaignId));
    const nat = await loginStaff(api, 'nat', PASSWORD);
    expect((await api.raw('PUT', `/api/admin/campaigns/${campaignId}/passlines`, { body: { advantage: 60, demonstration: 70 }, token: nat })).status).toBe(200);
  });

  describe('广东 bureau', () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      context = await pcContext(browser, bff.url);
      page = await context.newPage();
      errors = watchErrors(page);
      await staffLogin(page, 'gd', true);
    });
    afterAll(() => context.close());

    it('When 广东 logs in, then its overview counts its five enterprises (not 深圳) and draws the four charts', async () => {
      const overview = byId(page, 'overview');
      await expect(overview.getAttribute('data-enterprises')).resolves.toBe('5');
      await expect(overview.getAttribute('data-submitted')).resolves.toBe('4');
      await expect(overview.getAttribute('data-visible')).resolves.toBe('true');
      await expect(byId(page, 'stat-completion').getAttribute('data-value')).resolves.toBe('80%');
      for (const chart of ['status', 'submissions', 'histogram', 'dimensions']) {
        await page.locator(`[data-testid="chart-${chart}"][data-state="ready"]`).waitFor();
        await expect(page.locator(`[data-testid="chart-${chart}"] canvas`).count()).resolves.toBeGreaterThan(0);
      }
      await expect(byId(page, 'staff-role').textContent()).resolves.toContain('广东省');
      await expect(page.locator('body').textContent()).resolves.not.toContain(enterprises.sz!.name);
      await page.waitForTimeout(400); // the charts' entry animation
      await screenshot(page, 'dashboard-overview');
      await expectAccessible(page, 'overview');
    });

    it('When the table is searched, filtered and sorted, then it shows the matching 广东 enterprises only', async () => {
      await byId(page, 'nav-enterprises').click();
      await until(page, 'enterprise-table', 'rows', '5');
      const names = await rowsOf(page, 'enterprise-row').allTextContents();
      expect(names.join('\n')).not.toContain(enterprises.sz!.name);

      await fill(page, 'filter-q', enterprises.fs!.name);
      await until(page, 'enterprise-table', 'rows', '1');
      await expect(rowsOf(page, 'enterprise-row').first().getAttribute('data-testid')).resolves.toBe(`enterprise-row-${enterprises.fs!.id}`);
      await fill(page, 'filter-q', '');
      await until(page, 'enterprise-table', 'rows', '5');

      await byId(page, 'filter-status').selectOption('submitted');
      await until(page, 'enterprise-table', 'rows', '4');
      await byId(page, 'filter-track').selectOption('apply_advantage');
      await until(page, 'enterprise-table', 'rows', '3');
      await byId(page, 'sort-total').click();
      await until(page, 'sort-total', 'order', 'desc');
      await until(page, 'enterprises', 'loading', 'false');
      const ids = await rowsOf(page, 'enterprise-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));
      // Highest first: gz1 and the central SOE answered high, 佛山 low.
      expect(ids.at(-1)).toBe(`enterprise-row-${enterprises.fs!.id}`);
      await screenshot(page, 'dashboard-table');
      await expectAccessible(page, 'enterprises list');
    });

    it('When the filtered table is exported, then the workbook has the Chinese headers and exactly the filtered rows', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), byId(page, 'export-excel').click()]);
      expect(download.suggestedFilename()).toMatch(/广东省.*\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await streamToBuffer(await download.createReadStream()));
      const sheet = workbook.worksheets[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['统一社会信用代码', '企业名称', '参加类型', '最终成绩']));
      const usccs: string[] = [];
      sheet.eachRow((row, n) => void (n > 1 && usccs.push(String(row.getCell(1).value))));
      expect(usccs.sort()).toEqual([enterprises.gz1!.uscc, enterprises.fs!.uscc, enterprises.gzSoe!.uscc].sort());
      await byId(page, 'export-status').waitFor();
      await expect(byId(page, 'export-status').getAttribute('data-ok')).resolves.toBe('true');
    });

    it('When an enterprise is opened, then its attempts with server times, the final answers with question titles and the receipt', async () => {
      // Opened from the keyboard: a row is a link (focus it, Enter), as it is a click target.
      await byId(page, `enterprise-row-${enterprises.gz1!.id}`).focus();
      await page.keyboard.press('Enter');
      await byId(page, 'enterprise-detail').waitFor();
      await expect(rowsOf(page, 'history-row').count()).resolves.toBe(2);
      await expect(byId(page, 'history-row-2').textContent()).resolves.toContain('计为最终成绩');
      await expect(byId(page, 'receipt').getAttribute('data-checksum')).resolves.toMatch(/^[0-9a-f]{64}$/);
      await page.locator('[data-testid="final-answers"][data-state="ready"]:visible').waitFor();
      const firstQuestion = defaultQuestionnaire.dimensions[0]!.sections[0]!.questions[0]!;
      await expect(byId(page, `answer-${firstQuestion.id}`).textContent()).resolves.toContain(firstQuestion.title);
      await expect(byId(page, 'admin-tools').count()).resolves.toBe(0);
      await screenshot(page, 'dashboard-detail');
      await expectAccessible(page, 'enterprise detail');
      await byId(page, 'back-to-list').click();
      await byId(page, 'enterprise-table').waitFor();
    });

    it('When the quota panel is opened before publication, then the notice quotas and no ranking yet', async () => {
      await byId(page, 'nav-quota').click();
      const quota = byId(page, 'quota');
      await quota.waitFor();
      await expect(quota.getAttribute('data-advantage')).resolves.toBe('131');
      await expect(quota.getAttribute('data-demonstration')).resolves.toBe('81');
      await byId(page, 'quota-unpublished').waitFor();
      await expectAccessible(page, 'quota');
      expect(errors).toEqual([]);
    });

    it("When a link to an enterprise outside 广东 is followed, then the refusal offers the way to 广东's own overview, not only a retry", async () => {
      await page.goto(`/packages/bureau/pages/enterprise/index?id=${enterprises.sz!.id}`);
      await byId(page, 'state-error').waitFor();
      await expect(byId(page, 'state-retry').count()).resolves.toBe(0);
      await expectAccessible(page, 'out-of-scope enterprise');
      await byId(page, 'detail-to-overview').click();
      await until(page, 'overview', 'enterprises', '5');
    });
  });

  describe('national bureau', () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      context = await pcContext(browser, bff.url);
      page = await context.newPage();
      errors = watchErrors(page);
      await staffLogin(page, 'nat');
    });
    afterAll(() => context.close());

    it('When the national bureau opens the regions, then 37 regions with 广东 and 深圳 counted apart', async () => {
      // Its overview is the whole country (one dimension series: nothing to compare with).
      await expect(byId(page, 'overview').getAttribute('data-scope')).resolves.toBe('全国');
      await page.locator('[data-testid="chart-dimensions"][data-state="ready"]').waitFor();
      await byId(page, 'nav-regions').click();
      await until(page, 'regions-table', 'rows', '37');
      const guangdong = await byId(page, 'region-440000').locator('.btable-cell').allTextContents();
      expect(guangdong.slice(0, 4)).toEqual(['广东省', '5', '4', '4']);
      const shenzhen = await byId(page, 'region-440300').locator('.btable-cell').allTextContents();
      expect(shenzhen.slice(0, 4)).toEqual(['深圳市', '1', '1', '1']);
      await screenshot(page, 'dashboard-regions');
      await expectAccessible(page, 'regions');
    });

    it('When the pass lines are moved, then per-region passes follow live; saved and published after confirmation', async () => {
      await byId(page, 'nav-passLines').click();
      await until(page, 'preview', 'lines', '60/70');
      const guangdongAdvantage = async () => (await byId(page, 'preview-region-440000').locator('.btable-cell').nth(1).textContent())?.trim();

      await fill(page, 'passline-advantage', '104');
      await until(page, 'preview', 'lines', '104/70');
      await until(page, 'preview', 'state', 'ready');
      await expect(guangdongAdvantage()).resolves.toBe('0');

      await fill(page, 'passline-advantage', '0');
      await until(page, 'preview', 'lines', '0/70');
      await until(page, 'preview', 'state', 'ready');
      await expect(guangdongAdvantage()).resolves.toBe('3');

      // The slider moves the same line (in steps of 0.5).
      await byId(page, 'passline-advantage-slider').fill('625');
      await until(page, 'passline-advantage', 'value', '62.5');
      await until(page, 'preview', 'lines', '62.5/70');
      await until(page, 'preview', 'state', 'ready');
      await page.locator('[data-testid="chart-passline-histogram"][data-state="ready"]').waitFor();
      await screenshot(page, 'dashboard-passlines');
      await expectAccessible(page, 'pass lines');

      await byId(page, 'passlines-save').click();
      await until(page, 'passlines', 'advantage', '62.5');
      await byId(page, 'passlines-publish').click();
      await page.locator('.taro-model__confirm').click();
      await until(page, 'passlines', 'state', 'published');
    });

    it('When the lines are published, then 广东 quota panel ranks 专精特新 first and keeps the central SOE outside the quota', async () => {
      await byId(page, 'nav-quota').click();
      await byId(page, 'scope-region').selectOption('440000');
      const advantage = byId(page, 'quota-list-advantage');
      await advantage.waitFor();
      await expect(advantage.getAttribute('data-ranked')).resolves.toBe('1');
      await expect(advantage.getAttribute('data-outside')).resolves.toBe('1');
      await expect(byId(page, `quota-advantage-${enterprises.gz1!.id}`).count()).resolves.toBe(1);
      await screenshot(page, 'dashboard-quota');
      await expectAccessible(page, 'quota (national, published)');
    });

    it('When a list of enterprises is imported, then the report counts the new row and names the refused one', async () => {
      await byId(page, 'nav-admin').click();
      await byId(page, 'staff-table').waitFor();
      await expect(byId(page, 'staff-nat').count()).resolves.toBe(1);
      await expectAccessible(page, 'admin');
      const csv = [
        '统一社会信用代码,企业名称,地区,地市,参加类型,现有称号,专精特新',
        `${demoUscc('440100', 880_001)},导入测试有限公司,广东省,广州市,申报优势,无,是`,
        '91440000BADCODE001,代码有误有限公司,广东省,广州市,申报优势,无,否',
      ].join('\n');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), byId(page, 'import-upload').click()]);
      await chooser.setFiles({ name: '企业名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      const report = byId(page, 'import-report');
      await report.waitFor();
      await expect(report.getAttribute('data-inserted')).resolves.toBe('1');
      await expect(report.getAttribute('data-errors')).resolves.toBe('1');
      await expect(byId(page, 'import-errors').textContent()).resolves.toContain('3');
      await screenshot(page, 'dashboard-admin');
      expect(errors).toEqual([]);
    });

    it('When a bureau account is created with a malformed username, then the shared rule says why; corrected, then the account is listed', async () => {
      const type = (id: string, value: string) => byId(page, id).locator('input').fill(value);
      await type('staff-new-username', 'ab');
      await type('staff-new-name', '北京市知识产权局（测试）');
      await type('staff-new-password', 'Beijing2026pw');
      await byId(page, 'staff-create').click();
      const note = byId(page, 'staff-create-note');
      await expect(note.getAttribute('data-ok')).resolves.toBe('false');
      await expect(note.textContent()).resolves.toContain('用户名为 3–40 位');
      // A guessable password: the shared rule (zxcvbn) says so before anything is sent.
      await type('staff-new-username', 'beijing_e2e');
      await type('staff-new-password', 'Password123');
      await byId(page, 'staff-create').click();
      await expect(note.textContent()).resolves.toContain('太容易被猜到');
      await type('staff-new-password', 'Beijing2026pw');
      await byId(page, 'staff-create').click();
      await page.locator('[data-testid="staff-create-note"][data-ok="true"]:visible').waitFor();
      await byId(page, 'staff-beijing_e2e').waitFor();
    });

    it('When 2,000 enterprises are imported, then the progress is shown while the server works and the report at the end', async () => {
      const header = '统一社会信用代码,企业名称,地区,地市,参加类型,现有称号,专精特新';
      const lines = Array.from({ length: 2_000 }, (_, i) => `${demoUscc('110000', 890_000 + i)},进度测试企业${i}有限公司,北京市,,申报优势,无,否`);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), byId(page, 'import-upload').click()]);
      await chooser.setFiles({ name: '两千家.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n'), 'utf8') });
      const progress = byId(page, 'import-progress');
      await progress.waitFor();
      await expect(progress.getAttribute('data-total')).resolves.toBe('2000');
      const report = page.locator('[data-testid="import-report"][data-inserted="2000"]:visible');
      await report.waitFor({ timeout: 60_000 });
      await expect(report.getAttribute('data-errors')).resolves.toBe('0');
      await expect(progress.count()).resolves.toBe(0);
    });

    it("When next year's campaign is created with the close before the opening, then the reason and nothing sent; corrected, then it is created and chosen", async () => {
      const form = page.locator('[data-testid="campaign-form"][data-mode="create"]:visible');
      const type = (id: string, value: string) => form.locator(`[data-testid="campaign-${id}"] input`).fill(value);
      await type('name', '2027年度企业测评');
      await type('year', '2027');
      await type('open-date', '2027-03-01');
      await type('open-time', '09:00');
      await type('close-date', '2027-02-01');
      await form.locator('[data-testid="campaign-save"]').click();
      const note = form.locator('[data-testid="campaign-note"]');
      await expect(note.getAttribute('data-ok')).resolves.toBe('false');
      await expect(note.textContent()).resolves.toContain('测评开始时间必须早于关闭时间');
      const token = await loginStaff(api, 'nat', PASSWORD);
      const named = async () => ((await api.get('/api/campaigns', token)).body.campaigns as Array<{ id: string; name: string; opensAt: string; closesAt: string; year: number }>).filter((c) => c.name === '2027年度企业测评');
      await expect(named()).resolves.toEqual([]);

      await type('close-date', '2027-06-30');
      await type('close-time', '24:00');
      await form.locator('[data-testid="campaign-save"]').click();
      await page.locator('[data-testid="campaign-note"][data-ok="true"]:visible').waitFor();
      const [created] = await named();
      expect(created).toMatchObject({ year: 2027, opensAt: '2027-03-01T09:00:00.000+08:00', closesAt: '2027-07-01T00:00:00.000+08:00' });
      // The workbench reloads on the new campaign.
      await page.waitForFunction(
        (id) => [...document.querySelectorAll<HTMLSelectElement>('select[data-testid="campaign-select"]')].some((select) => select.offsetParent !== null && select.value === id),
        created!.id,
        { timeout: 15_000 },
      );
      await byId(page, 'campaign-form').first().waitFor();
      expect(errors).toEqual([]);
    });

    it("When the national bureau works on one enterprise, then its QR code shows, its key is reissued once, and its deadline is extended", async () => {
      await page.goto(`/packages/bureau/pages/enterprise/index?id=${enterprises.gz2!.id}`);
      await byId(page, 'admin-tools').waitFor();
      await expectAccessible(page, 'enterprise detail (national, admin tools)');
      await byId(page, 'qr-load').click();
      await byId(page, 'qr-image').waitFor();

      await byId(page, 'key-reset').click();
      await page.locator('.taro-model__confirm').click();
      await expect(byId(page, 'key-issued').getAttribute('data-key')).resolves.toMatch(/^[A-Z0-9]{10,}$/);

      const until = beijingDate(new Date(Date.now() + 2 * 86_400_000));
      await byId(page, 'extension-date').locator('input').fill(until);
      await byId(page, 'extension-time').locator('input').fill('18:00');
      await byId(page, 'extension-reason').locator('input').fill('停电');
      await byId(page, 'extension-submit').click();
      await page.locator('[data-testid="extension-status"][data-ok="true"]:visible').waitFor();
      expect(errors).toEqual([]);
    });
  });
});

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
