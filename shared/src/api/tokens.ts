import { z } from 'zod';
import { beijingTimeSchema } from './time';

/**
 * What every login and refresh answers, for enterprises and staff alike. Its own module so the
 * enterprise and staff contracts can both build on it without importing each other.
 */
export const tokenPairSchema = z.object({
  token: z.string(),
  /** Access token lifetime end (ISO 8601). */
  expiresAt: beijingTimeSchema,
  refreshToken: z.string(),
}).meta({ id: 'TokenPair', description: '访问令牌（2 小时）与一次性刷新令牌' });
export type TokenPair = z.infer<typeof tokenPairSchema>;
