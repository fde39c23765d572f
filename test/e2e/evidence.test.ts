import type { Page } from 'playwright-core';
import { defaultEvidenceChecklist } from '@assess/shared';
import { expectAccessible } from '../helpers/a11y';
import { screenshot } from '../helpers/browser';
import { loginByScene, visibleById as byId, fillById as fill, untilData as until } from '../helpers/e2e';
import { TestClock } from '../helpers/clock';
import { PASSWORD } from '../helpers/afterClose';
import { closedCampaignInBrowser } from '../helpers/closedInBrowser';

/**
 * Issue 17 in headless Chromium (H5 build): the 申报示范 enterprise above the line uploads its set
 * on a phone (375 px) in resumable chunks and submits it; the 广东 bureau marks an item as needing
 * more and asks for 补正; the enterprise sees the request, re-uploads that item and submits again.
 * axe on each page; screenshots in artifacts/ (copied to docs/screenshots/evidence-*.png).
 */



const pdf = (size: number, fill = 1) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, fill)]);
const png = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 3)]);

/** Clicks an upload button and hands the file chooser it opens a file. */
async function pick(page: Page, button: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), byId(page, button).click()]);
  await chooser.setFiles(file);
}

describe('示范 evidence in the browser: the enterprise’s set on a phone, the bureau’s 补正, the re-upload', () => {
  const clock = new TestClock();
  const tag = Date.now().toString(36).slice(-4);
  // The national bureau's default 评审要点, due in 14 days.
  const suite = closedCampaignInBrowser({
    clock,
    tag,
    prepare: async (_bff, api, world) => {
      const deadline = new Date(clock.now().getTime() + 14 * 86_400_000).toISOString();
      const saved = await api.raw('PUT', `/api/admin/campaigns/${world.campaignId}/evidence-checklist`, { body: { items: defaultEvidenceChecklist(), deadline }, token: world.staff.national });
      if (saved.status !== 200) throw new Error(`checklist: ${saved.status} ${JSON.stringify(saved.body)}`);
    },
  });
  const open = (kind: 'pc' | 'phone') => suite.open(kind);
  const demo = () => suite.world.enterprises.gdDemo;

  async function enterpriseOpens(page: Page): Promise<void> {
    await loginByScene(page, demo());
    await byId(page, 'open-evidence').click();
    await byId(page, 'evidence-page').waitFor();
  }


  it('When the enterprise uploads its set on a phone, then a wrong kind is refused before sending, each item shows its progress, and the submit gives a receipt', async () => {
    const { page, errors } = await open('phone');
    await enterpriseOpens(page);
    await until(page, 'evidence-page', 'state', 'open');
    await expectAccessible(page, 'evidence-enterprise-open');

    // A photo for an item that takes PDF only: refused on the phone, nothing sent.
    await pick(page, 'evidence-upload-system', { name: '体系照片.png', mimeType: 'image/png', buffer: png(20_000) });
    await until(page, 'evidence-status-system', 'ok', 'false');
    await expect(byId(page, 'evidence-status-system').textContent()).resolves.toContain('只接受 PDF');

    await pick(page, 'evidence-upload-system', { name: '创新管理体系.pdf', mimeType: 'application/pdf', buffer: pdf(2_500_000) });
    await until(page, 'evidence-item-system', 'files', '1');
    await fill(page, 'evidence-answer-system', '企业于 2021 年建立创新管理体系，2023 年通过认证。');
    await byId(page, 'evidence-save-system').click();
    await until(page, 'evidence-item-system', 'complete', 'true');
    await pick(page, 'evidence-upload-ip_assets', { name: '知识产权台账.png', mimeType: 'image/png', buffer: png(150_000) });
    await until(page, 'evidence-item-ip_assets', 'complete', 'true');
    await pick(page, 'evidence-upload-results', { name: '许可合同.pdf', mimeType: 'application/pdf', buffer: pdf(120_000, 2) });
    await until(page, 'evidence-item-results', 'complete', 'true');
    await pick(page, 'evidence-upload-commitment', { name: '真实性承诺书.pdf', mimeType: 'application/pdf', buffer: pdf(60_000, 4) });
    await until(page, 'evidence-item-commitment', 'complete', 'true');
    await byId(page, 'evidence-item-system').scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-enterprise');

    await byId(page, 'evidence-submit').click();
    await until(page, 'evidence-receipt', 'files', '4');
    await until(page, 'evidence-page', 'state', 'submitted');
    await byId(page, 'evidence-receipt').scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-receipt');
    await expectAccessible(page, 'evidence-receipt');
    expect(errors).toEqual([]);
  });

  it('When the 广东 bureau reviews the set, then it marks 知识产权资产管理 as needing more and asks for 补正 of that item only', async () => {
    const { page, errors } = await open('pc');
    await page.goto('/packages/bureau/pages/login/index');
    await fill(page, 'staff-username', `gd_${tag}`);
    await fill(page, 'staff-password', PASSWORD);
    await byId(page, 'staff-login-submit').click();
    await byId(page, 'overview').waitFor();
    await byId(page, 'nav-evidence').click();
    await until(page, 'evidence-sets', 'rows', '1');
    await byId(page, `evidence-open-${demo().id}`).click();
    await until(page, 'evidence-detail', 'state', 'submitted');
    await fill(page, 'evidence-comment-ip_assets', '请补充知识产权资产评估报告');
    await byId(page, 'evidence-needs-more-ip_assets').click();
    await until(page, 'evidence-review-ip_assets', 'verdict', 'needs_more');
    await byId(page, 'evidence-sufficient-system').click();
    await until(page, 'evidence-review-system', 'verdict', 'sufficient');
    await fill(page, 'evidence-request-comment', '请补充知识产权资产评估报告，5 日内提交');
    await fill(page, 'evidence-request-days', '5');
    await byId(page, 'evidence-request').click();
    await until(page, 'evidence-detail', 'state', 'reopened');
    await screenshot(page, 'evidence-bureau');
    await expectAccessible(page, 'evidence-bureau');
    expect(errors).toEqual([]);
  });

  it('When the national bureau opens the page, then it sees the published 评审要点, locked since the first upload, and every region’s set', async () => {
    const { page, errors } = await open('pc');
    await page.goto('/packages/bureau/pages/login/index');
    await fill(page, 'staff-username', `nat_${tag}`);
    await fill(page, 'staff-password', PASSWORD);
    await byId(page, 'staff-login-submit').click();
    await byId(page, 'overview').waitFor();
    await byId(page, 'nav-evidence').click();
    await until(page, 'evidence-checklist', 'locked', 'true');
    await until(page, 'evidence-sets', 'rows', '1');
    await expectAccessible(page, 'evidence-national');
    expect(errors).toEqual([]);
  });

  it('When the enterprise opens its page again, then it sees the request, only that item is open, and it re-uploads and submits', async () => {
    const { page, errors } = await open('phone');
    await enterpriseOpens(page);
    await until(page, 'evidence-page', 'state', 'reopened');
    await byId(page, 'evidence-open-request').waitFor();
    await until(page, 'evidence-item-ip_assets', 'editable', 'true');
    await until(page, 'evidence-item-system', 'editable', 'false');
    await expect(byId(page, 'evidence-request-ip_assets').textContent()).resolves.toContain('请补充知识产权资产评估报告');
    await screenshot(page, 'evidence-reopened');
    await expectAccessible(page, 'evidence-reopened');
    await pick(page, 'evidence-replace-ip_assets', { name: '知识产权资产评估报告.pdf', mimeType: 'application/pdf', buffer: pdf(300_000, 7) });
    await until(page, 'evidence-status-ip_assets', 'ok', 'true');
    await byId(page, 'evidence-submit').click();
    await until(page, 'evidence-receipt', 'n', '2');
    await until(page, 'evidence-page', 'state', 'submitted');
    expect(errors).toEqual([]);
  });
});
