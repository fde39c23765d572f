import { z } from 'zod';
import { trackSchema } from './admin';

/**
 * 历年测评 (issue 18): the enterprise's score in each certified year, from its lasting record. Its
 * own module, imported by the enterprise's endpoint table only: sharing one with the staff side's
 * records contract put that whole contract into the weapp main package.
 */
const year = z.number().int().min(2000).max(2100);

export const scoreHistorySchema = z
  .object({
    years: z.array(
      z.object({
        year,
        track: trackSchema,
        trackLabel: z.string(),
        finalScore: z.number().nullable(),
        reachedLine: z.boolean().nullable(),
        outcomeLabel: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ScoreHistory', description: '历年测评：每个已认定年度的参加类型、最终成绩与结果' });
export type ScoreHistory = z.infer<typeof scoreHistorySchema>;

