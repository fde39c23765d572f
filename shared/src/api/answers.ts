import { z } from 'zod';

/**
 * Question and option ids are safe MongoDB field names (no `.` or `$`), because answers are
 * stored as `{ [questionId]: value }`.
 */
export const questionIdPattern = /^[a-z][a-z0-9_]{0,39}$/;
export const questionIdSchema = z.string().regex(questionIdPattern);

export const MAX_TEXT_ANSWER = 2000;
export const MAX_CHOICES = 50;
export const MAX_ANSWERS = 400;

/** One answer as typed: a number, a text, yes/no, or the chosen option ids of a multiple choice. */
export const answerValueSchema = z.union([
  z.number().finite(),
  z.string().max(MAX_TEXT_ANSWER),
  z.boolean(),
  z.array(questionIdSchema).max(MAX_CHOICES),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** A whole or partial answer set, keyed by question id. Shapes only: meaning is checked by the engine. */
export const answersSchema = z
  .record(questionIdSchema, answerValueSchema)
  .refine((answers) => Object.keys(answers).length <= MAX_ANSWERS, { message: `at most ${MAX_ANSWERS} answers` });
export type Answers = Record<string, AnswerValue>;
