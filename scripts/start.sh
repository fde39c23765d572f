#!/usr/bin/env bash
# README command (a): install, provision FerretDB and Redis, seed the demo campaign, build the
# H5 app and the BFF, then serve both on one origin and print the URL, demo keys and logins.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
ensure_node_modules
ensure_redis_server

# Rebuild the H5 app only when its sources (or shared/) changed since the last build.
stamp=miniprogram/dist/h5/index.html
if [ ! -f "$stamp" ] || [ -n "$(find miniprogram/src miniprogram/config shared/src package-lock.json -newer "$stamp" -type f -print -quit)" ]; then
  echo "› building the H5 app…"
  # .cache/ does not exist yet on a fresh clone (the redirection below would fail before the build).
  mkdir -p .cache
  npm run -s build:h5 >/dev/null 2>.cache/build-h5.err || { cat .cache/build-h5.err >&2; exit 1; }
fi
npm run -s build:bff >/dev/null
exec npx tsx scripts/demo.ts "$@"
