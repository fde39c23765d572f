/**
 * The front end: weapp main-package size and H5 initial JS (gzip) of the production builds, the
 * questionnaire page's first render in headless Chromium (375×667, 4× CPU throttling), and the
 * draft-save request body of a typical edit.
 *
 * Builds run through the repo's own scripts (npm run build:weapp / build:h5); what each build
 * wrote is copied to .cache/bench/dist-<platform> at once, so a teammate's build emptying or
 * rewriting miniprogram/dist cannot change what is measured.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../lib/paths';
import { benchDir, type BffProcess } from './stack';
import { typicalEdit, type BenchCampaign } from './campaign';

const miniprogram = path.join(repoRoot, 'miniprogram');

export interface BuildOutcome {
  platform: 'weapp' | 'h5';
  built: boolean;
  seconds: number | null;
  dir: string | null;
  note: string | null;
}

/** Pids of `taro build` processes running in this checkout's miniprogram/ that are not descendants of `mine`. */
function foreignTaroBuilds(mine: number | null): number[] {
  const found = spawnSync('pgrep', ['-f', 'taro build'], { encoding: 'utf8' });
  if (found.status !== 0) return [];
  const parentOf = (pid: number): number => {
    try {
      return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    } catch {
      return 0;
    }
  };
  const isMine = (pid: number) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parentOf(p), hops++) if (p === mine || p === process.pid) return true;
    return false;
  };
  // Only builds of this checkout's miniprogram write to its dist/.
  const here = (pid: number) => {
    try {
      return fs.realpathSync(`/proc/${pid}/cwd`) === fs.realpathSync(miniprogram);
    } catch {
      return false;
    }
  };
  return found.stdout.split('\n').map(Number).filter((pid) => pid > 0 && here(pid) && !isMine(pid));
}

/** Waits while a teammate's `taro build` runs here: two builds writing one dist/ mix their files. */
async function waitForOtherBuilds(log: (line: string) => void): Promise<void> {
  for (let waited = 0; waited < 300; waited += 5) {
    if (foreignTaroBuilds(null).length === 0) return;
    if (waited === 0) log('  another taro build is running here: waiting for it to finish');
    await sleep(5_000);
  }
}

/** Copies what this build wrote (files modified since `since`): dist/ may hold stale chunks of earlier builds. */
function copyFresh(from: string, to: string, since: number): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyFresh(source, target, since);
    else if (fs.statSync(source).mtimeMs >= since) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

/**
 * Builds with the repo's own script and keeps a private copy of exactly what it wrote. When a
 * teammate's build ran meanwhile (their files would mix with ours), it builds once more.
 */
export async function buildFrontEnd(platform: 'weapp' | 'h5', log: (line: string) => void): Promise<BuildOutcome> {
  const dist = path.join(miniprogram, 'dist', platform);
  const marker = platform === 'weapp' ? 'app.json' : 'index.html';
  const copy = path.join(benchDir, `dist-${platform}`);
  // wx.request needs an absolute https base; H5 is served by the BFF and calls it relatively.
  const env = { ...process.env, TARO_APP_API_BASE: platform === 'weapp' ? (process.env.TARO_APP_API_BASE ?? 'https://assess.example.cn') : '' };
  let note: string | null = null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    await waitForOtherBuilds(log);
    log(`  building ${platform} (npm run build:${platform})…`);
    const started = Date.now() - 1_000;
    const child = spawn('npm', ['run', '-s', `build:${platform}`], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let interfered = false;
    const watch = setInterval(() => {
      if (foreignTaroBuilds(child.pid ?? null).length > 0) interfered = true;
    }, 2_000);
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearInterval(watch);
    const seconds = (Date.now() - started) / 1000;
    fs.writeFileSync(path.join(benchDir, `build-${platform}.log`), output);
    if (status !== 0 || !fs.existsSync(path.join(dist, marker))) {
      return { platform, built: false, seconds, dir: null, note: `build:${platform} failed (see .cache/bench/build-${platform}.log)` };
    }
    fs.rmSync(copy, { recursive: true, force: true });
    copyFresh(dist, copy, started);
    if (!interfered && fs.existsSync(path.join(copy, marker))) return { platform, built: true, seconds, dir: copy, note };
    note = `a teammate's taro build ran during build ${attempt}`;
    log(`  ${note}${attempt === 1 ? ': building again' : ''}`);
  }
  return { platform, built: true, seconds: null, dir: fs.existsSync(path.join(copy, marker)) ? copy : null, note: `${note}: sizes may mix two builds` };
}

type WeappSizes = { main: number; subpackages: Record<string, number> };
type H5Sizes = { initial: string[]; largestPageGzip: number; initialGzip: number };

/** The budgets as miniprogram/scripts/bundle-size.mjs defines them (the team's one definition). */
async function sizeTool(): Promise<{ weappSizes(root: string): WeappSizes; h5Sizes(root: string): H5Sizes }> {
  return (await import(pathToFileURL(path.join(miniprogram, 'scripts', 'bundle-size.mjs')).href)) as never;
}

