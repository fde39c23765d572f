import { z } from 'zod';

/**
 * Question and option ids are safe MongoDB field names (no `.` or `$`), because answers are
 * stored as `{ [questionId]: value }`.
 */
export const questionIdPattern = /^[a-z][a-z0-9_]{0,39}$/;
export const questionIdSchema = z.string().regex(questionIdPattern).meta({ id: 'QuestionId', description: '题目、选项、维度等的编号：小写字母开头，仅含小写字母、数字、下划线，≤40 位' });

export const MAX_TEXT_ANSWER = 2000;
export const MAX_CHOICES = 50;
export const MAX_ANSWERS = 400;

/** One answer as typed: a number, a text, yes/no, or the chosen option ids of a multiple choice. */
export const answerValueSchema = z.union([
  z.number().finite(),
  z.string().max(MAX_TEXT_ANSWER),
  z.boolean(),
  z.array(questionIdSchema).max(MAX_CHOICES),
]).meta({ id: 'AnswerValue', description: '一题的答案，按题型：single 选项编号（字符串）；multiple 选项编号数组；yesno 布尔；numeric 数字；text / evidence 字符串' });
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** A whole or partial answer set, keyed by question id. Shapes only: meaning is checked by the engine. */
export const answersSchema = z
  .record(questionIdSchema, answerValueSchema)
  .refine((answers) => Object.keys(answers).length <= MAX_ANSWERS, { message: `at most ${MAX_ANSWERS} answers` }).meta({ id: 'Answers', description: '答案：题目编号 → 答案（最多 400 题）' });
export type Answers = Record<string, AnswerValue>;
