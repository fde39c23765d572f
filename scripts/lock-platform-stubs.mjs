// The npm registry reachable from these machines serves native packages for linux only (the
// darwin/win32/… builds of @swc/core, unrs-resolver etc. answer 404), so `npm install` cannot
// record them in package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds
// an entry for each such optional platform package, marked with its os/cpu, so `npm ci` accepts
// the lock and skips them (they never match this platform). Run after changing dependencies:
//   npm install && node scripts/lock-platform-stubs.mjs
import fs from 'node:fs';

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

function resolve(from, name) {
  // Node's lookup: from/node_modules/name, then each ancestor's node_modules.
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const index = base.lastIndexOf('/node_modules/');
    base = index === -1 ? '' : base.slice(0, index);
  }
}

function platformOf(name) {
  const parts = name.split(/[-/]/);
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find((c) => parts.includes(c)) ?? (parts.includes('arm') ? 'arm' : undefined);
  return { os, cpu };
}

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const found = resolve(path, name);
    if (found && packages[found].version === spec) continue;
    if (found && !/^\d+\.\d+\.\d+/.test(spec)) continue;
    const { os, cpu } = platformOf(name);
    if (!os || os === 'linux' && cpu === 'x64') continue; // ours: must come from the registry
    const target = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[target]) continue;
    packages[target] = { version: spec, optional: true, os: [os], ...(cpu ? { cpu: [cpu] } : {}) };
    added += 1;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-stubs: ${added} optional platform entries added`);
