import type { BonusQuestion, Condition, Question, QuestionnaireDefinition } from './schema';

/** A question with where it sits: the loader's checks and compiler both walk this flat list. */
export interface PlacedQuestion {
  question: Question | BonusQuestion;
  path: string;
  dimensionIndex: number | null;
  section: { id: string; path: string; visibleIf: Condition | undefined } | null;
}

/** Every question in definition order: dimension by dimension, section by section, then bonus. */
export function placeQuestions(definition: QuestionnaireDefinition): PlacedQuestion[] {
  const placed: PlacedQuestion[] = [];
  definition.dimensions.forEach((dimension, d) => {
    dimension.sections.forEach((section, s) => {
      const sectionPath = `dimensions[${d}].sections[${s}]`;
      section.questions.forEach((question, q) => {
        placed.push({
          question,
          path: `${sectionPath}.questions[${q}]`,
          dimensionIndex: d,
          section: { id: section.id, path: sectionPath, visibleIf: section.visibleIf },
        });
      });
    });
  });
  definition.bonus.forEach((question, b) => {
    placed.push({ question, path: `bonus[${b}]`, dimensionIndex: null, section: null });
  });
  return placed;
}
