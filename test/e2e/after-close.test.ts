import type { Page } from 'playwright-core';
import { toBeijingIso } from '@assess/shared';
import { expectAccessible } from '../helpers/a11y';
import { screenshot } from '../helpers/browser';
import { visibleById as byId, fillById as fill, untilData as until, loginStaffInBrowser } from '../helpers/e2e';
import { TestClock } from '../helpers/clock';
import { PASSWORD } from '../helpers/afterClose';
import { closedCampaignInBrowser } from '../helpers/closedInBrowser';

/**
 * Issue 16 in headless Chromium (H5 build): the 广东 region bureau reviews, builds and submits its
 * package on the working page, downloads the PDF and uploads the sealed scan; the national bureau
 * compares the digest and confirms it, and sets the 公示 period; the public page (no login) lists
 * it; the enterprise sees its outcome on its home page. Screenshots in artifacts/.
 */



const staffLogin = (page: Page, username: string) => loginStaffInBrowser(page, username, PASSWORD);

describe('after the close in the browser: working page, package, confirmation, 公示, outcome', () => {
  const clock = new TestClock();
  const tag = Date.now().toString(36).slice(-4);
  const suite = closedCampaignInBrowser({ clock, tag });
  const open = (kind: 'pc' | 'phone') => suite.open(kind);
  const e = () => suite.world.enterprises;

  it('When the 广东 bureau works through 初核, the lists and the submit on its working page, then the package is submitted, its PDF downloads and the sealed scan uploads', async () => {
    const { page, errors } = await open('pc');
    await staffLogin(page, `gd_${tag}`);
    await byId(page, 'nav-quota').click();
    await until(page, 'review-work', 'state', 'not_started');

    // ① 初核: every holder above its line passed at once (the one below cannot be).
    await until(page, 'holders', 'undecided', '3');
    await screenshot(page, 'after-close-holders');
    await expectAccessible(page, 'after-close-holders');
    await byId(page, 'holders-pass-all').click();
    await until(page, 'holders', 'undecided', '0');

    // ② 评审与推荐: a 专精特新 enterprise and a plain one (the rule then asks for a reason), and the demonstration applicant.
    await byId(page, 'review-tab-recommend').click();
    await byId(page, `recommend-toggle-advantage-${e().gdSpecialA.id}`).click();
    await byId(page, `recommend-toggle-advantage-${e().gdPlain.id}`).click();
    await until(page, `priority-reason-advantage-${e().gdPlain.id}`, 'required', 'true');
    await fill(page, `priority-reason-advantage-${e().gdPlain.id}`, '专利产业化成效突出');
    await until(page, 'recommend-advantage', 'issues', '0');
    await byId(page, 'recommend-save-advantage').click();
    await until(page, 'recommend-advantage', 'dirty', 'false');
    await byId(page, `review-edit-${e().gdSpecialA.id}`).click();
    await fill(page, `review-score-${e().gdSpecialA.id}`, '92.5');
    await fill(page, `review-opinion-${e().gdSpecialA.id}`, '知识产权管理体系健全');
    await byId(page, `review-save-${e().gdSpecialA.id}`).click();
    await byId(page, 'review-note').waitFor();
    await byId(page, `recommend-toggle-demonstration-${e().gdDemo.id}`).click();
    await byId(page, 'recommend-save-demonstration').click();
    await until(page, 'recommend-demonstration', 'entries', '1');
    await until(page, 'recommend-demonstration', 'dirty', 'false');
    await screenshot(page, 'after-close-recommend');
    await expectAccessible(page, 'after-close-recommend');

    // ③ 上报: the summary, then the submit, the PDF and the sealed scan.
    await byId(page, 'review-tab-submit').click();
    await until(page, 'package-issues', 'count', '1');
    await fill(page, 'review-summary', '经组织专家评审，推荐名单符合名额与专精特新优先的要求。');
    await byId(page, 'review-summary-save').click();
    await until(page, 'review-work', 'issues', '0');
    await byId(page, 'package-submit').click();
    await until(page, 'package-panel', 'state', 'submitted');
    const digest = await byId(page, 'package-panel').getAttribute('data-digest');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), byId(page, 'package-pdf').click()]);
    expect(download.suggestedFilename()).toBe('粤知推〔2026〕1号-v1.pdf');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), byId(page, 'package-scan-upload').click()]);
    await chooser.setFiles({ name: '盖章件.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 1)]) });
    await until(page, 'package-note', 'ok', 'true');
    await byId(page, 'package-version-1').waitFor();
    await byId(page, 'review-history').waitFor();
    await screenshot(page, 'after-close-submitted');
    await expectAccessible(page, 'after-close-submitted');
    expect(errors).toEqual([]);
  });

  it('When the national bureau opens the regions page and the package, then it sees 广东 submitted, the digest matches, and confirms it', async () => {
    const { page, errors } = await open('pc');
    await staffLogin(page, `nat_${tag}`);
    await byId(page, 'nav-regions').click();
    await until(page, 'packages', 'submitted', '1');
    await screenshot(page, 'after-close-regions');
    await expectAccessible(page, 'after-close-regions');
    await byId(page, 'package-row-440000').click();
    await until(page, 'package-view', 'state', 'submitted');
    await until(page, 'package-view-digest', 'matches', 'true');
    await expect(byId(page, `package-entry-advantage-${e().gdPlain.id}`).count()).resolves.toBe(1);
    await screenshot(page, 'after-close-package');
    await expectAccessible(page, 'after-close-package');
    await byId(page, 'package-confirm').click();
    await until(page, 'package-view', 'state', 'confirmed');

    // The 公示 period, set on the national 公示 page (Beijing time, from the server's clock).
    await page.goto('/packages/bureau/pages/publicity/index');
    await until(page, 'publicity', 'phase', 'none');
    const now = clock.now().getTime();
    const start = toBeijingIso(new Date(now + 2 * 60_000));
    const end = toBeijingIso(new Date(now + 60 * 60_000));
    await fill(page, 'publicity-start-date', start.slice(0, 10));
    await fill(page, 'publicity-start-time', start.slice(11, 16));
    await fill(page, 'publicity-end-date', end.slice(0, 10));
    await fill(page, 'publicity-end-time', end.slice(11, 16));
    await byId(page, 'publicity-save').click();
    await until(page, 'publicity', 'phase', 'scheduled');
    await until(page, 'publicity', 'listed', '3');
    await screenshot(page, 'after-close-publicity');
    await expectAccessible(page, 'after-close-publicity');
    expect(errors).toEqual([]);
  });

  it('When the period has begun, then the public 公示 page (no login) lists 广东’s proposals', async () => {
    clock.pin(new Date(clock.now().getTime() + 5 * 60_000));
    const { page, errors } = await open('phone');
    await page.goto(`/packages/public/pages/publicity/index?campaign=${suite.world.campaignId}`);
    await until(page, 'public-publicity', 'phase', 'open');
    await until(page, 'public-region-advantage-440000', 'count', '2');
    await expect(page.getByText(e().gdSpecialA.name).count()).resolves.toBe(1);
    await expect(page.getByText(e().gdSpecialA.uscc).count()).resolves.toBe(0); // codes are partly hidden
    await screenshot(page, 'after-close-public');
    await expectAccessible(page, 'after-close-public');
    expect(errors).toEqual([]);
  });

  it('When the enterprise opens its home page, then it is told it is under 公示', async () => {
    const { page, errors } = await open('phone');
    await page.goto(`/pages/entry/index?scene=${e().gdPlain.sceneToken}`);
    await fill(page, 'login-key', e().gdPlain.key);
    await byId(page, 'login-submit').click();
    await byId(page, 'home').waitFor();
    await until(page, 'programme-application', 'outcome', 'under_publicity');
    await byId(page, 'programme').scrollIntoViewIfNeeded();
    await screenshot(page, 'after-close-enterprise');
    await expectAccessible(page, 'after-close-enterprise');
    expect(errors).toEqual([]);
  });
});
