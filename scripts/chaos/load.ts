import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Answers } from '@assess/shared';

/**
 * Virtual enterprises submitting through two BFFs, alternating between them as a round-robin
 * load balancer would. Every submit is recorded: its idempotency key, every try, and the receipt
 * when acknowledged. A 5xx, a network error or a timeout is retried with the same idempotency key
 * (on the other instance), as the mini-program does; a 429 waits for Retry-After.
 */

export interface Receipt {
  attemptId: string;
  number: number;
  submittedAt: string;
  checksum: string;
  total: number;
}

export interface SubmitRecord {
  enterpriseId: string;
  key: string;
  /** false: deliberately invalid answers, which must be refused and never stored. */
  valid: boolean;
  tries: number;
  /** Tries that ended in a 5xx, a network error or a timeout. */
  failures: number;
  rateLimited: number;
  outcome: 'acked' | 'refused' | 'unresolved';
  code?: string;
  receipt?: Receipt;
  firstSentAt: number;
  /** When the last try went out (for an acknowledged submit: the try that got the receipt). */
  lastTrySentAt: number;
  settledAt: number;
  /** Tries that failed while a fault was active, and acknowledgements received during one. */
  failuresDuringFault: number;
  ackedDuringFault: boolean;
}

export interface Client {
  enterpriseId: string;
  token: string;
  ip: string;
}

export interface LoadOptions {
  urls: string[];
  clients: Client[];
  /** Stop starting new submits at this time (ms since epoch). */
  stopAt: number;
  /** Give up retrying at this time. */
  giveUpAt: number;
  /** Pause between one client's submits, ms (uniform in the range). */
  pace: [number, number];
  answers: { valid: Answers[]; invalid: Answers };
  /** Share of submits sent with invalid answers. */
  invalidShare: number;
  /** True while a fault is in force (for the attribution columns). */
  faultActive(): boolean;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** Round robin over the instances, shared by every client (a load balancer's view). */
function roundRobin(urls: string[]) {
  let next = 0;
  return () => urls[next++ % urls.length]!;
}

export async function runLoad(options: LoadOptions): Promise<SubmitRecord[]> {
  const records: SubmitRecord[] = [];
  const pick = roundRobin(options.urls);

  async function submitOnce(client: Client, record: SubmitRecord, body: string): Promise<void> {
    for (let round = 0; ; round++) {
      if (Date.now() > options.giveUpAt) {
        record.outcome = 'unresolved';
        return;
      }
      record.tries += 1;
      record.lastTrySentAt = Date.now();
      let status = 0;
      let payload: any = null;
      let retryAfter = 0;
      try {
        const response = await fetch(`${pick()}/api/attempts/current/submit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}`, 'x-forwarded-for': client.ip },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        status = response.status;
        retryAfter = Number(response.headers.get('retry-after') ?? 0);
        payload = await response.json().catch(() => null);
      } catch {
        status = 0; // refused connection, reset, timeout
      }
      if (status === 201) {
        const receipt = payload.receipt as Receipt;
        record.outcome = 'acked';
        record.receipt = { attemptId: receipt.attemptId, number: receipt.number, submittedAt: receipt.submittedAt, checksum: receipt.checksum, total: receipt.total };
        record.ackedDuringFault = options.faultActive();
        return;
      }
      if (status === 429) {
        record.rateLimited += 1;
        await sleep(Math.min(Math.max(retryAfter, 1), 65) * 1000);
        continue;
      }
      if (status >= 400 && status < 500) {
        record.outcome = 'refused';
        record.code = payload?.code;
        return;
      }
      record.failures += 1;
      if (options.faultActive()) record.failuresDuringFault += 1;
      await sleep(Math.min(200 * 2 ** round, 3_000) * (0.5 + Math.random()));
    }
  }

  async function runClient(client: Client): Promise<void> {
    await sleep(Math.random() * options.pace[1]);
    let serial = 0;
    while (Date.now() < options.stopAt) {
      const valid = Math.random() >= options.invalidShare;
      const answers = valid ? options.answers.valid[Math.floor(Math.random() * options.answers.valid.length)]! : options.answers.invalid;
      const key = `chaos-${client.enterpriseId.slice(-6)}-${++serial}-${randomBytes(4).toString('hex')}`;
      const record: SubmitRecord = {
        enterpriseId: client.enterpriseId,
        key,
        valid,
        tries: 0,
        failures: 0,
        rateLimited: 0,
        outcome: 'unresolved',
        firstSentAt: Date.now(),
        lastTrySentAt: 0,
        settledAt: 0,
        failuresDuringFault: 0,
        ackedDuringFault: false,
      };
      records.push(record);
      await submitOnce(client, record, JSON.stringify({ idempotencyKey: key, answers, client: { platform: 'weapp', version: 'chaos' } }));
      record.settledAt = Date.now();
      const pause = options.pace[0] + Math.random() * (options.pace[1] - options.pace[0]);
      await sleep(Math.max(0, Math.min(pause, options.stopAt - Date.now())));
    }
  }

  await Promise.all(options.clients.map(runClient));
  return records;
}

/**
 * Logs each virtual client in (its own address, so per-address limits see a crowd, not one host),
 * a few at a time, retrying a 503 (login refuses when its Redis calls time out under a burst).
 */
export async function loginClients(url: string, enterprises: Array<{ id: string; sceneToken: string; key: string }>, firstIp: number): Promise<Client[]> {
  const clients: Client[] = new Array(enterprises.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < enterprises.length) {
      const i = next++;
      const enterprise = enterprises[i]!;
      // 198.18.0.0/15, the benchmarking range: only ever a header value, never an address we connect to.
      const n = firstIp + i;
      const ip = `198.${18 + (Math.floor(n / 65_536) % 2)}.${Math.floor(n / 256) % 256}.${n % 256}`;
      for (let round = 0; ; round++) {
        const response = await fetch(`${url}/api/auth/enterprise/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ scene: enterprise.sceneToken, key: enterprise.key }),
        });
        const body = (await response.json()) as { token?: string; code?: string };
        if (body.token) {
          clients[i] = { enterpriseId: enterprise.id, token: body.token, ip };
          break;
        }
        if (response.status !== 503 || round >= 10) throw new Error(`login of ${enterprise.id} failed: ${response.status} ${body.code}`);
        await sleep(200 * (round + 1));
      }
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker));
  return clients;
}
