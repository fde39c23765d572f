/**
 * The national-scale campaign: 50,000 enterprises and 150,000 attempts (times --scale), written
 * with insertMany in the shapes the BFF writes — enterprise (importer.ts), result (results/newResult.ts
 * `newResult`'s shape + results/fold.ts `historyEntry`/`finalFromAttempt`/`flagsOf`), draft and
 * attempt (results/model.ts, checksum from attempts/receipt.ts), region summaries built in code
 * the way results/rebuild.ts builds them, and region rosters from results/roster.ts. Nothing here goes through per-document
 * updates: on FerretDB every filtered write scans the collection (docs/database.md).
 *
 * Key hashes: one bench key is hashed once (argon2id, the BFF's own `hashKey`) and that hash is
 * stored for every enterprise, so any of them can log in with it and the seed does not spend
 * 50,000 × 1.5 ms on argon2.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import {
  receiptChecksumText,
  citiesOf,
  defaultQuestionnaire,
  finalAttempt,
  passLineFor,
  quota2023,
  receiptChecksumV2,
  regions,
  score,
  validateAnswers,
  type Answers,
  type Questionnaire,
} from '@assess/shared';
import { completeAnswers } from '../../test/helpers/answers';
import { demoUscc } from '../demo-data';
import { openServices } from '../lib/serviceDeps';
import { generateKey, generateSceneToken, hashKey } from '../../bff/src/lib/secrets';
import { collectionOf } from '../../bff/src/lib/mongo';
import { finalFromAttempt, flagsOf, historyEntry } from '../../bff/src/modules/results/fold';
import { emptySummary } from '../../bff/src/modules/results/summaries';
import type { AttemptDoc, DraftDoc, ResultDoc } from '../../bff/src/modules/results/model';
import { histKey, scoreBucket, summaryId, type RegionRosterDoc, type RegionSummaryDoc } from '../../bff/src/modules/results/summaryModel';
import { packRows, rosterRowOf, type RosterRow } from '../../bff/src/modules/results/roster';
import { attemptChecksumInput } from '../../bff/src/modules/attempts/receipt';
import type { EnterpriseDoc, TitleHeld, Track } from '../../bff/src/modules/enterprises/model';
import type { StaffActor } from '../../bff/src/lib/route';
import type { BenchDb, Stack } from './stack';

const DAY = 86_400_000;
const BATCH = 500;

/** A deterministic PRNG (mulberry32): the same seed data every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface AnswerVariant {
  answers: Answers;
  score: ReturnType<typeof score>;
}

/**
 * Complete, valid 100-question answer sets of varied quality: each question takes its best or
 * worst answer (test/helpers/answers.ts) with a per-variant probability. Only sets the shared
 * validator accepts for a submit are kept.
 */
export function answerVariants(q: Questionnaire, count: number, seed = 7): AnswerVariant[] {
  const random = prng(seed);
  const high = completeAnswers(q.definition, 'high');
  const low = completeAnswers(q.definition, 'low');
  const out: AnswerVariant[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const p = 0.25 + 0.7 * random();
    const answers: Answers = {};
    for (const id of Object.keys(high)) answers[id] = (random() < p ? high[id] : low[id])!;
    if (validateAnswers(q, answers, 'submit').length > 0) continue;
    out.push({ answers, score: score(q, answers) });
  }
  if (out.length === 0) throw new Error('no valid answer variant could be generated');
  return out;
}

export interface SeedPlan {
  name: string;
  enterprises: number;
  attempts: number;
  /**
   * Which enterprises get a working draft: every one that started ('started'), or only those
   * drafting now ('drafting' — the national campaign, where no phase touches drafts and 43,000
   * draft documents would only lengthen the seed).
   */
  drafts: 'started' | 'drafting';
}

export interface BenchEnterprise {
  id: string;
  regionCode: string;
  sceneToken: string;
  /** Status as seeded. */
  status: ResultDoc['status'];
  hasDraft: boolean;
  draftRevision: number;
}

export interface Seeded {
  campaignId: string;
  questionnaireRef: string;
  questionnaire: Questionnaire;
  /** The one key every bench enterprise's stored hash matches. */
  key: string;
  enterprises: BenchEnterprise[];
  /** The region with the most enterprises (the dashboards' worst case). */
  bigRegion: { code: string; enterprises: number };
  staff: { national: { username: string; password: string }; region: { username: string; password: string } };
  counts: { enterprises: number; attempts: number; drafts: number; results: number; summaries: number };
  seconds: number;
  variants: AnswerVariant[];
}

