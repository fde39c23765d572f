import { z } from 'zod';
import type { ExtraOperation } from '../openapi/document';

/** GET /readyz's answers (health/routes.ts writes them). */
export const readySchema = z.object({ ok: z.literal(true), mongodb: z.literal(true), redis: z.literal(true) }).meta({ id: 'Ready' });
export const notReadySchema = z
  .object({ ok: z.literal(false), code: z.literal('SERVICE_UNAVAILABLE'), message: z.string(), down: z.array(z.enum(['mongodb', 'redis'])) })
  .meta({ id: 'NotReady' });
export const aliveSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Alive' });

/** The operations answered before the route table (middleware/liveness, health and metrics routers). */
export const operationsOutsideTable: readonly ExtraOperation[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getLiveness',
    summary: '存活检查：进程在运行（不检查数据库与 Redis，不记访问日志）',
    tag: '运维',
    responses: { 200: { description: '进程存活', contentType: 'application/json', schema: aliveSchema } },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    summary: '就绪检查：MongoDB 与 Redis 都能应答',
    tag: '运维',
    responses: {
      200: { description: '就绪', contentType: 'application/json', schema: readySchema },
      503: { description: '依赖服务不可用（down 列出哪些）', contentType: 'application/json', schema: notReadySchema },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus 指标（只对 METRICS_ALLOW 中的地址应答）',
    tag: '运维',
    responses: {
      200: { description: 'Prometheus 文本格式', contentType: 'text/plain' },
      403: { description: 'FORBIDDEN：来源地址不在 METRICS_ALLOW 中', contentType: 'application/json', errorCodes: ['FORBIDDEN'] },
    },
  },
];
