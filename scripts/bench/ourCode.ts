/**
 * "Our code": BFF CPU milliseconds and database commands per request, for a submit (100
 * answers), a draft save (a typical edit), a key login and a dashboard table page (uncached).
 *
 * CPU comes from the BFF's own /metrics (process_cpu_seconds_total) before and after N requests,
 * minus its idle CPU over the same wall time and the cost of the scrape. Commands come from a
 * second BFF started with DB_COMMAND_COUNTS=true (driver command monitoring), so the counter's
 * own cost stays out of the CPU figures. Both hold the summary compactor's lease meanwhile, so
 * background folding is not charged to requests.
 *
 * This runs on the small campaign (its own database): per-request BFF CPU does not depend on
 * how many documents FerretDB scans, and short database round trips keep the phase short, which
 * keeps the idle-CPU correction negligible.
 */
import { BenchCampaign } from './campaign';
import { cpuBaseline, cpuPerRequest, commandsPerRequest, type CpuReading } from './metrics';
import { runClosed, send, sendJson, type LoadOutcome, type RequestSpec } from './load';
import type { BffProcess } from './stack';
import type { BenchEnterprise } from './seed';

export interface Sizes {
  submits: number;
  draftSaves: number;
  logins: number;
  /** Each dashboard page: the table page, the region overview, the national table. */
  tablePages: number;
  /** Requests per kind on the command-counting BFF. */
  counted: number;
}

export interface KindResult {
  cpu: CpuReading;
  load: Pick<LoadOutcome, 'p50' | 'p99' | 'throughput' | 'ok' | 'sent'>;
  commands: { perRequest: number; byCommand: Record<string, number> };
}

export interface OurCodeResult {
  submit: KindResult;
  draftSave: KindResult;
  login: KindResult;
  tablePage: KindResult;
  overviewPage: KindResult;
  nationalPage: KindResult;
}

type Job = RequestSpec | (() => Promise<number>);

export async function staffToken(url: string, account: { username: string; password: string }, ip: string): Promise<string> {
  const reply = await sendJson<{ token: string }>({ url, method: 'POST', path: '/api/auth/staff/login', headers: { 'x-forwarded-for': ip }, body: account });
  return reply.token;
}

function mustSucceed(label: string, outcome: LoadOutcome): void {
  if (outcome.ok !== outcome.sent) {
    throw new Error(`${label}: ${outcome.sent - outcome.ok} of ${outcome.sent} requests failed (${JSON.stringify(outcome.non2xx)}; first: ${outcome.firstFailure})`);
  }
}

/**
 * Draft saves of one enterprise go one after another (each needs the revision the last one
 * returned); different enterprises in parallel.
 */
function draftJob(campaign: BenchCampaign, url: string, e: BenchEnterprise, k: number, chains: Map<string, Promise<unknown>>): Job {
  return async () => {
    const previous = chains.get(e.id) ?? Promise.resolve();
    const mine = previous.then(async () => {
      const reply = await send(campaign.draftSave(url, e, k));
      if (reply.status === 200) campaign.revisions.set(e.id, (JSON.parse(reply.text) as { revision: number }).revision);
      return reply.status;
    });
    chains.set(e.id, mine.catch(() => undefined));
    return mine;
  };
}