export async function bundleSizes(weapp: BuildOutcome, h5: BuildOutcome) {
  const tool = await sizeTool();
  const w = weapp.dir ? tool.weappSizes(weapp.dir) : null;
  const h = h5.dir ? tool.h5Sizes(h5.dir) : null;
  return {
    weappMainKB: w ? Math.round((w.main / 1024) * 10) / 10 : null,
    weappSubpackagesKB: w ? Object.fromEntries(Object.entries(w.subpackages).map(([k, v]) => [k, Math.round((v / 1024) * 10) / 10])) : null,
    h5InitialJsGzipKB: h ? Math.round((h.initialGzip / 1024) * 10) / 10 : null,
    h5InitialFiles: h ? h.initial : null,
  };
}

export function gzipKB(dir: string, files: Iterable<string>): number {
  let bytes = 0;
  for (const file of files) bytes += zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length;
  return Math.round((bytes / 1024) * 10) / 10;
}

/** Bytes of the PATCH body a typical edit sends (see campaign.ts typicalEdit), and of a whole answer set. */
export function draftBodies(campaign: BenchCampaign) {
  const q = campaign.seeded.questionnaire;
  const base = campaign.seeded.variants[0]!.answers;
  const typical = { baseRevision: 137, ...typicalEdit(q, base, 3) };
  const whole = { baseRevision: 137, set: campaign.seeded.variants[1]!.answers, unset: [] };
  return { typicalBytes: Buffer.byteLength(JSON.stringify(typical)), typicalAnswers: Object.keys(typical.set).length, wholeSetBytes: Buffer.byteLength(JSON.stringify(whole)) };
}

export interface FirstRender {
  /** JS files the entry page (the QR landing page) loaded on a first visit, and their gzip size. */
  entryJs: string[];
  entryJsGzipKB: number | null;
  /** Median of the cold loads (no HTTP cache), ms from navigation start to the first question in the DOM. */
  coldMs: number | null;
  warmMs: number | null;
  samples: { cold: number[]; warm: number[] };
  /** JS the browser fetched for the questionnaire page (cold), gzip KB. */
  pageJsGzipKB: number | null;
  note: string | null;
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/**
 * Logs in through the UI (scan link → key), then loads the questionnaire page afresh under 4×
 * CPU throttling and times the first question (`data-testid="question-…"`) appearing, measured
 * inside the page from navigation start. Cold = HTTP cache disabled; warm = cache on.
 */
export async function firstRender(campaign: BenchCampaign, bff: BffProcess, h5Dir: string, runs: number, log: (line: string) => void): Promise<FirstRender> {
  const empty: FirstRender = { entryJs: [], entryJsGzipKB: null, coldMs: null, warmMs: null, samples: { cold: [], warm: [] }, pageJsGzipKB: null, note: null };
  if (!fs.existsSync(path.join(miniprogram, 'src', 'pages', 'questionnaire', 'index.tsx'))) {
    return { ...empty, note: 'the questionnaire page does not exist yet (miniprogram/src/pages/questionnaire): harness ready, nothing to measure' };
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ baseURL: bff.url, viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // A string, not a function: tsx would wrap a named inner function in its __name helper,
    // which does not exist in the page.
    await context.addInitScript(`
      new MutationObserver(function () {
        if (window.__firstQuestionAt === undefined && document.querySelector('[data-testid^="question-"]')) window.__firstQuestionAt = performance.now();
      }).observe(document, { childList: true, subtree: true });`);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const js = new Set<string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.endsWith('.js')) js.add(url.pathname.replace(/^\//, ''));
    });
    const [e] = campaign.take(1, (x) => x.hasDraft);
    // A first visit of the QR landing page: what it loads before anyone touches it is the initial JS.
    await page.goto(`/pages/entry/index?scene=${e!.sceneToken}`, { waitUntil: 'networkidle' });
    const entryJs = [...js].filter((f) => fs.existsSync(path.join(h5Dir, f)));
    const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);
    await byTestId('login-key').locator('input, textarea').first().fill(campaign.seeded.key);
    await byTestId('login-submit').click();
    await byTestId('home').waitFor({ timeout: 30_000 });

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const once = async (cold: boolean): Promise<number> => {
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: cold });
      await page.goto('/pages/questionnaire/index?mode=continue', { waitUntil: 'commit' });
      await page.waitForFunction(() => (window as unknown as { __firstQuestionAt?: number }).__firstQuestionAt !== undefined, undefined, { timeout: 60_000, polling: 50 });
      return page.evaluate(() => (window as unknown as { __firstQuestionAt: number }).__firstQuestionAt);
    };
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      js.clear();
      cold.push(await once(true));
    }
    const pageJs = [...js];
    for (let i = 0; i < runs; i++) warm.push(await once(false));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    log(`  questionnaire first question: cold ${cold.map((x) => x.toFixed(0)).join(', ')} ms; warm ${warm.map((x) => x.toFixed(0)).join(', ')} ms (4× CPU throttle)`);
    return {
      entryJs,
      entryJsGzipKB: gzipKB(h5Dir, entryJs),
      coldMs: Math.round(median(cold)),
      warmMs: Math.round(median(warm)),
      samples: { cold: cold.map(Math.round), warm: warm.map(Math.round) },
      pageJsGzipKB: gzipKB(h5Dir, pageJs.filter((f) => fs.existsSync(path.join(h5Dir, f)))),
      note: errors.length > 0 ? `page errors: ${errors.slice(0, 3).join(' | ')}` : null,
    };
  } catch (error) {
    return { ...empty, note: `first render not measured: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    await browser.close();
  }
}
