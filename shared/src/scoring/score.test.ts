import type { Answers } from '../api/answers';
import { loadQuestionnaire } from '../questionnaire/load';
import { tinyDefinition, tinyWith } from '../testing/definitions';
import { score } from './score';
import { visibleQuestionIds } from './questionVisibility';

/*
 * The tiny definition (see testing/definitions.ts):
 *   d1 (60 points): q1 single 0/1/2/4 · q2 multiple 1/2/3 + none, cap 4, ≤2 choices · q3 yes/no 2/0 ·
 *                   q4 numeric bands ≥1:1 ≥10:2 ≥100:4 · q5 text · q6 single 0/4, shown when q3 = yes
 *   d2 (40 points): n1, n2 facts · q7 yes/no 4/0 · i1 = n2/n1 % (bands ≥5:2 ≥10:4; revenue 0 → excluded)
 *   bonus (cap 5):  b1 yes/no 3/0 · b2 numeric ≥1:2 ≥5:4
 */
const q = loadQuestionnaire(tinyDefinition());

const best: Answers = { q1: 'a4', q2: ['m3', 'm2'], q3: true, q4: 100, q6: 'x4', n1: 100, n2: 10, q7: true, b1: true, b2: 5 };

describe('score', () => {
  it.each<[string, Answers, { total: number; base: number; bonus: number; d1: number; d2: number }]>([
    ['nothing answered', {}, { total: 0, base: 0, bonus: 0, d1: 0, d2: 0 }],
    ['everything best (multiple capped at 4, bonus capped at 5)', best, { total: 105, base: 100, bonus: 5, d1: 60, d2: 40 }],
    // q3 = no hides q6: d1 = 60 × (4+4+0+4) / (4+4+2+4)
    ['q3 = no hides the conditional section', { ...best, q3: false }, { total: 96.43, base: 91.43, bonus: 5, d1: 51.43, d2: 40 }],
    // q3 = yes, q6 worst: d1 = 60 × (4+4+2+4+0) / 18
    ['the conditional question counts once shown', { ...best, q6: 'x0' }, { total: 91.67, base: 86.67, bonus: 5, d1: 46.67, d2: 40 }],
    // revenue 0 excludes i1: d2 = 40 × 4/4
    ['a zero rule excluding the indicator', { ...best, n1: 0 }, { total: 105, base: 100, bonus: 5, d1: 60, d2: 40 }],
    // expense unanswered: i1 is missing (0 of 4) but counts: d2 = 40 × 4/8
    ['an unanswered indicator input', { ...best, n2: undefined as never }, { total: 85, base: 80, bonus: 5, d1: 60, d2: 20 }],
    // 4% is below the first scoring band: d2 = 40 × 4/8
    ['an indicator below its first band', { ...best, n2: 4 }, { total: 85, base: 80, bonus: 5, d1: 60, d2: 20 }],
    // d1 = 60 × (4+0+2+4+4) / 18
    ['the exclusive "none" option scores nothing', { ...best, q2: ['none'] }, { total: 91.67, base: 86.67, bonus: 5, d1: 46.67, d2: 40 }],
    ['invalid answers score as unanswered', { ...best, q1: 'zz', q2: ['m1', 'none'], q4: 1.5 }, { total: 65, base: 60, bonus: 5, d1: 20, d2: 40 }],
    ['the bonus below its cap', { ...best, b1: false, b2: 1 }, { total: 102, base: 100, bonus: 2, d1: 60, d2: 40 }],
    // d1 = 60 × 1/14 = 4.2857… → 4.29, rounded once at the end
    ['rounding half up to 2 decimals', { q1: 'a1', q3: false }, { total: 4.29, base: 4.29, bonus: 0, d1: 4.29, d2: 0 }],
  ])('%s', (_case, answers, expected) => {
    const result = score(q, answers);
    expect({
      total: result.total,
      base: result.base,
      bonus: result.bonus,
      d1: result.dimensions[0]?.score,
      d2: result.dimensions[1]?.score,
    }).toEqual(expected);
  });

  it('reports the maxima and each dimension out of its weight', () => {
    const result = score(q, best);
    expect(result).toMatchObject({ ref: 'tiny@1', max: 105, baseMax: 100, bonusMax: 5 });
    expect(result.dimensions).toEqual([
      { id: 'd1', title: '维度一', score: 60, max: 60 },
      { id: 'd2', title: '维度二', score: 40, max: 40 },
    ]);
  });

  it("reports each question's raw points and whether it is shown", () => {
    const result = score(q, { ...best, q3: false });
    expect(result.questions.q1).toEqual({ points: 4, max: 4, visible: true });
    expect(result.questions.q2).toEqual({ points: 4, max: 4, visible: true });
    expect(result.questions.q5).toEqual({ points: 0, max: 0, visible: true });
    expect(result.questions.q6).toEqual({ points: 0, max: 4, visible: false });
    expect(result.questions.b2).toEqual({ points: 4, max: 4, visible: true });
  });

  it("reports each indicator's value and whether it counts", () => {
    expect(score(q, best).indicators.i1).toEqual({ value: 10, points: 4, max: 4, visible: true, counted: true });
    expect(score(q, { ...best, n1: 0 }).indicators.i1).toEqual({ value: null, points: 0, max: 4, visible: true, counted: false });
    expect(score(q, {}).indicators.i1).toEqual({ value: null, points: 0, max: 4, visible: true, counted: true });
  });

  it('treats an indicator reading a hidden question as hidden', () => {
    const hiddenInput = loadQuestionnaire(
      tinyWith((d) => {
        const n2 = d.dimensions[1]?.sections[0]?.questions[1];
        if (n2) n2.visibleIf = { question: 'q3', equals: true };
      }),
    );
    const result = score(hiddenInput, { ...best, q3: false });
    expect(result.indicators.i1).toEqual({ value: null, points: 0, max: 4, visible: false, counted: false });
    expect(result.dimensions[1]?.score).toBe(40); // over q7 alone
  });

  it('lets an indicator read other indicators and constants', () => {
    const chained = loadQuestionnaire(
      tinyWith((d) => {
        const first = d.indicators[0]!;
        first.dimension = undefined;
        first.bands = undefined;
        d.indicators.push({
          id: 'i2',
          title: '加总',
          unit: '%',
          help: first.help,
          expression: { op: 'sum', terms: [{ indicator: 'i1' }, { const: 5 }] },
          dimension: 'd2',
          bands: [{ atLeast: 10, points: 4 }],
        });
      }),
    );
    expect(score(chained, { ...best, n2: 5 }).indicators.i2).toMatchObject({ value: 10, points: 4 });
    expect(score(chained, { ...best, n2: undefined as never }).indicators.i2).toMatchObject({ value: null, points: 0, counted: true });
    expect(score(chained, { ...best, n1: 0 }).indicators.i2).toMatchObject({ value: null, counted: false });
  });

  it('ignores inherited properties of the answers object', () => {
    const inherited = Object.create({ q1: 'a4' }) as Answers;
    expect(score(q, inherited).total).toBe(0);
  });
});

