import { defaultQuestionnaire } from '../questionnaire/default';
import { loadQuestionnaire } from '../questionnaire/load';
import { sampleAnswers } from '../questionnaire/sample';
import { answerPrint, changedAnswers } from './answerPrint';

describe('answer prints', () => {
  const q = loadQuestionnaire(defaultQuestionnaire);
  const answers = sampleAnswers(q, 1);

  it('is 2 bytes per question and the same for the same answers, whatever the key order', () => {
    const print = answerPrint(q, answers);
    expect(print).toHaveLength(q.questions.length * 2);
    const reordered = Object.fromEntries(Object.entries(answers).reverse());
    expect(changedAnswers(print, answerPrint(q, reordered))).toBe(0);
  });

  it('counts exactly the answers that changed, added or removed', () => {
    const numeric = q.questions.filter((cq) => cq.question.type === 'numeric').map((cq) => cq.question.id);
    const answered = q.questions.map((cq) => cq.question.id).find((id) => !numeric.includes(id) && answers[id] !== undefined)!;
    const next = { ...answers, [numeric[0]!]: 123_456, [numeric[1]!]: 654_321 };
    delete (next as Record<string, unknown>)[answered];
    expect(changedAnswers(answerPrint(q, answers), answerPrint(q, next))).toBe(3);
    expect(changedAnswers(answerPrint(q, {}), answerPrint(q, answers))).toBe(Object.keys(answers).filter((id) => q.questionIndex.has(id)).length);
  });

  it('tells an answer of 0 or false from no answer, and refuses prints of different questionnaires', () => {
    const numeric = q.questions.find((cq) => cq.question.type === 'numeric')!.question.id;
    expect(changedAnswers(answerPrint(q, {}), answerPrint(q, { [numeric]: 0 }))).toBe(1);
    expect(changedAnswers(new Uint8Array(4), answerPrint(q, answers))).toBeNull();
  });
});
