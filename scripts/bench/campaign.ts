/**
 * A seeded campaign as the load sees it: enterprises handed out without reuse (so the per-
 * enterprise limits of the BFF are respected), their access tokens, request bodies, and the
 * Redis levers the benchmark pulls on the BFF's own keys (cache generations, compactor lease).
 */
import { MongoClient } from 'mongodb';
import { randomId, TokenService } from '../../bff/src/lib/jwt';
import type { Answers, Questionnaire } from '@assess/shared';
import { diffAnswers } from '../../miniprogram/src/services/answers';
import type { RequestSpec } from './load';
import type { BenchDb, Stack } from './stack';
import type { BenchEnterprise, Seeded } from './seed';

const JWT_DEFAULTS = { issuer: 'iso56005-assessment', audience: 'iso56005-assessment' };

export class BenchCampaign {
  private cursor = 0;
  private readonly tokenCache = new Map<string, string>();
  private readonly tokens: TokenService;
  /** Where each enterprise's draft revision stands (draft saves must send the current one). */
  readonly revisions = new Map<string, number>();

  constructor(
    readonly stack: Stack,
    readonly db: BenchDb,
    readonly seeded: Seeded,
  ) {
    this.tokens = new TokenService({ secret: stack.jwtSecret, ...JWT_DEFAULTS });
    for (const e of seeded.enterprises) if (e.hasDraft) this.revisions.set(e.id, e.draftRevision);
  }

  get id(): string {
    return this.seeded.campaignId;
  }

  /**
   * Enterprises not handed out before (wrapping around only when the campaign runs out, by
   * which time a minute has long passed). `filter` picks e.g. those with a draft.
   */
  take(count: number, filter: (e: BenchEnterprise) => boolean = () => true): BenchEnterprise[] {
    const list = this.seeded.enterprises;
    const out: BenchEnterprise[] = [];
    for (let scanned = 0; out.length < count && scanned < list.length * 2; scanned++) {
      const e = list[this.cursor % list.length]!;
      this.cursor += 1;
      if (filter(e)) out.push(e);
    }
    if (out.length < count) throw new Error(`campaign ${this.db.name}: only ${out.length} of ${count} enterprises match`);
    return out;
  }

  /**
   * The access token the enterprise's key login would return (same secret, issuer, audience and
   * claims, signed by the BFF's own TokenService): the rush's 20,000 enterprises logged in earlier
   * in the day, and logging them in again here would only measure argon2 and the login limit.
   */
  token(e: BenchEnterprise): string {
    let token = this.tokenCache.get(e.id);
    if (!token) {
      const now = new Date();
      token = this.tokens.sign({ role: 'enterprise', sub: e.id, cid: this.id, kv: 0, q: this.seeded.questionnaireRef, sid: randomId(), authTime: Math.floor(now.getTime() / 1000) }, 'access', now).token;
      this.tokenCache.set(e.id, token);
    }
    return token;
  }

