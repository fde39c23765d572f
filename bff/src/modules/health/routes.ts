import Router from 'koa-router';
import { mongoAnswers } from '../../lib/mongo';
import { redisAnswers } from '../../lib/redis';
import type { z } from 'zod';
import type { notReadySchema, readySchema } from './docs';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';

/** GET /readyz: MongoDB and Redis both answer. (GET /healthz, the process is alive, is middleware/liveness.) */
export function healthRoutes(deps: { mongo: Connection; redis: Redis }): Router {
  const router = new Router();
  router.get('/readyz', async (ctx) => {
    const [mongodb, redis] = await Promise.all([mongoAnswers(deps.mongo), redisAnswers(deps.redis)]);
    const down = [mongodb ? null : 'mongodb', redis ? null : 'redis'].filter((name): name is 'mongodb' | 'redis' => name !== null);
    ctx.status = down.length === 0 ? 200 : 503;
    // The shapes the document declares (./docs.ts); the contract test checks the answers against them.
    const ready: z.infer<typeof readySchema> = { ok: true, mongodb: true, redis: true };
    const notReady = (): z.infer<typeof notReadySchema> => ({ ok: false, code: 'SERVICE_UNAVAILABLE', message: `依赖服务不可用：${down.join('、')}`, down });
    ctx.body = down.length === 0 ? ready : notReady();
  });
  return router;
}
