import type { Answers, Question, QuestionnaireDefinition } from '@assess/shared';

export type Pick = 'high' | 'low';

function numericValue(question: Extract<Question, { type: 'numeric' }>, pick: Pick): number {
  const bands = question.bands ?? [];
  let value = bands.length > 0 ? (pick === 'high' ? bands.at(-1)!.atLeast : bands[0]!.atLeast) : (question.min ?? 0) + 10;
  if (pick === 'low' && bands.length === 0) value = question.min ?? 0;
  if (question.min !== undefined) value = Math.max(value, question.min);
  if (question.max !== undefined) value = Math.min(value, question.max);
  return question.format === 'integer' ? Math.ceil(value) : Math.round(value * 100) / 100;
}

function answerFor(question: Question, pick: Pick): Answers[string] {
  switch (question.type) {
    case 'single': {
      const sorted = [...question.options].sort((a, b) => a.points - b.points);
      return (pick === 'high' ? sorted.at(-1)! : sorted[0]!).id;
    }
    case 'multiple': {
      const regular = question.options.filter((o) => !o.exclusive);
      const exclusive = question.options.find((o) => o.exclusive);
      if (pick === 'low' && exclusive) return [exclusive.id];
      const chosen = pick === 'high' ? regular : regular.slice(0, 1);
      return chosen.slice(0, question.maxChoices ?? chosen.length).map((o) => o.id);
    }
    case 'yesno':
      return pick === 'high' ? question.points.yes >= question.points.no : question.points.yes < question.points.no;
    case 'numeric':
      return numericValue(question, pick);
    case 'text':
    case 'evidence':
      return '已按要求整理相关材料，备查。';
  }
}

/** Every question of a definition answered (hidden ones too: they are kept but score nothing). */
export function completeAnswers(definition: QuestionnaireDefinition, pick: Pick = 'high', overrides: Answers = {}): Answers {
  const answers: Answers = {};
  for (const dimension of definition.dimensions) {
    for (const section of dimension.sections) for (const question of section.questions) answers[question.id] = answerFor(question, pick);
  }
  for (const question of definition.bonus) answers[question.id] = answerFor(question, pick);
  return { ...answers, ...overrides };
}
