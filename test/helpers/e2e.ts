import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { defaultQuestionnaire, draftSchema, saveDraftResponseSchema, type Answers, type Draft } from '@assess/shared';
import { startTestBff, type TestBff } from './bff';
import { ensureH5Build, launchBrowser, pcContext, phoneContext, screenshot, watchErrors } from './browser';
import { createCampaign, createEnterprises, enterpriseRow, login, type TestEnterprise } from './factories';
import { apiClient, bodyOf, type ApiClient } from './http';
import { TestClock } from './clock';
import { completeAnswers } from './answers';

/**
 * One e2e test file's world: a real BFF serving the H5 build on its own origin (FerretDB +
 * Redis from the jest run), one headless Chromium, and the pages the tests opened, each with
 * its console and page errors collected so `assertNoErrors` can fail the test on any of them.
 */
export interface E2eWorld {
  bff: TestBff;
  browser: Browser;
  api: ApiClient;
  clock: TestClock;
  /** A campaign (open since a minute, closing in an hour unless told) with one enterprise. */
  enterprise(window?: { opensAt?: Date; closesAt?: Date }): Promise<TestEnterprise>;
  /** A new browser context (phone 375×667 by default) and its first page, errors watched. */
  open(kind?: 'phone' | 'pc'): Promise<Opened>;
  close(): Promise<void>;
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * Console errors a browser prints for a response we provoked on purpose: Chromium logs every
 * non-2xx fetch ("Failed to load resource: … status of 401"), every request cut by setOffline
 * ("net::ERR_INTERNET_DISCONNECTED") and every request a route aborted. Tests pass the ones
 * they expect.
 */
export const expected = {
  status: (status: number) => new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`),
  offline: /net::ERR_INTERNET_DISCONNECTED|Failed to fetch/,
  /** A request the test aborted with page.route. */
  aborted: /Failed to load resource: net::ERR_FAILED/,
};

export function assertNoErrors(opened: Opened | Opened[], allowed: RegExp[] = []): void {
  const errors = (Array.isArray(opened) ? opened : [opened]).flatMap((o) => o.errors);
  expect(errors.filter((error) => !allowed.some((pattern) => pattern.test(error)))).toEqual([]);
}

export async function openE2eWorld(): Promise<E2eWorld> {
  const h5Dir = ensureH5Build();
  const clock = new TestClock();
  const bff = await startTestBff({ env: { H5_DIR: h5Dir }, clock });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    bff,
    browser,
    clock,
    api: apiClient(bff.url),
    async enterprise(window = {}) {
      const campaign = await createCampaign(bff.services, window);
      const [enterprise] = await createEnterprises(bff.services, campaign._id, [enterpriseRow()]);
      return enterprise!;
    },
    async open(kind = 'phone') {
      const context = kind === 'phone' ? await phoneContext(browser, bff.url) : await pcContext(browser, bff.url);
      contexts.push(context);
      const page = await context.newPage();
      return { context, page, errors: watchErrors(page) };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await bff.stop();
    },
  };
}

/**
 * The opening of every e2e file: a describe block over one world (opened before its tests,
 * closed after them). `body` declares the tests and gets the world, to use inside them.
 *
 *     describeE2e('autosave', (world) => {
 *       test('When …, then …', async () => { const enterprise = await world.enterprise(); … });
 *     });
 */
export function describeE2e(title: string, body: (world: E2eWorld) => void): void {
  describe(title, () => {
    let opened: E2eWorld | null = null;
    // The tests are declared before the world opens; they reach it through this handle.
    const world = new Proxy({} as E2eWorld, {
      get(_target, property) {
        if (!opened) throw new Error(`the e2e world of "${title}" is opened in beforeAll: use it inside tests and hooks`);
        return Reflect.get(opened, property);
      },
    });
    beforeAll(async () => {
      opened = await openE2eWorld();
    });
    afterAll(() => opened?.close());
    body(world);
  });
}

// ── arranging through the API (what another device or an earlier session would have done) ──

/** Logs in through the API and makes sure the enterprise has a draft; returns the token. */
export async function startDraftViaApi(api: ApiClient, enterprise: TestEnterprise): Promise<string> {
  const token = await login(api, enterprise);
  bodyOf(await api.post('/api/attempts', { clientKey: `api-prepared-${enterprise.id}` }, token), draftSchema);
  return token;
}

/** Saves answers into the server draft as another device would (one PATCH at the current revision). */
export async function saveDraftViaApi(api: ApiClient, token: string, set: Answers): Promise<Draft> {
  const current = await serverDraft(api, token);
  bodyOf(await api.patch('/api/attempts/current/draft', { baseRevision: current.revision, set, unset: [] }, token), saveDraftResponseSchema);
  return serverDraft(api, token);
}

export async function serverDraft(api: ApiClient, token: string): Promise<Draft> {
  return bodyOf(await api.get('/api/attempts/current/draft', token), draftSchema);
}

/** Every question answered except `leaveOut` (which the test answers through the UI). */
export function answersExcept(leaveOut: readonly string[], pick: 'high' | 'low' = 'high'): Answers {
  const all = completeAnswers(defaultQuestionnaire, pick);
  for (const id of leaveOut) delete all[id];
  return all;
}

// ── driving the UI ──

/** getByTestId matches a string id exactly. */
export const byTestId = (page: Page, id: string): Locator => page.getByTestId(id);

/** Types into a Taro input (the test id sits on the <taro-input-core> wrapper). */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  const input = byTestId(page, id).locator('input, textarea').first();
  await input.fill(text);
}

/** The visible element with a test id (Taro's H5 router keeps pages below the top one, hidden). */
export const visibleById = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]:visible`);

/** Fills the visible field with a test id (its input or textarea). */
export const fillById = (page: Page, id: string, value: string): Promise<void> => visibleById(page, id).locator('input, textarea').first().fill(value);

/** Waits until the visible element with a test id carries `data-<name>="<value>"`; says what it carried if not. */
export async function untilData(page: Page, id: string, name: string, value: string, timeout = 30_000): Promise<void> {
  const target = page.locator(`[data-testid="${id}"][data-${name}="${value}"]:visible`);
  try {
    await target.first().waitFor({ timeout });
  } catch {
    const actual = await visibleById(page, id).first().getAttribute(`data-${name}`).catch(() => '(absent)');
    throw new Error(`[data-testid="${id}"] data-${name}: expected "${value}", found "${actual}"`);
  }
}

/** A bureau account's login through the workbench's login page, until its overview shows. */
export async function loginStaffInBrowser(page: Page, username: string, password: string): Promise<void> {
  const field = (id: string) => page.locator(`[data-testid="${id}"]:visible`);
  await page.goto('/packages/bureau/pages/login/index');
  await field('staff-username').locator('input').fill(username);
  await field('staff-password').locator('input').fill(password);
  await field('staff-login-submit').click();
  await field('overview').waitFor();
}

/** Scan → key → home, through the UI. */
export async function loginByScene(page: Page, enterprise: TestEnterprise): Promise<void> {
  await page.goto(`/pages/entry/index?scene=${enterprise.sceneToken}`);
  await typeInto(page, 'login-key', enterprise.key);
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'home').waitFor();
}

