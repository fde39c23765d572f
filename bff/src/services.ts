import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { TokenService } from './lib/jwt';
import { createRateLimiter } from './lib/rateLimit';
import { createCache, type Cache } from './lib/cache';
import { LeasedMutex } from './lib/leasedMutex';
import { createMetrics } from './lib/metrics';
import { auditModel } from './modules/audit/model';
import { auditService } from './modules/audit/service';
import { questionnaireModel } from './modules/questionnaires/model';
import { questionnaireService } from './modules/questionnaires/service';
import { campaignModel } from './modules/campaigns/model';
import { campaignService } from './modules/campaigns/service';
import { attemptModel, draftModel, resultModel } from './modules/results/model';
import { regionRosterModel, regionSummaryModel, summaryDeltaModel } from './modules/results/summaryModel';
import { resultRepository } from './modules/results/repository';
import { summaryStore } from './modules/results/summaries';
import { rosterStore } from './modules/results/rosters';
import { enterpriseModel } from './modules/enterprises/model';
import { enterpriseService } from './modules/enterprises/service';
import { attemptService } from './modules/attempts/service';
import { staffModel } from './modules/staff/model';
import { staffService } from './modules/staff/service';
import { authService } from './modules/auth/service';
import { sessionStore } from './modules/auth/sessions';
import { loginLocks as createLoginLocks } from './modules/auth/locks';
import { createQrCodeService } from './modules/enterprises/qrcode';
import { homeService } from './modules/home/service';
import { dashboardService } from './modules/dashboards/service';
import { createParseSlots } from './modules/workbooks/parseSlots';
import { fileStore } from './lib/files';
import { reviewModels } from './modules/reviews/model';
import { reviewStore } from './modules/reviews/store';
import { reviewService } from './modules/reviews/service';
import { publicityModel } from './modules/publicity/model';
import { publicityService } from './modules/publicity/service';
import { evidenceModels } from './modules/evidence/model';
import { evidenceService } from './modules/evidence/service';
import { recordModels } from './modules/records/model';
import { recordService } from './modules/records/service';

/** Everything a request may touch, created by the server entry (or a test) and passed in. */
export interface AppDeps {
  config: Config;
  mongo: Connection;
  redis: Redis;
  logger: Logger;
  clock: Clock;
}

/**
 * Every model, bound to one connection. Each is handed to the one module that owns its
 * collection (the results module: results, drafts, attempts and what is derived from them);
 * nothing else receives them.
 */