describe('visibleQuestionIds', () => {
  it('shows a conditional section only when its condition holds', () => {
    expect(visibleQuestionIds(q, { q3: true }).has('q6')).toBe(true);
    expect(visibleQuestionIds(q, { q3: false }).has('q6')).toBe(false);
    expect(visibleQuestionIds(q, {}).has('q6')).toBe(false);
  });

  it('reads conditions only from visible, valid answers', () => {
    const chain = loadQuestionnaire(
      tinyWith((d) => {
        const q7 = d.dimensions[1]?.sections[0]?.questions[2];
        if (q7) q7.visibleIf = { any: [{ question: 'q6', equals: 'x4' }, { question: 'q4', compare: 'lt', value: 0 }] };
        const e1 = d.dimensions[1]?.sections[0]?.questions[3];
        if (e1) e1.visibleIf = { not: { question: 'q6', answered: true } };
        // keep d2 scorable for the loader: i1 is not enough, so add an always-shown question
        d.dimensions[1]?.sections[0]?.questions.push({ id: 'q8', title: '常显', help: e1!.help, required: true, type: 'yesno', points: { yes: 1, no: 0 } });
      }),
    );
    // q6 answered x4 but hidden (q3 = no): q7 stays hidden, and e1 (shown while q6 is unanswered) shows.
    const hidden = visibleQuestionIds(chain, { q3: false, q6: 'x4' });
    expect(hidden.has('q7')).toBe(false);
    expect(hidden.has('e1')).toBe(true);
    const shown = visibleQuestionIds(chain, { q3: true, q6: 'x4' });
    expect(shown.has('q7')).toBe(true);
    expect(shown.has('e1')).toBe(false);
  });
});
