#!/usr/bin/env node
/**
 * Bundle budgets, measured on the production builds:
 * - weapp: the main package (everything outside the subpackage roots in app.json) ≤ 800 KB —
 *   WeChat refuses to upload a main package over 2 MB, and every enterprise downloads it on scan;
 * - h5: the JS a first visit loads (index.html's scripts, the chunk shared by pages, the largest
 *   enterprise page chunk as an upper bound for the landing page), gzip-compressed, ≤ 250 KB;
 *   the staff-only chunks (bureau, echarts) are listed apart.
 *
 * Usage: node miniprogram/scripts/bundle-size.mjs [weapp|h5|all] [--json]
 * Exits 1 when a budget is exceeded or a build is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
export const WEAPP_MAIN_BUDGET = 800 * 1024;
export const H5_INITIAL_GZIP_BUDGET = 250 * 1024;
/** Named H5 chunks of the staff subpackage: its shared code, the lazily imported ECharts, the password-strength dictionaries. */
export const STAFF_CHUNKS = ['bureau', 'echarts', 'zxcvbn'];

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function weappSizes(root = path.join(dist, 'weapp')) {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => path.join(root, p.root) + path.sep);
  let main = 0;
  const subpackages = Object.fromEntries(subRoots.map((r) => [path.relative(root, r), 0]));
  for (const file of filesUnder(root)) {
    const size = fs.statSync(file).size;
    const sub = subRoots.find((r) => file.startsWith(r));
    if (sub) subpackages[path.relative(root, sub)] += size;
    else main += size;
  }
  return { main, subpackages, budget: WEAPP_MAIN_BUDGET, ok: main <= WEAPP_MAIN_BUDGET };
}

export function h5Sizes(root = path.join(dist, 'h5')) {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const js = fs.readdirSync(path.join(root, 'js')).filter((f) => f.endsWith('.js'));
  const gz = (rel) => zlib.gzipSync(fs.readFileSync(path.join(root, rel)), { level: 9 }).length;
  const common = js.filter((f) => f.startsWith('pages-common.')).map((f) => `js/${f}`);
  // Chunks only staff pages load (config/index.ts names them): never part of an enterprise's first visit.
  const staffOnly = js.filter((f) => STAFF_CHUNKS.some((name) => f.startsWith(`${name}.`))).map((f) => `js/${f}`);
  const pages = js
    .map((f) => `js/${f}`)
    .filter((f) => !initial.includes(f) && !common.includes(f) && !staffOnly.includes(f));
  const largestPage = Math.max(0, ...pages.map(gz));
  const initialGzip = [...initial, ...common].reduce((sum, f) => sum + gz(f), 0) + largestPage;
  const staffChunksGzip = Object.fromEntries(staffOnly.map((f) => [f, gz(f)]));
  return { initial: [...initial, ...common], largestPageGzip: largestPage, initialGzip, staffChunksGzip, budget: H5_INITIAL_GZIP_BUDGET, ok: initialGzip <= H5_INITIAL_GZIP_BUDGET };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv[2] ?? 'all';
  const json = process.argv.includes('--json');
  const report = {};
  let ok = true;
  try {
    if (which === 'weapp' || which === 'all') {
      report.weapp = weappSizes();
      ok &&= report.weapp.ok;
    }
    if (which === 'h5' || which === 'all') {
      report.h5 = h5Sizes();
      ok &&= report.h5.ok;
    }
  } catch (error) {
    console.error(`无法读取构建产物（先运行 npm run build:weapp / build:h5）：${error.message}`);
    process.exit(1);
  }
  if (json) console.log(JSON.stringify(report, null, 2));
  else {
    if (report.weapp) {
      console.log(`weapp main package: ${kb(report.weapp.main)} (budget ${kb(report.weapp.budget)}) ${report.weapp.ok ? 'OK' : 'OVER BUDGET'}`);
      for (const [root, size] of Object.entries(report.weapp.subpackages)) console.log(`  subpackage ${root}: ${kb(size)}`);
    }
    if (report.h5) {
      console.log(`h5 initial JS (gzip): ${kb(report.h5.initialGzip)} (budget ${kb(report.h5.budget)}) ${report.h5.ok ? 'OK' : 'OVER BUDGET'}`);
      for (const [file, size] of Object.entries(report.h5.staffChunksGzip)) console.log(`  staff-only chunk ${file}: ${kb(size)} gzip (lazy, not in the budget)`);
    }
  }
  process.exit(ok ? 0 : 1);
}