/**
 * The receipt checksum of shared/src/receipt.ts (hex SHA-256 of the canonical JSON of the
 * attempt's checksum input), hashed with node:crypto: under tsx, @noble/hashes runs ~1 ms per call, which would add
 * minutes to a 150,000-attempt seed. Checked against `receiptChecksumV2` on the first attempts.
 */
let checked = 0;
function seedChecksum(attempt: AttemptDoc): string {
  const input = attemptChecksumInput(attempt);
  const checksum = createHash('sha256').update(receiptChecksumText(2, input)).digest('hex');
  if (checked < 20) {
    checked += 1;
    if (checksum !== receiptChecksumV2(input)) throw new Error('seed checksum differs from shared receiptChecksumV2');
  }
  return checksum;
}

const benchAdmin: StaffActor = { kind: 'staff', staffId: 'bench', role: 'national', region: null, city: null };

type Plan = { track: Track; titleHeld: TitleHeld; weight: number };
const TRACK_MIX: Plan[] = [
  { track: 'apply_advantage', titleHeld: 'none', weight: 0.5 },
  { track: 'apply_demonstration', titleHeld: 'advantage', weight: 0.15 },
  { track: 'assessment', titleHeld: 'advantage', weight: 0.12 },
  { track: 'assessment', titleHeld: 'demonstration', weight: 0.08 },
  { track: 'review', titleHeld: 'advantage', weight: 0.15 },
];

function pickWeighted<T extends { weight: number }>(items: readonly T[], r: number): T {
  let acc = 0;
  for (const item of items) {
    acc += item.weight;
    if (r < acc) return item;
  }
  return items.at(-1)!;
}

/** Regions weighted by their 2023 quota (so 广东, 江苏, 浙江 are the big ones). */
function regionWeights() {
  const rows = regions.map((region) => {
    const quota = quota2023(region.code);
    return { region, weight: Math.max(10, (quota?.advantage ?? 0) + (quota?.demonstration ?? 0)) };
  });
  const total = rows.reduce((sum, row) => sum + row.weight, 0);
  return rows.map((row) => ({ ...row, weight: row.weight / total }));
}

/** How many attempts each enterprise has: 10% not started, 5% logged in, 10% drafting, 75% submitted. */
function attemptCounts(enterprises: number, attempts: number): number[] {
  const submitters = Math.max(1, Math.round(enterprises * 0.75));
  const counts = new Array<number>(enterprises).fill(0);
  // Spread the attempts over the submitters: everyone once, the rest round-robin with a skew.
  let left = attempts;
  for (let i = 0; i < submitters && left > 0; i++, left--) counts[i] = 1;
  for (let round = 0; left > 0 && round < 50; round++) {
    for (let i = round % 3; i < submitters && left > 0; i += 1 + (round % 2)) {
      counts[i]! += 1;
      left--;
    }
  }
  return counts;
}

