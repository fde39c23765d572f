/**
 * Writes the OpenAPI document the BFF serves at /api/openapi.json (the same function, the same
 * route table; only the server URL is a placeholder) — for `redocly lint` and the generated
 * TypeScript client check in scripts/test-all.sh, which need no running BFF.
 *
 *     npx tsx scripts/openapi.ts [out.json]      # default: stdout
 */
import { writeFileSync } from 'node:fs';
import { routeTable } from '../bff/src/routes';
import { apiDocument } from '../bff/src/modules/openapi/routes';

const text = `${JSON.stringify(apiDocument(routeTable, 'http://localhost:8080'), null, 2)}\n`;
const out = process.argv[2];
if (out) writeFileSync(out, text);
else process.stdout.write(text);
