import { score } from '../scoring/score';
import { validateAnswers } from '../scoring/validate';
import { tinyDefinition } from '../testing/definitions';
import { defaultQuestionnaire } from './default';
import { loadQuestionnaire } from './load';
import { sampleAnswers } from './sample';

describe('sampleAnswers', () => {
  const questionnaires = [loadQuestionnaire(defaultQuestionnaire), loadQuestionnaire(tinyDefinition())];

  it.each([0, 0.25, 0.5, 0.75, 1])('answers every question validly at strength %s', (strength) => {
    for (const q of questionnaires) {
      const answers = sampleAnswers(q, strength);
      expect(Object.keys(answers)).toHaveLength(q.questions.length);
      expect(validateAnswers(q, answers, 'submit')).toEqual([]);
    }
  });

  it('scores higher as the strength rises', () => {
    const q = questionnaires[0]!;
    const totals = [0, 0.25, 0.5, 0.75, 1].map((strength) => score(q, sampleAnswers(q, strength)).total);
    expect([...totals].sort((a, b) => a - b)).toEqual(totals);
    expect(totals[0]).toBeLessThan(totals[4]!);
  });

  it('refuses a strength outside [0, 1]', () => {
    expect(() => sampleAnswers(questionnaires[0]!, 2)).toThrow(RangeError);
  });
});
