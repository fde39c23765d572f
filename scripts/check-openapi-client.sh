#!/usr/bin/env bash
# A client generated from the served document compiles and names its operations: the document
# the BFF serves (scripts/openapi.ts) → openapi-typescript → tsc over test/openapi-client/usage.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/openapi-client/generated
mkdir -p "$out" .cache
npx tsx scripts/openapi.ts .cache/openapi.json
npx openapi-typescript .cache/openapi.json --output "$out/api.d.ts" >/dev/null
npx tsc -p test/openapi-client
echo "generated client: $(grep -c '^    [a-zA-Z]*: {$' "$out/api.d.ts" || true) operations typed; usage.ts compiles"
