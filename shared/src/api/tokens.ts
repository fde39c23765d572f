import { z } from 'zod';

/**
 * What every login and refresh answers, for enterprises and staff alike. Its own module so the
 * enterprise and staff contracts can both build on it without importing each other.
 */
export const tokenPairSchema = z.object({
  token: z.string(),
  /** Access token lifetime end (ISO 8601). */
  expiresAt: z.string(),
  refreshToken: z.string(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;
