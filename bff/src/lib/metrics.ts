import type { Connection } from 'mongoose';
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
    dbCommands: new Counter({ name: 'db_commands_total', help: 'MongoDB commands sent, by command and collection (only with DB_COMMAND_COUNTS=true)', labelNames: ['command', 'collection'] as const, registers: [registry] }),
  };
}

/**
 * Counts every command the driver sends (needs a connection opened with `monitorCommands`).
 * The benchmark reads it before and after N requests to get database commands per request.
 */
export function countDbCommands(connection: Connection, metrics: Pick<Metrics, 'dbCommands'>): void {
  connection.getClient().on('commandStarted', (event) => {
    const target = (event.command as Record<string, unknown>)[event.commandName];
    metrics.dbCommands.inc({ command: event.commandName, collection: typeof target === 'string' ? target : '' });
  });
}

export type Metrics = ReturnType<typeof createMetrics>;
