/**
 * Load generation for the benchmark, on node:http with keep-alive (no extra client library):
 *
 * - `runClosed`: N requests by C workers, each sending its next request when the last one
 *   answered — for "CPU per request" and "throughput at full speed".
 * - `runOpen`: a fixed arrival rate, open model. Request i is due at t0 + i/rate and is sent at
 *   that moment whether or not earlier ones have answered; its latency is counted from when it
 *   was *due*, not when it left. That is the coordinated-omission correction (as wrk2 does it):
 *   a stalled server cannot hide its stall by slowing the load generator down.
 *
 * Why not autocannon's `overallRate` for the fixed rate (autocannon 9.0, lib/httpClient.js and
 * lib/run.js): its rate is a per-connection budget refilled once a second, so with many
 * connections requests leave in bursts at each second boundary and a busy connection simply
 * sends later (closed model); its correction calls `recordValueWithExpectedInterval(latency,
 * Math.ceil(1 / rate))`, i.e. an expected interval of 1 ms whatever the rate, which fills the
 * histogram with synthetic samples below each real one. autocannon is still what measures the
 * maximum throughput of tiny responses (koa hello world vs /healthz), where it is at its best.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface RequestSpec {
  /** Base URL of the server (load can alternate between servers). */
  url: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

/** One request; network errors reject, any HTTP status resolves. */
export function send(spec: RequestSpec, timeoutMs = 30_000): Promise<Reply> {
  const target = new URL(spec.path, spec.url);
  const payload = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body));
  const headers: Record<string, string | number> = { ...spec.headers };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: spec.method, headers, timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(payload);
  });
}

export async function sendJson<T = unknown>(spec: RequestSpec, expect = [200, 201]): Promise<T> {
  const reply = await send(spec);
  if (!expect.includes(reply.status)) throw new Error(`${spec.method} ${spec.path} → ${reply.status} ${reply.text.slice(0, 300)}`);
  return JSON.parse(reply.text) as T;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export interface LoadOutcome {
  sent: number;
  ok: number;
  /** Responses outside 2xx, by status. */
  non2xx: Record<string, number>;
  /** Network errors and timeouts. */
  failures: number;
  firstFailure: string | null;
  elapsedMs: number;
  /** Latencies of every request (2xx or not), ms, sorted. */
  latencies: number[];
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Successful requests per second over the run. */
  throughput: number;
}

function summarise(sent: number, ok: number, non2xx: Record<string, number>, failures: number, firstFailure: string | null, latencies: number[], elapsedMs: number): LoadOutcome {
  latencies.sort((a, b) => a - b);
  return {
    sent,
    ok,
    non2xx,
    failures,
    firstFailure,
    elapsedMs,
    latencies,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    throughput: ok / (elapsedMs / 1000),
  };
}

/** `jobs` requests by `concurrency` workers; `make(i)` builds request i (or does it, returning a status). */
export async function runClosed(options: {
  concurrency: number;
  jobs: number;
  make: (i: number) => RequestSpec | (() => Promise<number>);
  okStatus?: (status: number) => boolean;
}): Promise<LoadOutcome> {
  const okStatus = options.okStatus ?? ((status) => status >= 200 && status < 300);
  const latencies: number[] = [];
  const non2xx: Record<string, number> = {};
  let ok = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.jobs) {
      const i = next++;
      const job = options.make(i);
      const t0 = performance.now();
      try {
        let status: number;
        let text = '';
        if (typeof job === 'function') status = await job();
        else ({ status, text } = await send(job));
        latencies.push(performance.now() - t0);
        if (okStatus(status)) ok += 1;
        else {
          non2xx[status] = (non2xx[status] ?? 0) + 1;
          firstFailure ??= `${status} ${text.slice(0, 200)}`;
        }
      } catch (error) {
        latencies.push(performance.now() - t0);
        failures += 1;
        firstFailure ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.jobs) }, worker));
  return summarise(options.jobs, ok, non2xx, failures, firstFailure, latencies, performance.now() - started);
}

/**
 * Fixed-rate open-model load for `seconds`: request i is due at t0 + i/rate; latency is measured
 * from the due time (coordinated-omission corrected). Waits for stragglers up to `timeoutMs`.
 */
export async function runOpen(options: { rate: number; seconds: number; make: (i: number) => RequestSpec; timeoutMs?: number }): Promise<LoadOutcome & { lateSends: number }> {
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  const non2xx: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let ok = 0;
  let failures = 0;
  let lateSends = 0;
  let firstFailure: string | null = null;
  const t0 = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const due = t0 + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (performance.now() - due > 10) lateSends += 1;
    const spec = options.make(i);
    const one = send(spec, options.timeoutMs ?? 30_000).then(
      (reply) => {
        latencies.push(performance.now() - due);
        if (reply.status >= 200 && reply.status < 300) ok += 1;
        else {
          non2xx[reply.status] = (non2xx[reply.status] ?? 0) + 1;
          firstFailure ??= `${reply.status} ${reply.text.slice(0, 200)}`;
        }
      },
      (error: Error) => {
        latencies.push(performance.now() - due);
        failures += 1;
        firstFailure ??= error.message;
      },
    );
    const tracked = one.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  const outcome = summarise(total, ok, non2xx, failures, firstFailure, latencies, performance.now() - t0);
  return { ...outcome, lateSends };
}

export function closeAgent(): void {
  agent.destroy();
}
