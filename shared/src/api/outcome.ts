import { z } from 'zod';

/**
 * What an enterprise is told of the programme's decision (its home page), and the few enums it
 * shares with the bureaus' review contract. Its own module: the enterprise contract needs only
 * this, and importing the whole review contract from there made a cycle through the dashboards'
 * receipt back into the enterprise contract.
 */
export const titleSchema = z.enum(['advantage', 'demonstration']);
export const reviewPurposeSchema = z.enum(['assessment', 'review']);
export const reviewOutcomeSchema = z.enum(['pass', 'fail']);
export const publicityPhaseSchema = z.enum(['none', 'scheduled', 'open', 'ended', 'certified']);

export const programmeOutcomeSchema = z.object({
  phase: publicityPhaseSchema,
  application: z.object({ title: titleSchema, titleLabel: z.string(), outcome: z.enum(['below_line', 'not_recommended', 'under_publicity', 'certified', 'not_certified']), label: z.string() }).nullable(),
  /** 考核/复核 results, once certified. */
  reviews: z.array(z.object({ purpose: reviewPurposeSchema, purposeLabel: z.string(), line: titleSchema, outcome: reviewOutcomeSchema, label: z.string() })),
});
export type ProgrammeOutcome = z.infer<typeof programmeOutcomeSchema>;
