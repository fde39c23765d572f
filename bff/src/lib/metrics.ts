import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics, one registry per app (tests run several apps in one process). What the
 * deadline day needs: request rates and latencies per route, submits and their outcomes,
 * logins, locked keys, and the process's CPU and memory (prom-client defaults).
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry] }),
    latency: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    submits: new Counter({ name: 'assessment_submits_total', help: 'Submits by outcome (stored, replayed, refused code)', labelNames: ['outcome'] as const, registers: [registry] }),
    logins: new Counter({ name: 'assessment_logins_total', help: 'Logins by kind and outcome', labelNames: ['kind', 'outcome'] as const, registers: [registry] }),
    keysLocked: new Counter({ name: 'assessment_keys_locked_total', help: 'Enterprise keys locked after too many wrong tries', registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
