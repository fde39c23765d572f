import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../../scripts/lib/paths';

/**
 * The weapp production build against WeChat's limits, measured by the same script developers
 * run (`npm run size -w miniprogram`), so the budget and the way it is counted live in one place.
 * `npm test` builds weapp before this suite; a run without a build makes one.
 */
const weappDir = path.join(repoRoot, 'miniprogram', 'dist', 'weapp');
const sizeScript = path.join(repoRoot, 'miniprogram', 'scripts', 'bundle-size.mjs');

interface WeappSizes {
  main: number;
  subpackages: Record<string, number>;
  budget: number;
  ok: boolean;
}

beforeAll(() => {
  if (fs.existsSync(path.join(weappDir, 'app.json'))) return;
  const build = spawnSync('npm', ['run', '-s', 'build:weapp'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('weapp build failed');
}, 300_000);

describe('weapp build', () => {
  test('When the production build is measured, then the main package is within 800 KB and the bureau pages are in a subpackage', () => {
    const run = spawnSync(process.execPath, [sizeScript, 'weapp', '--json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { weapp } = JSON.parse(run.stdout) as { weapp: WeappSizes };
    expect(weapp.budget).toBe(800 * 1024);
    expect(weapp.main).toBeLessThanOrEqual(weapp.budget);
    expect(weapp.ok).toBe(true);
    expect(run.status).toBe(0);

    const app = JSON.parse(fs.readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> };
    expect(app.pages.filter((page) => /bureau/.test(page))).toEqual([]);
    const bureau = app.subPackages?.find((sub) => sub.root === 'packages/bureau');
    expect(bureau?.pages.length).toBeGreaterThan(0);
    expect(Object.keys(weapp.subpackages)).toContain('packages/bureau');
    // The enterprise's pages are all in the main package, which every scan downloads.
    expect(app.pages).toEqual(expect.arrayContaining(['pages/entry/index', 'pages/home/index', 'pages/questionnaire/index', 'pages/review/index', 'pages/result/index']));
  });
});
