import type { QuestionnaireDefinition } from './schema';

/**
 * The number a person calls a question by: '3.2' for the second question of the third dimension
 * (counted across its sections), '加1' for the first bonus item. The app shows it before each
 * title and the workbook in its 题号 column, so the two always agree.
 */
export function questionNumbers(definition: Pick<QuestionnaireDefinition, 'dimensions' | 'bonus'>): Map<string, string> {
  const numbers = new Map<string, string>();
  definition.dimensions.forEach((dimension, d) => {
    let n = 0;
    for (const section of dimension.sections) {
      for (const question of section.questions) {
        n += 1;
        numbers.set(question.id, `${d + 1}.${n}`);
      }
    }
  });
  definition.bonus.forEach((question, i) => numbers.set(question.id, `加${i + 1}`));
  return numbers;
}
