import fs from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Accessibility checks in the browser suite: axe-core (Deque's rules for WCAG 2.1 A/AA) run
 * inside the page. Its source is injected with addScriptTag, so nothing but axe-core itself is
 * needed next to playwright-core.
 */
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

/** What a violation looks like in a failed assertion: rule, impact, and the first few elements. */
function describe(violation: AxeViolation): string {
  const nodes = violation.nodes.slice(0, 4).map((node) => `    ${node.target.join(' ')}  ${node.html.slice(0, 160)}`);
  return `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length})\n${nodes.join('\n')}`;
}

/** The serious and critical WCAG 2.1 A/AA violations axe finds in the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.addScriptTag({ content: axeSource });
  // Taro's H5 router keeps the pages below the top one in the document, hidden: axe skips
  // hidden content by itself. Animations settle first, so colours are measured at rest.
  await page.waitForTimeout(350);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(describe);
}

/** Fails the test (naming the page) on any serious or critical accessibility violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const found = await axeViolations(page);
  expect({ page: label, violations: found }).toEqual({ page: label, violations: [] });
}

/**
 * Whether the page reflows at the current size: nothing wider than the window, so nobody scrolls
 * sideways to read a line (WCAG 1.4.10). Containers meant to scroll sideways (the dimension tabs,
 * tables) scroll inside themselves and do not count.
 */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
