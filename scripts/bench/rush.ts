/**
 * The deadline rush: fixed-rate submits (open model, coordinated-omission corrected, see
 * load.ts) from 20,000 enterprises (times --scale) of the national campaign against two BFF
 * processes on FerretDB's PostgreSQL backend. Each enterprise sticks to one BFF (enterprise i →
 * BFF i mod 2), as a load balancer hashing on the client would; each submits at most once per
 * pass over the 20,000, far inside its 6 submits a minute.
 *
 * Search: a short closed-loop probe estimates capacity; then rates go up by ×1.3 from half of
 * it while a step holds (p99 ≤ 300 ms and no error), then bisect between the last rate that held
 * and the first that did not. Steps are bounded in number and length.
 */
import { runClosed, runOpen } from './load';
import type { BenchCampaign } from './campaign';
import type { BffProcess } from './stack';
import type { BenchEnterprise } from './seed';

export const RUSH_P99_MS = 300;

export interface RushStep {
  rate: number;
  p50: number;
  p99: number;
  max: number;
  sent: number;
  ok: number;
  errors: number;
  non2xx: Record<string, number>;
  firstFailure: string | null;
  holds: boolean;
}

export interface RushResult {
  /** Highest rate that held (p99 ≤ 300 ms, 0 errors); 0 when none did. */
  rate: number;
  p50Ms: number | null;
  p99Ms: number | null;
  errors: number;
  steps: RushStep[];
  probe: { throughput: number; p50: number; p99: number };
  enterprises: number;
}

export async function deadlineRush(
  campaign: BenchCampaign,
  bffs: BffProcess[],
  options: { enterprises: number; stepSeconds: number; maxSteps: number },
  log: (line: string) => void,
): Promise<RushResult> {
  const pool: BenchEnterprise[] = campaign.take(options.enterprises);
  let next = 0;
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const make = (i: number) => {
    const index = next++;
    const e = pool[index % pool.length]!;
    return campaign.submit(bffs[index % pool.length % bffs.length]!.url, e, `rush-${run}-${index}-${i}`);
  };
  // Tokens are signed up front so the load loop does no crypto.
  for (const e of pool) campaign.token(e);

  // Capacity probe: as many as the two BFFs take with 8 in flight, for a few seconds' worth.
  const probeJobs = Math.max(16, Math.round(options.stepSeconds * 2));
  const probe = await runClosed({ concurrency: 8, jobs: probeJobs, make });
  log(`  probe (closed loop, 8 in flight): ${probe.throughput.toFixed(1)} submits/s, p50 ${probe.p50.toFixed(0)} ms, p99 ${probe.p99.toFixed(0)} ms, errors ${probe.sent - probe.ok}`);

  const steps: RushStep[] = [];
  const step = async (rate: number): Promise<RushStep> => {
    const outcome = await runOpen({ rate, seconds: options.stepSeconds, make, timeoutMs: 60_000 });
    const errors = outcome.sent - outcome.ok;
    const result: RushStep = {
      rate,
      p50: outcome.p50,
      p99: outcome.p99,
      max: outcome.max,
      sent: outcome.sent,
      ok: outcome.ok,
      errors,
      non2xx: outcome.non2xx,
      firstFailure: outcome.firstFailure,
      holds: errors === 0 && outcome.p99 <= RUSH_P99_MS,
    };
    steps.push(result);
    log(
      `  ${rate.toFixed(1).padStart(6)} submits/s for ${options.stepSeconds} s: p50 ${outcome.p50.toFixed(0)} ms, p99 ${outcome.p99.toFixed(0)} ms, max ${outcome.max.toFixed(0)} ms, ` +
        `errors ${errors}${errors ? ` ${JSON.stringify(outcome.non2xx)} ${outcome.firstFailure ?? ''}` : ''} → ${result.holds ? 'holds' : 'does not hold'}`,
    );
    // Let queues drain before the next step.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return result;
  };

  const round = (rate: number) => Math.max(0.5, Math.round(rate * 10) / 10);
  let low: RushStep | null = null;
  let high: RushStep | null = null;
  let rate = round(Math.max(1, probe.throughput * 0.5));
  while (steps.length < options.maxSteps) {
    const result = await step(rate);
    if (result.holds) {
      low = result;
      if (high) break;
      rate = round(rate * 1.3);
    } else {
      high = result;
      if (low) break;
      // Nothing held yet: go down until something does, or until a rate too low to matter.
      if (rate <= 0.5) break;
      rate = round(rate / 2);
    }
  }
  // Bisect between what held and what did not.
  while (low && high && steps.length < options.maxSteps && high.rate - low.rate > Math.max(0.5, low.rate * 0.08)) {
    const result = await step(round((low.rate + high.rate) / 2));
    if (result.holds) low = result;
    else high = result;
  }
  const best = low;
  const reported = best ?? steps.reduce((a, b) => (a.rate < b.rate ? a : b));
  return {
    rate: best ? best.rate : 0,
    p50Ms: Math.round(reported.p50),
    p99Ms: Math.round(reported.p99),
    errors: reported.errors,
    steps,
    probe: { throughput: probe.throughput, p50: probe.p50, p99: probe.p99 },
    enterprises: pool.length,
  };
}
