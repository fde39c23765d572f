#!/usr/bin/env bash
# Installs node_modules from package-lock.json when they are missing or older than the lock.
# Sourced by start.sh and test-all.sh, so a fresh clone needs no separate install step.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "› npm ci (installing from package-lock.json)…"
    npm ci --no-audit --no-fund || { echo "npm ci failed" >&2; return 1; }
  fi
}

# Debian's Chromium and a CJK font for the browser tests (a test tool's own browser download
# cannot work here). Installed only when missing and only when we may.
ensure_chromium() {
  if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "› apt-get install chromium fonts-noto-cjk…"
    (apt-get install -y -q chromium fonts-noto-cjk >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium fonts-noto-cjk >/dev/null 2>&1; }) \
      || echo "could not install chromium; browser tests will fail" >&2
  else
    echo "Chromium is missing: install Debian's chromium and fonts-noto-cjk for the browser tests" >&2
  fi
}

# redis-server, if Redis must be started here and the binary is missing.
ensure_redis_server() {
  if command -v redis-server >/dev/null; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "› apt-get install redis-server…"
    apt-get install -y -q redis-server >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q redis-server >/dev/null 2>&1; } || true
  fi
}
