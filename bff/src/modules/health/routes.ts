import Router from 'koa-router';
import { mongoAnswers } from '../../lib/mongo';
import { redisAnswers } from '../../lib/redis';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';

/** GET /readyz: MongoDB and Redis both answer. (GET /healthz, the process is alive, is middleware/liveness.) */
export function healthRoutes(deps: { mongo: Connection; redis: Redis }): Router {
  const router = new Router();
  router.get('/readyz', async (ctx) => {
    const [mongodb, redis] = await Promise.all([mongoAnswers(deps.mongo), redisAnswers(deps.redis)]);
    const down = [mongodb ? null : 'mongodb', redis ? null : 'redis'].filter((name): name is string => name !== null);
    ctx.status = down.length === 0 ? 200 : 503;
    ctx.body = down.length === 0 ? { ok: true, mongodb, redis } : { ok: false, code: 'SERVICE_UNAVAILABLE', message: `依赖服务不可用：${down.join('、')}`, down };
  });
  return router;
}