export async function measureOurCode(
  campaign: BenchCampaign,
  cpuBff: BffProcess,
  countBff: BffProcess,
  sizes: Sizes,
  log: (line: string) => void,
): Promise<OurCodeResult> {
  const release = await campaign.holdCompactor();
  try {
    const account = campaign.seeded.staff.region;
    const region = campaign.seeded.bigRegion.code;
    const staff = { [cpuBff.url]: await staffToken(cpuBff.url, account, '10.250.0.1'), [countBff.url]: await staffToken(countBff.url, account, '10.250.0.2') };
    const nationalStaff = {
      [cpuBff.url]: await staffToken(cpuBff.url, campaign.seeded.staff.national, '10.250.0.3'),
      [countBff.url]: await staffToken(countBff.url, campaign.seeded.staff.national, '10.250.0.4'),
    };
    /** A dashboard page computed afresh: the region's cache generation is bumped first, as a submit there does. */
    const dashboardJob = (url: string, path: string, token: string, cachedPage: boolean) => async () => {
      if (cachedPage) await campaign.invalidateRegion(region);
      const reply = await send({ url, method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
      if (cachedPage && reply.status === 200 && reply.headers['x-cache'] !== 'miss') throw new Error(`${path} came from the cache`);
      return reply.status;
    };
    const chains = new Map<string, Promise<unknown>>();
    let serial = 0;

    const kinds: Record<keyof OurCodeResult, { n: number; concurrency: number; dashboard?: boolean; jobs: (url: string, n: number) => (i: number) => Job }> = {
      submit: {
        n: sizes.submits,
        concurrency: 8,
        jobs: (url, n) => {
          const enterprises = campaign.take(n);
          const run = `${process.pid}-${serial++}`;
          return (i) => campaign.submit(url, enterprises[i]!, `${run}-${i}`);
        },
      },
      draftSave: {
        n: sizes.draftSaves,
        concurrency: 8,
        jobs: (url, n) => {
          // ~10 saves per enterprise, well inside the 120 saves/minute an enterprise may make.
          const enterprises = campaign.take(Math.max(8, Math.ceil(n / 10)), (e) => e.hasDraft);
          return (i) => draftJob(campaign, url, enterprises[i % enterprises.length]!, i, chains);
        },
      },
      login: {
        n: sizes.logins,
        concurrency: 4,
        jobs: (url, n) => {
          const enterprises = campaign.take(n);
          return (i) => campaign.login(url, enterprises[i]!);
        },
      },
      tablePage: {
        n: sizes.tablePages,
        concurrency: 4,
        dashboard: true,
        jobs: (url) => (i) => dashboardJob(url, `/api/dashboard/enterprises?campaignId=${campaign.id}&sort=total&order=desc&page=${1 + (i % 5)}&pageSize=20`, staff[url]!, true),
      },
      overviewPage: {
        n: sizes.tablePages,
        concurrency: 4,
        dashboard: true,
        jobs: (url) => () => dashboardJob(url, `/api/dashboard/overview?campaignId=${campaign.id}`, staff[url]!, true),
      },
      nationalPage: {
        n: sizes.tablePages,
        concurrency: 4,
        dashboard: true,
        // Not cached by design: 37 region summaries and the pending deltas, read on every call.
        jobs: (url) => () => dashboardJob(url, `/api/dashboard/regions?campaignId=${campaign.id}`, nationalStaff[url]!, false),
      },
    };

    const cpuBase = await cpuBaseline(cpuBff.url);
    log(`  idle BFF: ${(cpuBase.idleRate * 1000).toFixed(2)} ms CPU/s; one /metrics scrape ${(cpuBase.scrapeCost * 1000).toFixed(2)} ms`);
    const out: Partial<OurCodeResult> = {};
    let holding = true;
    for (const [name, kind] of Object.entries(kinds) as Array<[keyof OurCodeResult, (typeof kinds)[keyof OurCodeResult]]>) {
      if (kind.dashboard && holding) {
        // Dashboards read the region summaries plus the deltas not folded yet: let the compactor
        // fold what the submits and logins above appended, as it does every 2 s in service.
        await release();
        holding = false;
        await campaign.waitForCompaction();
      }
      const warm = Math.max(10, Math.round(kind.n / 10));
      mustSucceed(`${name} warm-up`, await runClosed({ concurrency: kind.concurrency, jobs: warm, make: kind.jobs(cpuBff.url, warm) }));
      let outcome: LoadOutcome | null = null;
      const cpu = await cpuPerRequest(cpuBff.url, cpuBase, async () => {
        const make = kind.jobs(cpuBff.url, kind.n);
        outcome = await runClosed({ concurrency: kind.concurrency, jobs: kind.n, make });
        return outcome.ok;
      });
      const measured = outcome as LoadOutcome | null;
      if (!measured) throw new Error('no outcome');
      mustSucceed(name, measured);

      mustSucceed(`${name} warm-up (counting BFF)`, await runClosed({ concurrency: 2, jobs: 3, make: kind.jobs(countBff.url, 3) }));
      const commands = await commandsPerRequest(countBff.url, async () => {
        const counted = await runClosed({ concurrency: 2, jobs: sizes.counted, make: kind.jobs(countBff.url, sizes.counted) });
        mustSucceed(`${name} (counting BFF)`, counted);
        return counted.ok;
      });
      out[name] = {
        cpu,
        load: { p50: measured.p50, p99: measured.p99, throughput: measured.throughput, ok: measured.ok, sent: measured.sent },
        commands: { perRequest: commands.perRequest, byCommand: commands.byCommand },
      };
      log(
        `  ${name.padEnd(10)} ${cpu.msPerRequest.toFixed(3)} ms CPU/request over ${cpu.requests} (${cpu.wallSeconds.toFixed(1)} s, p50 ${measured.p50.toFixed(1)} ms); ` +
          `${commands.perRequest.toFixed(2)} db commands/request ${JSON.stringify(commands.byCommand)}`,
      );
    }
    return out as OurCodeResult;
  } finally {
    await release();
  }
}