  /** Each simulated enterprise has its own address behind the load balancer. */
  static clientIp(e: BenchEnterprise): string {
    const n = parseInt(e.id.slice(-6), 16);
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  headers(e: BenchEnterprise): Record<string, string> {
    return { authorization: `Bearer ${this.token(e)}`, 'x-forwarded-for': BenchCampaign.clientIp(e), 'user-agent': 'bench/1.0 (MicroMessenger)' };
  }

  /** A complete 100-question submit, a fresh idempotency key each time. */
  submit(url: string, e: BenchEnterprise, serial: string): RequestSpec {
    const variant = this.seeded.variants[parseInt(e.id.slice(-4), 16) % this.seeded.variants.length]!;
    return {
      url,
      method: 'POST',
      path: '/api/attempts/current/submit',
      headers: this.headers(e),
      body: { idempotencyKey: `bench-${serial}`, answers: variant.answers, client: { platform: 'weapp', version: '1.0.0' } },
    };
  }

  /** The next draft save of `e` (a typical edit on top of its current revision). */
  draftSave(url: string, e: BenchEnterprise, k: number): RequestSpec {
    const revision = this.revisions.get(e.id);
    if (revision === undefined) throw new Error(`enterprise ${e.id} has no draft`);
    const edit = typicalEdit(this.seeded.questionnaire, this.seeded.variants[0]!.answers, k);
    return { url, method: 'PATCH', path: '/api/attempts/current/draft', headers: this.headers(e), body: { baseRevision: revision, ...edit } };
  }

  login(url: string, e: BenchEnterprise): RequestSpec {
    return {
      url,
      method: 'POST',
      path: '/api/auth/enterprise/login',
      headers: { 'x-forwarded-for': BenchCampaign.clientIp(e) },
      body: { scene: e.sceneToken, key: this.seeded.key },
    };
  }

  /**
   * Orphans the cached dashboard pages a submit in the region orphans: the region's and the
   * any-region generation (results/repository.ts `changed`, results/cacheKeys.ts).
   */
  async invalidateRegion(regionCode: string): Promise<void> {
    await Promise.all([this.db.redis.incr(`cachegen:results:${this.id}:${regionCode}`), this.db.redis.incr(`cachegen:results:${this.id}:*`)]);
  }

  /** Waits until no summary delta is pending (the BFFs' compactor folded them), up to 30 s. */
  async waitForCompaction(): Promise<number> {
    const client = await MongoClient.connect(this.db.mongodbUri);
    try {
      const deltas = client.db().collection('summary_deltas');
      for (let waited = 0; waited < 30_000; waited += 500) {
        const pending = await deltas.countDocuments({});
        if (pending === 0) return 0;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return deltas.countDocuments({});
    } finally {
      await client.close();
    }
  }

  /**
   * Holds the summary compactor's lease (the same key and protocol the BFFs use), so no BFF folds
   * deltas meanwhile: per-request CPU and command counts then contain the request path only.
   * Returns the release.
   */
  async holdCompactor(): Promise<() => Promise<void>> {
    const token = `bench-${process.pid}`;
    const key = 'lease:summary-compactor';
    for (let tries = 0; tries < 100; tries++) {
      if ((await this.db.redis.set(key, token, 'PX', 600_000, 'NX')) === 'OK') {
        return async () => {
          if ((await this.db.redis.get(key)) === token) await this.db.redis.del(key);
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('could not take the compactor lease');
  }
}

/**
 * A typical edit, as the client's autosave sends it (diffAnswers of miniprogram/src/services/
 * answers.ts): what one person changes within one debounce window (1–2.5 s) — a single choice, a
 * multiple choice and one free-text answer of 200 Chinese characters. `k` varies the values.
 */
export function typicalEdit(q: Questionnaire, base: Answers, k: number): { set: Answers; unset: string[] } {
  const edited: Answers = { ...base };
  const single = q.questions.find((cq) => cq.question.type === 'single' && cq.dimensionIndex !== null);
  const multiple = q.questions.find((cq) => cq.question.type === 'multiple' && cq.dimensionIndex !== null);
  const text = q.questions.find((cq) => cq.question.type === 'text' || cq.question.type === 'evidence');
  if (single?.question.type === 'single') {
    const options = single.question.options;
    edited[single.question.id] = options[k % options.length]!.id;
  }
  if (multiple?.question.type === 'multiple') {
    const regular = multiple.question.options.filter((o) => !o.exclusive);
    const most = Math.min(regular.length, multiple.question.maxChoices ?? regular.length);
    edited[multiple.question.id] = regular.slice(0, 1 + (k % most)).map((o) => o.id);
  }
  if (text) {
    const limit = 'maxLength' in text.question && typeof text.question.maxLength === 'number' ? text.question.maxLength : 200;
    edited[text.question.id] = `第${k}次修改：本企业已建立知识产权管理制度并持续改进，相关证明材料已整理归档备查。`.repeat(8).slice(0, Math.min(200, limit));
  }
  // Only the changed answers go over the wire (diffAnswers drops what did not change).
  return diffAnswers(base, edited);
}
