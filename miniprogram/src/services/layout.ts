import { questionNumbers, type BonusQuestion, type Question, type QuestionnaireDefinition } from '@assess/shared';

/**
 * The questionnaire as the pages lay it out: one group per dimension, then the bonus items, each
 * question with its display label ('3.2': second question of the third dimension; the shared
 * numbering, which the workbook's 题号 column uses too).
 */

export const BONUS_KEY = 'bonus';

export interface LaidOutQuestion {
  question: Question | BonusQuestion;
  label: string;
}

export interface LaidOutSection {
  id: string;
  title: string | null;
  questions: LaidOutQuestion[];
}

export interface QuestionGroup {
  /** The dimension id, or BONUS_KEY. */
  key: string;
  title: string;
  description: string | null;
  sections: LaidOutSection[];
}

export interface Layout {
  groups: QuestionGroup[];
  groupOf: ReadonlyMap<string, string>;
  questionOf: ReadonlyMap<string, Question | BonusQuestion>;
}

export function layOut(definition: QuestionnaireDefinition): Layout {
  const groupOf = new Map<string, string>();
  const questionOf = new Map<string, Question | BonusQuestion>();
  const numbers = questionNumbers(definition);
  const groups: QuestionGroup[] = definition.dimensions.map((dimension) => {
    return {
      key: dimension.id,
      title: dimension.title,
      description: dimension.description ?? null,
      sections: dimension.sections.map((section) => ({
        id: section.id,
        title: section.title,
        questions: section.questions.map((question) => {
          groupOf.set(question.id, dimension.id);
          questionOf.set(question.id, question);
          return { question, label: numbers.get(question.id) ?? '' };
        }),
      })),
    };
  });
  if (definition.bonus.length > 0) {
    groups.push({
      key: BONUS_KEY,
      title: '加分项',
      description: `加分项另计，最多 ${definition.scale.bonusMax} 分`,
      sections: [
        {
          id: BONUS_KEY,
          title: null,
          questions: definition.bonus.map((question) => {
            groupOf.set(question.id, BONUS_KEY);
            questionOf.set(question.id, question);
            return { question, label: numbers.get(question.id) ?? '' };
          }),
        },
      ],
    });
  }
  return { groups, groupOf, questionOf };
}
