import { z } from 'zod';
import { MAX_CHOICES, MAX_TEXT_ANSWER, questionIdPattern } from '../api/answers';

/**
 * The questionnaire definition: the single source of truth for what is asked and how it scores.
 * A definition is data (stored, versioned, pinned by a campaign); these schemas check its shape,
 * and `loadQuestionnaire` adds the checks a schema cannot express (references, cycles, sums).
 *
 * Every id (question, option, dimension, section, indicator) matches `questionIdPattern`, because
 * answers are stored as `{ [questionId]: value }` and option ids travel inside answers.
 */

const id = z.string().regex(questionIdPattern, 'id 须为小写字母开头，仅含小写字母、数字和下划线，最长 40 位');
const title = z.string().trim().min(1).max(200);
const points = z.number().finite().min(0);

/** What a question means, what evidence a bureau may ask for, and the clause it reflects. */
export const helpSchema = z.strictObject({
  meaning: z.string().trim().min(1).max(1000),
  evidence: z.string().trim().min(1).max(500),
  clause: z.string().trim().min(1).max(100),
}).meta({ id: 'QuestionHelp' });
export type Help = z.infer<typeof helpSchema>;

// ---- conditions (visibleIf) ----------------------------------------------------------------

export type Comparison = 'gt' | 'gte' | 'lt' | 'lte';

/**
 * When a question (or a whole section) is shown. Conditions read only *visible, valid* answers:
 * an answer to a hidden question counts as unanswered, so it can never change what is shown.
 */
export type Condition =
  | { question: string; equals: string | number | boolean }
  | { question: string; includes: string }
  | { question: string; compare: Comparison; value: number }
  | { question: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ question: id, equals: z.union([z.string(), z.number().finite(), z.boolean()]) }),
    z.strictObject({ question: id, includes: id }),
    z.strictObject({ question: id, compare: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number().finite() }),
    z.strictObject({ question: id, answered: z.boolean() }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
).meta({ id: 'Condition', description: '显示条件（只读取可见且有效的答案）' });

// ---- numeric scoring bands --------------------------------------------------------------

/**
 * A value scores the points of the last band whose `atLeast` it reaches (bands ascend strictly);
 * below the first band it scores 0. Points may fall as values rise (e.g. infringements found).
 */
export const bandSchema = z.strictObject({ atLeast: z.number().finite(), points }).meta({ id: 'Band', description: '数值分档：达到 atLeast 即得 points（取最后一个达到的档）' });
export type Band = z.infer<typeof bandSchema>;

// ---- questions -------------------------------------------------------------------------

const questionBase = {
  id,
  title,
  help: helpSchema,
  required: z.boolean(),
  visibleIf: conditionSchema.optional(),
};

export const optionSchema = z.strictObject({ id, label: z.string().trim().min(1).max(200), points }).meta({ id: 'Option' });
export type Option = z.infer<typeof optionSchema>;

export const singleQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('single'),
  options: z.array(optionSchema).min(2).max(MAX_CHOICES),
}).meta({ id: 'SingleQuestion', description: '单选题：答案为一个选项编号（字符串）' });

/** `exclusive`: a "none of these" option that must be chosen alone. */
export const multipleOptionSchema = optionSchema.extend({ exclusive: z.boolean().optional() }).meta({ id: 'MultipleOption' });
export type MultipleOption = z.infer<typeof multipleOptionSchema>;

export const multipleQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('multiple'),
  options: z.array(multipleOptionSchema).min(2).max(MAX_CHOICES),
  /** The most points the question can give, however many options are chosen. */
  cap: points.optional(),
  maxChoices: z.number().int().min(1).max(MAX_CHOICES).optional(),
}).meta({ id: 'MultipleQuestion', description: '多选题：答案为选项编号数组（不重复，exclusive 选项须单独选择，最多 maxChoices 个）' });

export const yesNoQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('yesno'),
  points: z.strictObject({ yes: points, no: points }),
}).meta({ id: 'YesNoQuestion', description: '是否题：答案为布尔值' });

export const numericQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('numeric'),
  /** Shown after the input: 万元, 人, 件, 个, %. */
  unit: z.string().trim().min(1).max(10),
  format: z.enum(['integer', 'decimal']),
  /** Decimal places allowed for 'decimal' (default 2); 'integer' allows none. */
  decimals: z.number().int().min(1).max(6).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** Absent: the number is a fact (used by indicators, shown to bureaus) but scores nothing itself. */
  bands: z.array(bandSchema).min(1).optional(),
}).meta({ id: 'NumericQuestion', description: '数值题：答案为数字（integer 为整数；decimal 最多 decimals 位小数，默认 2；在 min–max 之间）' });

export const textQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(MAX_TEXT_ANSWER).optional(),
}).meta({ id: 'TextQuestion', description: '文字题：答案为字符串（≤ maxLength，默认 2000）' });

/** An unscored note naming the documents that back the answers (a bureau may ask to see them). */
export const evidenceQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('evidence'),
  maxLength: z.number().int().min(1).max(MAX_TEXT_ANSWER).optional(),
}).meta({ id: 'EvidenceQuestion', description: '佐证材料说明：答案为字符串，不计分' });

