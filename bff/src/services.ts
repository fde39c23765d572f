import type { AppDeps } from './app';
import { createModels } from './lib/models';
import { TokenService } from './lib/jwt';
import { createRateLimiter } from './lib/rateLimit';
import { createCache } from './lib/cache';
import { auditService } from './modules/audit/service';
import { questionnaireService } from './modules/questionnaires/service';
import { campaignService } from './modules/campaigns/service';
import { resultService } from './modules/results/service';
import { summaryStore } from './modules/results/summaries';
import { rosterStore } from './modules/results/rosters';
import { LeasedMutex } from './lib/leasedMutex';
import { createMetrics } from './lib/metrics';
import { enterpriseService } from './modules/enterprises/service';
import { attemptService } from './modules/attempts/service';
import { staffService } from './modules/staff/service';
import { authService } from './modules/auth/service';
import { sessionStore } from './modules/auth/sessions';
import { loginLocks as createLoginLocks } from './modules/auth/locks';
import { createQrCodeService } from './modules/enterprises/qrcode';
import { homeService } from './modules/home/service';
import { dashboardService } from './modules/dashboards/service';
import { createParseSlots } from './modules/workbooks/parseSlots';
import { fileStore } from './lib/files';
import { reviewStore } from './modules/reviews/store';
import { reviewService } from './modules/reviews/service';
import { publicityService } from './modules/publicity/service';

/** Wires every feature's service once per app, from the app's dependencies. */
export function createServices(deps: AppDeps) {
  const { config, redis, clock, logger } = deps;
  const models = createModels(deps.mongo);
  const metrics = createMetrics();
  const tokens = new TokenService(config.jwt);
  const limiter = createRateLimiter(redis);
  const cache = createCache(redis);
  const audit = auditService(models, clock, logger);
  const questionnaires = questionnaireService(models);
  const campaigns = campaignService({ models, clock, audit, questionnaires, cache });
  const rosters = rosterStore({ models, clock });
  const summaries = summaryStore({ models, redis, clock, logger, rosters });
  const results = resultService({ models, clock, summaries, rosters, cache });
  // One enterprise's writes, one at a time: in this process, and across instances on FerretDB.
  const enterpriseLocks = new LeasedMutex(deps.mongo);
  const enterprises = enterpriseService({ models, clock, redis, logger, audit, campaigns, results, locks: enterpriseLocks });
  const attempts = attemptService({ models, clock, questionnaires, results, limiter, locks: enterpriseLocks });
  const staff = staffService({ models, clock, redis, audit });
  const sessions = sessionStore(redis);
  const auth = authService({ models, clock, tokens, limiter, sessions, audit, campaigns, results, staff, locks: enterpriseLocks, metrics });
  const loginLocks = createLoginLocks({ models, clock, limiter, audit });
  const qrcodes = createQrCodeService({ wechat: config.wechat, publicUrl: config.publicUrl }, fetch, {
    get: (key) => redis.get(`wx:${key}`).catch(() => null),
    set: async (key, value, ttlSeconds) => {
      await redis.set(`wx:${key}`, value, 'EX', ttlSeconds).catch(() => undefined);
    },
  });
  const dashboards = dashboardService({ models, clock, cache, campaigns, questionnaires, summaries, audit });
  // Spreadsheet uploads parsed at once by this instance (the rest wait briefly, then 503).
  const parseSlots = createParseSlots();
  // After the close (issue 16): files in GridFS; each region's review work under its own lease.
  const files = fileStore(deps.mongo);
  const reviewLocks = new LeasedMutex(deps.mongo);
  const reviews = reviewService({ clock, logger, campaigns, summaries, audit, files, store: reviewStore({ models, clock, locks: reviewLocks }) });
  const publicity = publicityService({ model: models.publicity, clock, cache, campaigns, reviews, audit, locks: reviewLocks });
  const home = homeService({ models, clock, campaigns, attempts, programme: (campaign, result) => publicity.outcomeFor(campaign, result) });
  return { config, clock, metrics, models, summaries, enterpriseLocks, tokens, limiter, cache, audit, questionnaires, campaigns, results, enterprises, attempts, staff, sessions, auth, loginLocks, qrcodes, home, dashboards, files, reviews, publicity, parseSlots };
}

export type Services = ReturnType<typeof createServices>;
