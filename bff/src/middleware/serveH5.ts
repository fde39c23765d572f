import path from 'node:path';
import fs from 'node:fs';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/**
 * Serves the H5 build on the BFF's origin. Hashed assets are cached for a year; any other GET
 * outside /api falls back to index.html so the browser router's deep links load.
 */
export function serveH5(dir: string): Middleware {
  const root = path.resolve(dir);
  const indexFile = path.join(root, 'index.html');
  const statics = serve(root, {
    index: false,
    setHeaders(res, filePath) {
      const hashed = /[.-][0-9a-f]{8}\.(js|css)$/.test(filePath);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path.startsWith('/api/') || ctx.path === '/metrics') return next();
    await statics(ctx, async () => undefined);
    if (ctx.body !== undefined && ctx.body !== null) return;
    if (!fs.existsSync(indexFile)) return next();
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = fs.createReadStream(indexFile);
  };
}
