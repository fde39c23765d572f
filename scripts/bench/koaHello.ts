/**
 * The bare-Koa baseline for GET /healthz: one middleware answering { ok: true }, same Koa as
 * the BFF, nothing else. Started by baselines.ts with PORT set.
 */
import http from 'node:http';
import Koa from 'koa';

const app = new Koa();
app.use((ctx) => {
  ctx.body = { ok: true };
});
const server = http.createServer(app.callback());
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
