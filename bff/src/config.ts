import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Secrets shorter than this, or with fewer different characters, are refused in production. */
const MIN_SECRET_LENGTH = 32;
const MIN_SECRET_DISTINCT = 10;
/** Secrets anyone can read (this repository once shipped one as a development default): refused in production. */
const PUBLISHED_SECRETS = new Set(['development-only-jwt-secret-do-not-use-in-production']);

/**
 * Without JWT_SECRET outside production: a random secret for this process, never a literal
 * (anyone who reads the code could forge tokens with one). Tokens then die with the process;
 * `npm start` keeps one per data folder in .data/jwt-secret instead (scripts/lib/jwtSecret.ts).
 */
let processSecret: string | null = null;
const ephemeralSecret = () => (processSecret ??= randomBytes(32).toString('base64url'));

const csv = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PUBLIC_URL: z.string().url().optional(),
  MONGODB_URI: z.string().optional(),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z.string().default('assess:'),
  JWT_SECRET: z.string().optional(),
  JWT_ISSUER: z.string().default('iso56005-assessment'),
  JWT_AUDIENCE: z.string().default('iso56005-assessment'),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  H5_DIR: z.string().optional(),
  CORS_ORIGINS: csv.default([]),
  METRICS_ALLOW: csv.default(['127.0.0.1', '::1', '::ffff:127.0.0.1']),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Opt-in: count every MongoDB command (driver command monitoring) in /metrics, for benchmarks. */
  DB_COMMAND_COUNTS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

export type Config = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once, at start. Development defaults apply only when
 * NODE_ENV is not `production`; in production a missing or weak secret refuses to start.
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`配置无效（invalid configuration）: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    if (!e.MONGODB_URI) throw new ConfigError('生产环境必须设置 MONGODB_URI（MONGODB_URI is required in production）');
    if (!e.JWT_SECRET || e.JWT_SECRET.length < MIN_SECRET_LENGTH || new Set(e.JWT_SECRET).size < MIN_SECRET_DISTINCT) {
      throw new ConfigError(
        `生产环境的 JWT_SECRET 必须是至少 ${MIN_SECRET_LENGTH} 个字符的随机值（JWT_SECRET missing or weaker than ${MIN_SECRET_LENGTH} random characters）`,
      );
    }
    if (PUBLISHED_SECRETS.has(e.JWT_SECRET)) throw new ConfigError('生产环境不能使用公开过的 JWT_SECRET');
    if (Boolean(e.WECHAT_APPID) !== Boolean(e.WECHAT_SECRET)) {
      throw new ConfigError('WECHAT_APPID 与 WECHAT_SECRET 必须同时设置');
    }
  }
  const port = e.PORT;
  return {
    env: e.NODE_ENV,
    production,
    host: e.HOST,
    port,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    mongodbUri: e.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/assess',
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    jwt: { secret: e.JWT_SECRET ?? ephemeralSecret(), issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    wechat: e.WECHAT_APPID && e.WECHAT_SECRET ? { appId: e.WECHAT_APPID, secret: e.WECHAT_SECRET, envVersion: e.WECHAT_ENV_VERSION } : null,
    h5Dir: e.H5_DIR ?? null,
    corsOrigins: e.CORS_ORIGINS,
    metricsAllow: e.METRICS_ALLOW,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    dbCommandCounts: e.DB_COMMAND_COUNTS,
  };
}