/** Waits until the autosave indicator reports `state` (synced, offline, conflict …). */
export async function waitForSync(page: Page, state: string, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="sync-status"][data-state="${state}"]`).waitFor({ timeout });
}

/** A new enterprise that scanned its code on a phone and started answering (its draft synced). */
export async function startedOnPhone(world: E2eWorld): Promise<{ enterprise: TestEnterprise; phone: Opened; page: Page }> {
  const enterprise = await world.enterprise();
  const phone = await world.open('phone');
  await loginByScene(phone.page, enterprise);
  await byTestId(phone.page, 'start').click();
  await waitForSync(phone.page, 'synced');
  return { enterprise, phone, page: phone.page };
}

export async function selectOption(page: Page, questionId: string, optionId: string): Promise<void> {
  const option = byTestId(page, `option-${questionId}-${optionId}`);
  await option.click();
  await expectAttribute(option, 'data-selected', 'true');
}

export async function expectAttribute(locator: Locator, name: string, value: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.getAttribute(name).catch(() => null);
    if (last === value) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${String(locator)} ${name}=${JSON.stringify(last)}, expected ${JSON.stringify(value)}`);
}

/** Opens a dimension of the questionnaire through its navigation tab. */
export async function openDimension(page: Page, dimensionId: string): Promise<void> {
  await byTestId(page, `nav-${dimensionId}`).click();
  await expectAttribute(byTestId(page, 'questionnaire'), 'data-group', dimensionId);
}

export { screenshot };

// ── keyboard only ──

/**
 * Presses Tab (Shift+Tab when `back`) until the focus is inside the element with test id `id`,
 * as a keyboard user would; fails after `limit` presses. Returns the number of presses.
 */
export async function tabTo(page: Page, id: string, { back = false, limit = 250 } = {}): Promise<number> {
  const inside = () =>
    page.evaluate((testId) => {
      const active = document.activeElement;
      return Boolean(active && active.closest(`[data-testid="${testId}"]`));
    }, id);
  for (let presses = 0; presses <= limit; presses += 1) {
    if (await inside()) return presses;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? '(none)');
  throw new Error(`Tab did not reach [data-testid="${id}"] in ${limit} presses; focus is on ${active}`);
}

/**
 * Counts every trusted pointer, mouse and touch event in the page (install before the first
 * navigation): a keyboard-only run must end with none.
 */
export async function countPointerEvents(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __pointerEvents: string[] }).__pointerEvents = seen;
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'touchstart', 'touchend', 'wheel']) {
      window.addEventListener(type, (event) => void (event.isTrusted && seen.push(`${type} on ${(event.target as Element | null)?.tagName ?? '?'}`)), true);
    }
  });
  return () => page.evaluate(() => (window as unknown as { __pointerEvents?: string[] }).__pointerEvents ?? []);
}
export { expectAccessible, axeViolations, horizontalOverflow } from './a11y';