export function createModels(connection: Connection) {
  return {
    campaigns: campaignModel(connection),
    questionnaires: questionnaireModel(connection),
    enterprises: enterpriseModel(connection),
    results: resultModel(connection),
    regionSummaries: regionSummaryModel(connection),
    summaryDeltas: summaryDeltaModel(connection),
    regionRosters: regionRosterModel(connection),
    attempts: attemptModel(connection),
    drafts: draftModel(connection),
    audit: auditModel(connection),
    staff: staffModel(connection),
    ...reviewModels(connection),
    publicity: publicityModel(connection),
    ...evidenceModels(connection),
    ...recordModels(connection),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Creates the declared indexes (idempotent). Run at start and by the seed scripts. */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
}

/**
 * The results module as the app wires it: region rosters and summaries, the enterprise lock and
 * the repository over them. The bench's raw-driver baseline wires it the same way.
 */
export function createResults(models: Pick<Models, 'results' | 'drafts' | 'attempts' | 'regionSummaries' | 'summaryDeltas' | 'regionRosters'>, deps: Pick<AppDeps, 'mongo' | 'redis' | 'clock' | 'logger'> & { cache: Cache }) {
  const { redis, clock, logger, cache } = deps;
  const rosters = rosterStore({ rosters: models.regionRosters, results: models.results, clock });
  const summaries = summaryStore({ summaries: models.regionSummaries, deltas: models.summaryDeltas, redis, clock, logger, rosters });
  // One enterprise's writes, one at a time: in this process, and across instances on FerretDB.
  const enterpriseLocks = new LeasedMutex(deps.mongo);
  const results = resultRepository({ models: { results: models.results, drafts: models.drafts, attempts: models.attempts }, summaries, rosters, locks: enterpriseLocks, clock, cache });
  return { results, summaries, enterpriseLocks };
}

/** The composition root: wires every feature's service once per app, each with only what it uses. */
export function createServices(deps: AppDeps) {
  const { config, redis, clock, logger } = deps;
  const models = createModels(deps.mongo);
  const metrics = createMetrics();
  const tokens = new TokenService(config.jwt);
  const limiter = createRateLimiter(redis);
  const cache = createCache(redis);
  const audit = auditService({ events: models.audit, clock, logger });
  const questionnaires = questionnaireService({ questionnaires: models.questionnaires, audit });

  // An enterprise's assessment state, owned by the results module.
  const { results, summaries, enterpriseLocks } = createResults(models, { mongo: deps.mongo, redis, clock, logger, cache });

  const campaigns = campaignService({ campaigns: models.campaigns, clock, audit, questionnaires, results });
  // Each enterprise across the years (keyed by USCC): the import checks tracks against it, the certification updates it.
  const records = recordService({ models: { records: models.enterpriseRecords, closings: models.recordClosings, journal: models.recordJournal }, clock, audit, campaigns, results, locks: new LeasedMutex(deps.mongo) });
  const enterprises = enterpriseService({ enterprises: models.enterprises, clock, redis, logger, audit, campaigns, results, records });
  const attempts = attemptService({ clock, questionnaires, results, limiter });
  const staff = staffService({ staff: models.staff, clock, redis, audit });
  const sessions = sessionStore(redis);
  const auth = authService({ enterprises, clock, tokens, limiter, sessions, audit, campaigns, results, staff, metrics });
  const loginLocks = createLoginLocks({ enterprises, staff, clock, limiter, audit });
  const qrcodes = createQrCodeService({ wechat: config.wechat, publicUrl: config.publicUrl }, fetch, {
    get: (key) => redis.get(`wx:${key}`).catch(() => null),
    set: async (key, value, ttlSeconds) => {
      await redis.set(`wx:${key}`, value, 'EX', ttlSeconds).catch(() => undefined);
    },
  });
  const dashboards = dashboardService({ results, enterprises, clock, cache, campaigns, questionnaires, summaries, audit });
  // Spreadsheet uploads parsed at once by this instance (the rest wait briefly, then 503).
  const parseSlots = createParseSlots();
  // After the close: files in GridFS; each region's review work under its own lease. The reviews
  // read enterprises as the region rosters list them (summaries.rosterRows), never the results.
  const files = fileStore(deps.mongo);
  const reviewLocks = new LeasedMutex(deps.mongo);
  const reviewStorage = reviewStore({ regions: models.reviewRegions, events: models.reviewEvents, packages: models.reviewPackages, clock, locks: reviewLocks });
  const reviews = reviewService({ clock, logger, campaigns, summaries, audit, files, store: reviewStorage });
  const publicity = publicityService({ model: models.publicity, clock, cache, campaigns, reviews, audit, locks: reviewLocks, records });
  // 示范 evidence: files in their own GridFS bucket, each enterprise's set under its own lease; the
  // bureau's note feeds the package through the reviews service.
  const evidence = evidenceService({
    checklists: models.evidenceChecklists,
    sets: models.evidenceSets,
    uploads: models.evidenceUploads,
    clock,
    campaigns,
    results,
    summaries,
    reviews,
    audit,
    files: fileStore(deps.mongo, 'evidence'),
    locks: new LeasedMutex(deps.mongo),
  });
  // The home page reads the enterprise's result through the repository (attempts.listOwn) and asks
  // the publicity module what the national bureau has made visible of its outcome.
  const home = homeService({ clock, campaigns, attempts, enterprises, results, programme: (campaign, result) => publicity.outcomeFor(campaign, result) });
  return {
    config,
    clock,
    metrics,
    /** For the server's start-up (indexes) and for tools and tests that inspect the database; no module receives them. */
    models,
    summaries,
    enterpriseLocks,
    tokens,
    limiter,
    cache,
    audit,
    questionnaires,
    campaigns,
    results,
    enterprises,
    attempts,
    staff,
    sessions,
    auth,
    loginLocks,
    qrcodes,
    home,
    dashboards,
    files,
    reviews,
    publicity,
    evidence,
    records,
    parseSlots,
  };
}

export type Services = ReturnType<typeof createServices>;
