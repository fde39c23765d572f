#!/usr/bin/env node
/**
 * README command (a) as a smoke test, for CI on the clean clone: runs `npm start` here with its
 * own PORT, FERRETDB_PORT, Redis key prefix and a throwaway DEMO_DATA_DIR; waits for /readyz;
 * logs an enterprise in with a demo key it printed (checked against demo-keys.json) and a staff
 * account with a login it printed; loads the H5 entry page (HTTP 200, the app's HTML) and renders
 * it once in headless Chromium when Debian's is installed; then stops the whole process group it
 * started (npm, the demo, FerretDB, the BFF) by its id and checks nothing of it is left.
 *
 * Plain Node (no dependency, no build): on a fresh clone it runs before anything is installed,
 * which is what `npm start` must cope with. Exit 0 when every step passed.
 *
 *     node scripts/smoke-start.mjs        # SMOKE_TIMEOUT_S=900 by default (a first run installs and builds)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const timeoutMs = Number(process.env.SMOKE_TIMEOUT_S ?? 900) * 1000;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const step = (text) => console.log(`  ✔ ${text} (${elapsed()})`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok) => (socket.destroy(), resolve(ok));
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True while any process of the group is alive (signal 0 only asks). */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deletes the keys under `prefix` (ioredis, installed by `npm start` by now). */
async function deleteRedisPrefix(url, prefix) {
  const { Redis } = createRequire(path.join(repoRoot, 'package.json'))('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

async function main() {
  const port = Number(process.env.PORT ?? (await freePort()));
  const ferretPort = Number(process.env.FERRETDB_PORT ?? (await freePort()));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assess-smoke-'));
  const prefix = `smoke-${process.pid}:`;
  const logFile = path.join(dataDir, 'npm-start.log');
  const base = `http://127.0.0.1:${port}`;
  console.log(`› npm start on :${port} (FerretDB :${ferretPort}, data ${dataDir}, Redis prefix ${prefix})`);

  const out = fs.openSync(logFile, 'a');
  // detached: its own process group, whose id is its pid — what the stop below signals.
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), FERRETDB_PORT: String(ferretPort), DEMO_DATA_DIR: dataDir, REDIS_KEY_PREFIX: prefix },
    stdio: ['ignore', out, out],
    detached: true,
  });
  const pgid = child.pid;
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const log = () => fs.readFileSync(logFile, 'utf8');
  let failure = null;

  try {
    // 1. Ready: /readyz answers 200 (MongoDB and Redis reachable), before the start gives up.
    for (;;) {
      if (exited) throw new Error(`npm start exited (${exited.code ?? exited.signal}) before it was ready`);
      if (Date.now() - started > timeoutMs) throw new Error(`not ready after ${timeoutMs / 1000} s`);
      const ready = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
      if (ready && /测评系统已启动/.test(log())) break;
      await sleep(500);
    }
    step('/readyz answers 200 and the start printed its URL');

    // 2. An enterprise logs in with a key the start printed, which demo-keys.json also holds.
    const printed = /^\s*(\S.*?)[\s\u3000]+密钥 (\S+)\s+(\S+\/pages\/entry\/index\?scene=(\S+))$/m.exec(log());
    if (!printed) throw new Error('no demo key line (密钥 … ?scene=…) in the output');
    const [, name, key, , scene] = printed;
    const campaign = /^演示活动：(.+?)（问卷/m.exec(log())?.[1];
    if (!campaign) throw new Error('no campaign line (演示活动：…) in the output');
    const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-keys.json'), 'utf8'));
    if (!Object.values(stored).includes(key)) throw new Error('the printed key is not in demo-keys.json');
    const login = await fetch(`${base}/api/auth/enterprise/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scene, key }) });
    const session = await login.json().catch(() => ({}));
    const token = session.token ?? session.accessToken;
    if (login.status !== 200 || typeof token !== 'string') throw new Error(`enterprise login answered ${login.status} ${JSON.stringify(session)}`);
    const questionnaire = await fetch(`${base}/api/questionnaire`, { headers: { authorization: `Bearer ${token}` } });
    if (questionnaire.status !== 200) throw new Error(`GET /api/questionnaire with the enterprise token answered ${questionnaire.status}`);
    step(`enterprise “${name.trim()}” logged in with its printed key, and its token reads the questionnaire`);

    // 3. A staff account logs in with a login the start printed (“名称：username / password”).
    const staff = /^\s*\S+：(\S+) \/ (\S+)$/m.exec(log());
    if (!staff) throw new Error('no staff login line (名称：username / password) in the output');
    const staffLogin = await fetch(`${base}/api/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: staff[1], password: staff[2] }) });
    if (staffLogin.status !== 200) throw new Error(`staff login ${staff[1]} answered ${staffLogin.status}`);
    step(`staff account ${staff[1]} logged in with its printed password`);

    // 4. The H5 entry page (the QR code's link) is the app's HTML.
    const entryPath = `/pages/entry/index?scene=${scene}`;
    const page = await fetch(`${base}${entryPath}`);
    const html = await page.text();
    if (page.status !== 200 || !/text\/html/.test(page.headers.get('content-type') ?? '') || !/<script[^>]+src=/.test(html)) {
      throw new Error(`GET ${entryPath} answered ${page.status} ${page.headers.get('content-type')}: ${html.slice(0, 200)}`);
    }
    step(`GET ${entryPath}: 200, the H5 app's HTML`);

    // 5. It renders: the app starts, asks the API about the scene and shows the enterprise.
    const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (fs.existsSync(chromium)) {
      const { chromium: launcher } = createRequire(path.join(repoRoot, 'package.json'))('playwright-core');
      const browser = await launcher.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'] });
      try {
        const tab = await browser.newPage({ viewport: { width: 375, height: 667 }, locale: 'zh-CN' });
        const errors = [];
        tab.on('pageerror', (error) => errors.push(error.message));
        tab.on('console', (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`));
        await tab.goto(`${base}${entryPath}`);
        try {
          // The campaign's name comes from the API's answer about the scene (the enterprise's name is masked before login).
          await tab.getByText(campaign).first().waitFor({ timeout: 30_000 });
          await tab.getByText('输入密钥').first().waitFor({ timeout: 5_000 });
        } catch (error) {
          const shot = path.join(dataDir, 'entry-page.png');
          await tab.screenshot({ path: shot }).catch(() => undefined);
          throw new Error(`the entry page did not show the campaign and the key form (screenshot ${shot}; errors: ${errors.join('; ') || 'none'}): ${error.message.split('\n')[0]}`);
        }
        if (errors.length > 0) throw new Error(`the entry page reported errors: ${errors.join('; ')}`);
      } finally {
        await browser.close();
      }
      step(`headless Chromium rendered the entry page: “${campaign}” and the key form`);
    } else {
      console.log(`  – no Chromium at ${chromium}: render skipped`);
    }
  } catch (error) {
    failure = error;
  }

  // 6. Stop: SIGTERM to the whole group (npm, the demo, FerretDB, the BFF), SIGKILL after 20 s.
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // already gone
  }
  const stopBy = Date.now() + 20_000;
  while (groupAlive(pgid) && Date.now() < stopBy) await sleep(200);
  const lingered = groupAlive(pgid);
  if (lingered) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  const listening = [port, ferretPort].filter(Boolean);
  const stillOpen = [];
  for (const p of listening) if (await portAnswers(p)) stillOpen.push(p);
  if (!failure && lingered) failure = new Error('a process of the group was still running 20 s after SIGTERM');
  if (!failure && stillOpen.length > 0) failure = new Error(`port(s) ${stillOpen.join(', ')} still answer after the stop`);
  if (!failure) step('stopped: SIGTERM to its process group, nothing left running, ports closed');

  // The demo's Redis keys live under our prefix on the machine's Redis: delete them, and only them.
  await deleteRedisPrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix).catch((error) => console.log(`  – Redis keys under ${prefix} not deleted: ${error.message}`));

  if (failure) {
    console.error(`✘ quick-start smoke: ${failure.message}\n── npm start output (${logFile}) ──\n${log().split('\n').slice(-60).join('\n')}`);
    return 1;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`✔ quick-start smoke passed in ${elapsed()}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`✘ quick-start smoke: ${error.stack ?? error}`);
    process.exit(1);
  },
);
