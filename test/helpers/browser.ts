import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../scripts/lib/paths';

/**
 * The H5 build the e2e suite serves. E2E_H5_DIR points at a copy instead, so a teammate's
 * `build:h5` (which empties dist/h5 while it runs) cannot pull the app out from under a run.
 */
export const h5Dir = process.env.E2E_H5_DIR ?? path.join(repoRoot, 'miniprogram', 'dist', 'h5');
export const artifactsDir = path.join(repoRoot, 'artifacts');

/** Builds the H5 app when no build exists (npm test builds it before the e2e suite). */
export function ensureH5Build(): string {
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) {
    if (process.env.E2E_H5_DIR) throw new Error(`E2E_H5_DIR=${h5Dir} holds no H5 build`);
    const build = spawnSync('npm', ['run', '-s', 'build:h5'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('H5 build failed');
  }
  return h5Dir;
}

/** Debian's Chromium, headless, with the flags this closed network needs (see docs/toolchain.md). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** A phone-sized context (375×667, touch), as an enterprise on WeChat's in-app browser would be. */
export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

export async function pcContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Collects console errors and page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Saves a screenshot artefact under artifacts/ (kept by CI, ignored by git). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  // Taro's H5 router slides pages in: finish the transition so the artefact shows the page.
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled' });
  return file;
}
