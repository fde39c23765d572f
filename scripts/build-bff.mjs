// Bundles the BFF (and the shared/ sources it imports) into bff/dist/server.js.
// npm packages stay external: they are installed beside it.
import { build } from 'esbuild';

await build({
  entryPoints: ['bff/src/server.ts'],
  outfile: 'bff/dist/server.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  // shared/ is a workspace package consumed from source: bundle it instead of requiring .ts.
  alias: { '@assess/shared': './shared/src/index.ts' },
  logLevel: 'warning',
});
console.log('built bff/dist/server.js');