export const questionSchema = z.discriminatedUnion('type', [
  singleQuestionSchema,
  multipleQuestionSchema,
  yesNoQuestionSchema,
  numericQuestionSchema,
  textQuestionSchema,
  evidenceQuestionSchema,
]).meta({ id: 'Question' });
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type SingleQuestion = z.infer<typeof singleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof multipleQuestionSchema>;
export type YesNoQuestion = z.infer<typeof yesNoQuestionSchema>;
export type NumericQuestion = z.infer<typeof numericQuestionSchema>;
export type TextQuestion = z.infer<typeof textQuestionSchema>;
export type EvidenceQuestion = z.infer<typeof evidenceQuestionSchema>;

/** Bonus items score raw points, so they must be scorable types. */
export const bonusQuestionSchema = z.discriminatedUnion('type', [
  singleQuestionSchema,
  multipleQuestionSchema,
  yesNoQuestionSchema,
  numericQuestionSchema,
]).meta({ id: 'BonusQuestion' });
export type BonusQuestion = z.infer<typeof bonusQuestionSchema>;

// ---- computed indicators ---------------------------------------------------------------

/**
 * What a ratio is worth when its denominator is zero: a fixed value, or 'exclude' (the indicator
 * does not apply, and like a hidden question it neither adds nor subtracts).
 */
export type ZeroRule = { value: number } | 'exclude';
export const zeroRuleSchema: z.ZodType<ZeroRule> = z.union([
  z.strictObject({ value: z.number().finite() }),
  z.literal('exclude'),
]).meta({ id: 'ZeroRule' });

/**
 * A small structured expression language for indicators, evaluated by a tree walk — never by
 * `eval`/`Function`. Leaves read a numeric answer, another indicator, or a constant.
 */
export type Expression =
  | { question: string }
  | { indicator: string }
  | { const: number }
  | { op: 'sum'; terms: Expression[] }
  | { op: 'ratio'; numerator: Expression; denominator: Expression; scale?: number; whenZero?: ZeroRule };

export const expressionSchema: z.ZodType<Expression> = z.lazy(() =>
  z.union([
    z.strictObject({ question: id }),
    z.strictObject({ indicator: id }),
    z.strictObject({ const: z.number().finite() }),
    z.strictObject({ op: z.literal('sum'), terms: z.array(expressionSchema).min(1) }),
    z.strictObject({
      op: z.literal('ratio'),
      numerator: expressionSchema,
      denominator: expressionSchema,
      /** Multiplies the quotient: 100 for a percentage or a per-100 rate. */
      scale: z.number().finite().positive().optional(),
      whenZero: zeroRuleSchema.optional(),
    }),
  ]),
).meta({ id: 'Expression', description: '指标表达式（结构化，按树求值，从不 eval）' });

export const indicatorSchema = z.strictObject({
  id,
  title,
  help: helpSchema,
  unit: z.string().trim().min(1).max(10),
  expression: expressionSchema,
  /** The dimension the indicator scores in; required when it has bands. */
  dimension: id.optional(),
  bands: z.array(bandSchema).min(1).optional(),
}).meta({ id: 'Indicator' });
export type Indicator = z.infer<typeof indicatorSchema>;

// ---- the definition --------------------------------------------------------------------

export const sectionSchema = z.strictObject({
  id,
  title,
  /** Hides every question of the section (e.g. the overseas block). */
  visibleIf: conditionSchema.optional(),
  questions: z.array(questionSchema).min(1),
}).meta({ id: 'Section' });
export type Section = z.infer<typeof sectionSchema>;

export const dimensionSchema = z.strictObject({
  id,
  title,
  /** Points of `scale.baseMax` this dimension is worth; the weights add up to baseMax. */
  weight: z.number().finite().positive(),
  /** The standard clauses it follows, e.g. 'ISO 56002 §5；ISO 56005 §4'. */
  clause: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).optional(),
  sections: z.array(sectionSchema).min(1),
}).meta({ id: 'Dimension' });
export type Dimension = z.infer<typeof dimensionSchema>;

export const questionnaireDefinitionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,60}$/),
  version: z.string().regex(/^[A-Za-z0-9.-]{1,20}$/),
  year: z.number().int().min(2000).max(2100),
  title,
  description: z.string().trim().max(2000).optional(),
  scale: z.strictObject({ baseMax: z.number().finite().positive(), bonusMax: z.number().finite().min(0) }),
  dimensions: z.array(dimensionSchema).min(1),
  indicators: z.array(indicatorSchema),
  bonus: z.array(bonusQuestionSchema),
}).meta({ id: 'QuestionnaireDefinition', description: '问卷定义（数据、有版本）。按题型作答：见各题型的说明；visibleIf 为假的题目与分节不作答、不扣分' });
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinitionSchema>;

/** 'iso56005-56002@2023': how campaigns, attempts and receipts name a definition. */
export function questionnaireRef(definition: Pick<QuestionnaireDefinition, 'id' | 'version'>): string {
  return `${definition.id}@${definition.version}`;
}