/** Seeds one campaign into `db` (a database of the run's FerretDB). */
export async function seedCampaign(stack: Stack, db: BenchDb, plan: SeedPlan, log: (line: string) => void): Promise<Seeded> {
  const started = Date.now();
  const { services, close } = await openServices({ MONGODB_URI: db.mongodbUri, REDIS_URL: stack.redisUrl, REDIS_KEY_PREFIX: db.redisPrefix, LOG_LEVEL: 'warn' });
  try {
    const { models } = services;
    const ref = await services.questionnaires.ensureStored(defaultQuestionnaire);
    const q = await services.questionnaires.get(ref);
    const now = new Date();
    const campaign = await services.campaigns.create(
      {
        name: plan.name,
        year: 2026,
        questionnaire: ref,
        opensAt: new Date(now.getTime() - 30 * DAY).toISOString(),
        // The last hours before the close: the deadline rush.
        closesAt: new Date(now.getTime() + 6 * 3_600_000).toISOString(),
        // Bureaus see scores during the window: the heavier dashboard, the worst case.
        settings: { hideScoresDuringWindow: false },
      },
      benchAdmin,
      '127.0.0.1',
    );
    const key = generateKey();
    const keyHash = await hashKey(key);
    const variants = answerVariants(q, 24);
    const random = prng(2026);
    const weights = regionWeights();
    const counts = attemptCounts(plan.enterprises, plan.attempts);
    // Shuffle who is at which stage so every region has a mix.
    const order = counts.map((c, i) => ({ c, r: random(), i })).sort((a, b) => a.r - b.r);

    const bench: BenchEnterprise[] = [];
    const summaries = new Map<string, RegionSummaryDoc>();
    const rosters = new Map<string, RosterRow[]>();
    const totals = { enterprises: 0, attempts: 0, drafts: 0, results: 0, summaries: 0 };
    const cityCursor = new Map<string, number>();
    const regionSize = new Map<string, number>();
    const pending: Array<Promise<void>> = [];

    for (let start = 0; start < plan.enterprises; start += BATCH) {
      const enterpriseDocs: EnterpriseDoc[] = [];
      const resultDocs: ResultDoc[] = [];
      const draftDocs: DraftDoc[] = [];
      const attemptDocs: AttemptDoc[] = [];
      for (let i = start; i < Math.min(plan.enterprises, start + BATCH); i++) {
        const attemptsHere = order[i]!.c;
        const stageRoll = order[i]!.r; // uniform: decides the stage of those without attempts
        const region = pickWeighted(weights, random()).region;
        const cities = citiesOf(region.code);
        const cursor = cityCursor.get(region.code) ?? 0;
        cityCursor.set(region.code, cursor + 1);
        const cityCode = cities.length > 0 ? cities[cursor % cities.length]!.code : region.kind === 'separately_listed_city' ? region.code : null;
        regionSize.set(region.code, (regionSize.get(region.code) ?? 0) + 1);
        const mix = pickWeighted(TRACK_MIX, random());
        const line = passLineFor(mix.track, mix.titleHeld);
        const flags = { specialized: random() < 0.3, littleGiant: random() < 0.1, centralSoe: random() < 0.02 };
        const _id = new Types.ObjectId();
        const sceneToken = generateSceneToken();
        const uscc = demoUscc(region.code, i + 1);
        const name = `基准测试企业${String(i + 1).padStart(6, '0')}有限公司`;
        enterpriseDocs.push({
          _id,
          campaignId: campaign._id,
          uscc,
          name,
          regionCode: region.code,
          cityCode,
          track: mix.track,
          titleHeld: mix.titleHeld,
          flags,
          contacts: [{ name: '张明', phone: `138${String(10_000_000 + i).slice(-8)}`, email: `bench${i + 1}@example.com` }],
          keyHash,
          keyVersion: 0,
          keyIssuedAt: campaign.opensAt,
          sceneToken,
          extension: null,
          createdAt: campaign.opensAt,
          updatedAt: campaign.opensAt,
        });

        const status: ResultDoc['status'] =
          attemptsHere > 0 ? 'submitted' : stageRoll < 0.4 ? 'not_started' : stageRoll < 0.6 ? 'logged_in' : 'drafting';
        const firstLoginAt = status === 'not_started' ? null : new Date(campaign.opensAt.getTime() + random() * 5 * DAY);
        const own: AttemptDoc[] = [];
        let t = (firstLoginAt ?? now).getTime();
        for (let n = 1; n <= attemptsHere; n++) {
          t += DAY * (0.5 + random() * 3);
          const submittedAt = new Date(Math.min(t, now.getTime() - 60_000 * (attemptsHere - n + 1)));
          const variant = variants[Math.floor(random() * variants.length)]!;
          const attempt: AttemptDoc = {
            _id: new Types.ObjectId(),
            enterpriseId: _id,
            campaignId: campaign._id,
            regionCode: region.code,
            number: n,
            idempotencyKey: `seed-${randomBytes(8).toString('hex')}`,
            questionnaire: ref,
            answers: variant.answers,
            startedAt: new Date(submittedAt.getTime() - (random() < 0.03 ? 90_000 : 600_000 + random() * 3_600_000)),
            submittedAt,
            score: {
              total: variant.score.total,
              base: variant.score.base,
              bonus: variant.score.bonus,
              dimensions: variant.score.dimensions.map((d) => ({ id: d.id, score: d.score, max: d.max })),
            },
            checksum: '',
            checksumVersion: 2,
            client: { platform: random() < 0.8 ? 'weapp' : 'h5', version: '1.0.0', ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, userAgent: 'Mozilla/5.0 (bench seed)' },
          };
          attempt.checksum = seedChecksum(attempt);
          own.push(attempt);
        }
        attemptDocs.push(...own);
        const chosen = finalAttempt(own, campaign.closesAt);
        const final = chosen ? finalFromAttempt(chosen) : null;
        const history = own.map(historyEntry);
        const integrity = flagsOf(history);
        const recent = own.slice(-20);
        const draftStartedAt = status === 'drafting' ? new Date(now.getTime() - random() * DAY) : null;
        resultDocs.push({
          _id,
          campaignId: campaign._id,
          regionCode: region.code,
          cityCode,
          uscc,
          name,
          track: mix.track,
          titleHeld: mix.titleHeld,
          line,
          flags,
          keyVersion: 0,
          opensAt: campaign.opensAt,
          deadline: campaign.closesAt,
          extensionUntil: null,
          status,
          firstLoginAt,
          draftStartedAt,
          attemptSeq: own.length,
          recentKeys: recent.map((a) => a.idempotencyKey),
          recentSubmits: recent.map((a) => ({ key: a.idempotencyKey, attemptId: a._id, at: a.submittedAt })),
          history,
          lastSubmittedAt: own.at(-1)?.submittedAt ?? null,
          final,
          integrity,
          flagged: integrity.length > 0,
          rev: 0,
          updatedAt: now,
        } as ResultDoc);
        if (!rosters.has(region.code)) rosters.set(region.code, []);
        rosters.get(region.code)!.push(rosterRowOf(resultDocs.at(-1)!));

        const hasDraft = status === 'drafting' || (plan.drafts === 'started' && status === 'submitted');
        const draftRevision = hasDraft ? 5 + Math.floor(random() * 200) : 0;
        if (hasDraft) {
          draftDocs.push({
            _id,
            campaignId: campaign._id,
            keyVersion: 0,
            opensAt: campaign.opensAt,
            deadline: campaign.closesAt,
            revision: draftRevision,
            answers: (own.at(-1)?.answers ?? variants[i % variants.length]!.answers) as Answers,
            clientKey: `seed-${i}`,
            startedAt: draftStartedAt ?? own.at(-1)?.startedAt ?? now,
            updatedAt: own.at(-1)?.submittedAt ?? now,
          });
        }
        bench.push({ id: String(_id), regionCode: region.code, sceneToken, status, hasDraft, draftRevision });

        const summary = summaries.get(region.code) ?? emptySummary(campaign._id, region.code, now);
        summary.enterprises += 1;
        summary.byTrack[mix.track] = (summary.byTrack[mix.track] ?? 0) + 1;
        if (status !== 'not_started') summary.loggedIn += 1;
        summary.attempts += own.length;
        if (final) {
          summary.submitted += 1;
          summary.scoreSum += final.total;
          for (const [id, value] of Object.entries(final.dimensions)) summary.dimSums[id] = (summary.dimSums[id] ?? 0) + value;
          const buckets = (summary.hist[histKey({ line, track: mix.track })] ??= {});
          const bucket = String(scoreBucket(final.total));
          buckets[bucket] = (buckets[bucket] ?? 0) + 1;
        }
        summaries.set(region.code, summary);
      }
      totals.enterprises += enterpriseDocs.length;
      totals.results += resultDocs.length;
      totals.drafts += draftDocs.length;
      totals.attempts += attemptDocs.length;
      // A few batches in flight at once: FerretDB and PostgreSQL use the second core meanwhile.
      const write = (async () => {
        await Promise.all([
          collectionOf(models.enterprises).insertMany(enterpriseDocs, { ordered: false }),
          collectionOf(models.results).insertMany(resultDocs, { ordered: false }),
          draftDocs.length > 0 ? collectionOf(models.drafts).insertMany(draftDocs, { ordered: false }) : null,
          attemptDocs.length > 0 ? collectionOf(models.attempts).insertMany(attemptDocs, { ordered: false }) : null,
        ]);
      })();
      pending.push(write);
      if (pending.length >= 3) await pending.shift();
      if ((start / BATCH) % 20 === 19) log(`  … ${totals.enterprises} enterprises, ${totals.attempts} attempts (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await Promise.all(pending);
    await collectionOf(models.regionSummaries).insertMany([...summaries.values()]);
    totals.summaries = summaries.size;
    const rosterDocs: RegionRosterDoc[] = [];
    for (const [regionCode, rows] of rosters) rosterDocs.push({ _id: summaryId(campaign._id, regionCode), campaignId: campaign._id, regionCode, rows: await packRows(rows), recent: null, version: 1, updatedAt: now });
    await collectionOf(models.regionRosters).insertMany(rosterDocs);

    const staffPassword = `Bench-${randomBytes(9).toString('base64url')}`;
    const bigRegion = [...regionSize.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const by = { id: null, ip: '127.0.0.1' };
    await services.staff.create({ username: 'bench_national', displayName: '基准测试（全国）', password: staffPassword, role: 'national' }, by);
    await services.staff.create({ username: 'bench_region', displayName: '基准测试（地区）', password: staffPassword, role: 'region', regionCode: bigRegion[0] }, by);

    return {
      campaignId: String(campaign._id),
      questionnaireRef: ref,
      questionnaire: q,
      key,
      enterprises: bench,
      bigRegion: { code: bigRegion[0], enterprises: bigRegion[1] },
      staff: { national: { username: 'bench_national', password: staffPassword }, region: { username: 'bench_region', password: staffPassword } },
      counts: totals,
      seconds: (Date.now() - started) / 1000,
      variants,
    };
  } finally {
    await close();
  }
}
