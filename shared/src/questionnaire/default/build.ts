import type {
  Band,
  Condition,
  Dimension,
  EvidenceQuestion,
  Help,
  MultipleQuestion,
  NumericQuestion,
  Question,
  Section,
  SingleQuestion,
  TextQuestion,
  YesNoQuestion,
} from '../schema';

/**
 * Terse builders for writing the default questionnaire as readable data. They only fill in
 * defaults (scored questions required, notes optional); the loader checks the result like any
 * other definition.
 */

export const help = (meaning: string, evidence: string, clause: string): Help => ({ meaning, evidence, clause });

interface Common {
  visibleIf?: Condition;
  required?: boolean;
}

export function single(
  id: string,
  title: string,
  helpText: Help,
  options: ReadonlyArray<readonly [id: string, label: string, points: number]>,
  common: Common = {},
): SingleQuestion {
  return {
    id,
    title,
    help: helpText,
    required: common.required ?? true,
    ...(common.visibleIf && { visibleIf: common.visibleIf }),
    type: 'single',
    options: options.map(([optionId, label, points]) => ({ id: optionId, label, points })),
  };
}

/** The last option of a multiple choice is its exclusive "none of these" when `none` is given. */
export function multiple(
  id: string,
  title: string,
  helpText: Help,
  options: ReadonlyArray<readonly [id: string, label: string, points: number]>,
  rules: { cap?: number; maxChoices?: number; none?: string } & Common = {},
): MultipleQuestion {
  const choices = options.map(([optionId, label, points]) => ({ id: optionId, label, points }));
  return {
    id,
    title,
    help: helpText,
    required: rules.required ?? true,
    ...(rules.visibleIf && { visibleIf: rules.visibleIf }),
    type: 'multiple',
    options: rules.none ? [...choices, { id: 'none', label: rules.none, points: 0, exclusive: true }] : choices,
    ...(rules.cap !== undefined && { cap: rules.cap }),
    ...(rules.maxChoices !== undefined && { maxChoices: rules.maxChoices }),
  };
}

export function yesno(id: string, title: string, helpText: Help, yes: number, no = 0, common: Common = {}): YesNoQuestion {
  return {
    id,
    title,
    help: helpText,
    required: common.required ?? true,
    ...(common.visibleIf && { visibleIf: common.visibleIf }),
    type: 'yesno',
    points: { yes, no },
  };
}

/** Bands as [atLeast, points] pairs. */
export const bands = (...pairs: ReadonlyArray<readonly [number, number]>): Band[] =>
  pairs.map(([atLeast, points]) => ({ atLeast, points }));

export function numeric(
  id: string,
  title: string,
  helpText: Help,
  spec: {
    unit: string;
    format: 'integer' | 'decimal';
    min?: number;
    max?: number;
    bands?: Band[];
  } & Common,
): NumericQuestion {
  const { visibleIf, required, ...rest } = spec;
  return {
    id,
    title,
    help: helpText,
    required: required ?? true,
    ...(visibleIf && { visibleIf }),
    type: 'numeric',
    min: 0,
    ...rest,
  };
}

export function text(id: string, title: string, helpText: Help, maxLength = 500): TextQuestion {
  return { id, title, help: helpText, required: false, type: 'text', maxLength };
}

export function evidence(id: string, title: string, helpText: Help, maxLength = 1000): EvidenceQuestion {
  return { id, title, help: helpText, required: false, type: 'evidence', maxLength };
}

export const section = (id: string, title: string, questions: Question[], visibleIf?: Condition): Section => ({
  id,
  title,
  ...(visibleIf && { visibleIf }),
  questions,
});

export const dimension = (
  id: string,
  title: string,
  weight: number,
  clause: string,
  description: string,
  sections: Section[],
): Dimension => ({ id, title, weight, clause, description, sections });
