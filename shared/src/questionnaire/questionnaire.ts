import type { AnswerValue } from '../api/answers';
import type { BonusQuestion, Indicator, Question, QuestionnaireDefinition } from './schema';

/**
 * A loaded questionnaire: the checked, frozen definition plus lookups precompiled once, so that
 * scoring and validating an answer set walks arrays instead of searching the definition.
 */
export interface Questionnaire {
  /** 'iso56005-56002@2023' */
  readonly ref: string;
  readonly definition: QuestionnaireDefinition;
  /** Every question in definition order: the dimensions' questions, then the bonus items. */
  readonly questions: readonly CompiledQuestion[];
  readonly questionIndex: ReadonlyMap<string, number>;
  /** Question indices ordered so that a condition is evaluated after the questions it reads. */
  readonly visibilityOrder: readonly number[];
  /** Indicators in evaluation order (an indicator after the indicators it reads). */
  readonly indicators: readonly CompiledIndicator[];
  readonly indicatorIds: ReadonlySet<string>;
  readonly dimensions: readonly CompiledDimension[];
  /** Indices (into `questions`) of the bonus items. */
  readonly bonus: readonly number[];
  readonly baseMax: number;
  readonly bonusMax: number;
  /** baseMax + bonusMax */
  readonly max: number;
}

/** Valid, visible answers by question index; `undefined` for unanswered, invalid or hidden. */
export type Readings = ReadonlyArray<AnswerValue | undefined>;

export interface CompiledQuestion {
  readonly index: number;
  readonly question: Question | BonusQuestion;
  /** Where it sits in the definition, e.g. 'dimensions[2].sections[0].questions[3]' or 'bonus[1]'. */
  readonly path: string;
  /** Index into `Questionnaire.dimensions`; null for a bonus item. */
  readonly dimensionIndex: number | null;
  readonly sectionId: string | null;
  /** The section's and the question's conditions together; null when always shown. */
  readonly isVisible: ((readings: Readings) => boolean) | null;
  /** The most raw points an answer can earn; 0 for unscored questions. */
  readonly maxPoints: number;
  /** Option id → points, for single and multiple choice. */
  readonly optionPoints: ReadonlyMap<string, number>;
  /** Options that must be chosen alone ("none of these"). */
  readonly exclusiveOptions: ReadonlySet<string>;
}

export type IndicatorResult = number | 'missing' | 'excluded';

export interface CompiledIndicator {
  readonly indicator: Indicator;
  readonly path: string;
  readonly dimensionIndex: number | null;
  readonly maxPoints: number;
  /** Every question the indicator reads, directly or through other indicators. */
  readonly inputs: readonly number[];
  /** Reads answers and earlier indicators' results (by position in `Questionnaire.indicators`). */
  readonly evaluate: (readings: Readings, earlier: readonly IndicatorResult[]) => IndicatorResult;
}

export interface CompiledDimension {
  readonly id: string;
  readonly title: string;
  readonly weight: number;
  /** Scorable questions (maxPoints > 0), by question index. */
  readonly questions: readonly number[];
  /** Scored indicators, by position in `Questionnaire.indicators`. */
  readonly indicators: readonly number[];
}
