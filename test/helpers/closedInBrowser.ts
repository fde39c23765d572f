import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestBff, type TestBff } from './bff';
import { ensureH5Build, launchBrowser, pcContext, phoneContext, watchErrors } from './browser';
import { apiClient, type ApiClient } from './http';
import type { TestClock } from './clock';
import { closedCampaign, type ClosedCampaign } from './afterClose';

export interface ClosedInBrowser {
  readonly bff: TestBff;
  readonly api: ApiClient;
  readonly world: ClosedCampaign;
  /** A new page in a phone (375 px) or PC context, with the console errors it collects. */
  open(kind: 'pc' | 'phone'): Promise<{ page: Page; errors: string[] }>;
}

/**
 * For a browser test file after the close: a BFF serving the H5 build on the test clock, the closed
 * campaign of test/helpers/afterClose.ts (its lines published, its cast and staff), then `prepare`
 * (what the file needs on top), and one browser; all closed after the file's tests.
 */
export function closedCampaignInBrowser(options: { clock: TestClock; tag: string; prepare?: (bff: TestBff, api: ApiClient, world: ClosedCampaign) => Promise<void> }): ClosedInBrowser {
  let running: { bff: TestBff; api: ApiClient; world: ClosedCampaign; browser: Browser } | null = null;
  const contexts: BrowserContext[] = [];
  const current = () => {
    if (!running) throw new Error('closedCampaignInBrowser: used before its beforeAll ran');
    return running;
  };

  beforeAll(async () => {
    const bff = await startTestBff({ clock: options.clock, env: { H5_DIR: ensureH5Build() } });
    const api = apiClient(bff.url);
    const world = await closedCampaign(bff, api, options.clock, { tag: options.tag });
    await options.prepare?.(bff, api, world);
    running = { bff, api, world, browser: await launchBrowser() };
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await running?.browser.close();
    await running?.bff.stop();
  });

  return {
    get bff() {
      return current().bff;
    },
    get api() {
      return current().api;
    },
    get world() {
      return current().world;
    },
    async open(kind) {
      const { browser, bff } = current();
      const context = kind === 'pc' ? await pcContext(browser, bff.url) : await phoneContext(browser, bff.url);
      contexts.push(context);
      const page = await context.newPage();
      return { page, errors: watchErrors(page) };
    },
  };
}
