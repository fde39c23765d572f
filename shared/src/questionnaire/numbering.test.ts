import { defaultQuestionnaire } from './default';
import { questionNumbers } from './numbering';

describe('question numbers', () => {
  const numbers = questionNumbers(defaultQuestionnaire);

  it('When a questionnaire is numbered, then dimension.position across its sections, and 加n for bonus items', () => {
    const first = defaultQuestionnaire.dimensions[0]!;
    expect(numbers.get(first.sections[0]!.questions[0]!.id)).toBe('1.1');
    const secondSectionFirst = first.sections[1]?.questions[0];
    if (secondSectionFirst) expect(numbers.get(secondSectionFirst.id)).toBe(`1.${first.sections[0]!.questions.length + 1}`);
    expect(numbers.get(defaultQuestionnaire.bonus[0]!.id)).toBe('加1');
  });

  it('When every question is numbered, then each has one number and no two share it', () => {
    const all = [...defaultQuestionnaire.dimensions.flatMap((d) => d.sections.flatMap((s) => s.questions)), ...defaultQuestionnaire.bonus];
    expect(numbers.size).toBe(all.length);
    expect(new Set(numbers.values()).size).toBe(all.length);
  });
});
