import { tinyDefinition, tinyWith } from '../testing/definitions';
import { loadQuestionnaire, QuestionnaireDefinitionError } from './load';
import type { Question, QuestionnaireDefinition } from './schema';

function rejection(input: unknown): QuestionnaireDefinitionError {
  try {
    loadQuestionnaire(input);
  } catch (error) {
    if (error instanceof QuestionnaireDefinitionError) return error;
    throw error;
  }
  throw new Error('expected the definition to be rejected');
}

/** The tiny definition's question at dimension d, section s, index i. */
function question(definition: QuestionnaireDefinition, d: number, s: number, i: number): Question {
  const found = definition.dimensions[d]?.sections[s]?.questions[i];
  if (!found) throw new Error(`no question at ${d}/${s}/${i}`);
  return found;
}

describe('loadQuestionnaire', () => {
  it('loads a valid definition with its ref and precompiled lookups', () => {
    const q = loadQuestionnaire(tinyDefinition());
    expect(q.ref).toBe('tiny@1');
    expect(q.questions.map((cq) => cq.question.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'n1', 'n2', 'q7', 'e1', 'b1', 'b2']);
    expect(q.questionIndex.get('q6')).toBe(5);
    expect(q.max).toBe(105);
    expect(q.dimensions[0]?.questions).toEqual([0, 1, 2, 3, 5]); // scorable only: q5 (text) is not
    expect(q.bonus).toEqual([10, 11]);
  });

  it('freezes the loaded definition and leaves the input untouched', () => {
    const input = tinyDefinition();
    const q = loadQuestionnaire(input);
    expect(Object.isFrozen(q.definition.dimensions[0]?.sections[0]?.questions[0])).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
    expect(q.definition).not.toBe(input);
  });

  it('orders visibility so a condition is evaluated after the questions it reads', () => {
    const definition = tinyWith((d) => {
      // q1 now depends on q6, which sits after it and depends on q3.
      question(d, 0, 0, 0).visibleIf = { question: 'q6', equals: 'x4' };
    });
    const q = loadQuestionnaire(definition);
    const order = q.visibilityOrder.map((i) => q.questions[i]?.question.id);
    expect(order.indexOf('q3')).toBeLessThan(order.indexOf('q6'));
    expect(order.indexOf('q6')).toBeLessThan(order.indexOf('q1'));
  });

  // One row per rejection reason: what is wrong, the code, and the path of the fault.
  const rejections: Array<[string, () => unknown, string, string]> = [
    ['a wrong shape', () => tinyWith((d) => Object.assign(d, { scale: { baseMax: '100', bonusMax: 5 } })), 'SCHEMA', 'scale.baseMax'],
    [
      'an unknown key (a typo such as visibleIF)',
      () => tinyWith((d) => Object.assign(question(d, 0, 0, 1), { visibleIF: { question: 'q1', answered: true } })),
      'SCHEMA',
      'dimensions[0].sections[0].questions[1]',
    ],
    ['an unsafe id', () => tinyWith((d) => Object.assign(question(d, 0, 0, 0), { id: 'a.b' })), 'SCHEMA', 'dimensions[0].sections[0].questions[0].id'],
    ['not an object at all', () => 'nonsense', 'SCHEMA', ''],
    ['a duplicate question id', () => tinyWith((d) => Object.assign(question(d, 1, 0, 0), { id: 'q1' })), 'DUPLICATE_ID', 'dimensions[1].sections[0].questions[0].id'],
    ['an indicator id equal to a question id', () => tinyWith((d) => Object.assign(d.indicators[0] ?? {}, { id: 'q1' })), 'DUPLICATE_ID', 'indicators[0].id'],
    ['a duplicate dimension id', () => tinyWith((d) => Object.assign(d.dimensions[1] ?? {}, { id: 'd1' })), 'DUPLICATE_ID', 'dimensions[1].id'],
    ['a duplicate section id', () => tinyWith((d) => Object.assign(d.dimensions[1]?.sections[0] ?? {}, { id: 's1' })), 'DUPLICATE_ID', 'dimensions[1].sections[0].id'],
    [
      'a duplicate option id',
      () =>
        tinyWith((d) => {
          const q1 = question(d, 0, 0, 0);
          if (q1.type === 'single' && q1.options[1]) q1.options[1].id = 'a0';
        }),
      'DUPLICATE_ID',
      'dimensions[0].sections[0].questions[0].options[1].id',
    ],
    [
      'a condition naming a missing question',
      () =>
        tinyWith((d) => {
          question(d, 0, 0, 3).visibleIf = { all: [{ question: 'q1', equals: 'a1' }, { question: 'ghost', answered: true }] };
        }),
      'MISSING_REFERENCE',
      'dimensions[0].sections[0].questions[3].visibleIf.all[1].question',
    ],
    [
      'a condition naming a missing option',
      () => tinyWith((d) => (question(d, 0, 0, 3).visibleIf = { any: [{ question: 'q2', includes: 'm9' }] })),
      'MISSING_REFERENCE',
      'dimensions[0].sections[0].questions[3].visibleIf.any[0].includes',
    ],
    [
      'a section condition naming a missing single-choice option',
      () => tinyWith((d) => Object.assign(d.dimensions[0]?.sections[1] ?? {}, { visibleIf: { question: 'q1', equals: 'zz' } })),
      'MISSING_REFERENCE',
      'dimensions[0].sections[1].visibleIf.equals',
    ],
    [
      'a condition that does not fit its question',
      () => tinyWith((d) => (question(d, 0, 0, 3).visibleIf = { not: { question: 'q3', includes: 'm1' } })),
      'CONDITION_TYPE',
      'dimensions[0].sections[0].questions[3].visibleIf.not',
    ],
    [
      'a numeric comparison on a choice',
      () => tinyWith((d) => (question(d, 0, 0, 3).visibleIf = { question: 'q1', compare: 'gt', value: 1 })),
      'CONDITION_TYPE',
      'dimensions[0].sections[0].questions[3].visibleIf',
    ],
    [
      'an equals of the wrong type',
      () => tinyWith((d) => (question(d, 0, 0, 3).visibleIf = { question: 'q1', equals: true })),
      'CONDITION_TYPE',
      'dimensions[0].sections[0].questions[3].visibleIf',
    ],
    [
      'an equals on free text',
      () => tinyWith((d) => (question(d, 0, 0, 3).visibleIf = { question: 'q5', equals: 'x' })),
      'CONDITION_TYPE',
      'dimensions[0].sections[0].questions[3].visibleIf',
    ],
    [
      'a cycle in conditions',
      () =>
        tinyWith((d) => {
          question(d, 0, 0, 0).visibleIf = { question: 'q4', compare: 'gte', value: 1 };
          question(d, 0, 0, 3).visibleIf = { question: 'q1', equals: 'a1' };
        }),
      'CONDITION_CYCLE',
      'dimensions[0].sections[0].questions[3].visibleIf.question',
    ],
    [
      'a question conditional on itself',
      () => tinyWith((d) => (question(d, 0, 0, 2).visibleIf = { question: 'q3', answered: true })),
      'CONDITION_CYCLE',
      'dimensions[0].sections[0].questions[2].visibleIf.question',
    ],
    [
      'a section conditional on its own question',
      () => tinyWith((d) => Object.assign(d.dimensions[0]?.sections[1] ?? {}, { visibleIf: { question: 'q6', answered: true } })),
      'CONDITION_CYCLE',
      'dimensions[0].sections[1].visibleIf.question',
    ],
    [
      'an indicator reading a missing question',
      () => tinyWith((d) => Object.assign(d.indicators[0] ?? {}, { expression: { op: 'sum', terms: [{ question: 'n1' }, { question: 'nope' }] } })),
      'MISSING_REFERENCE',
      'indicators[0].expression.terms[1].question',
    ],
    [
      'an indicator reading a missing indicator',
      () => tinyWith((d) => Object.assign(d.indicators[0] ?? {}, { expression: { indicator: 'nope' } })),
      'MISSING_REFERENCE',
      'indicators[0].expression.indicator',
    ],
    [
      'an indicator reading a question that is not numeric',
      () => tinyWith((d) => Object.assign(d.indicators[0] ?? {}, { expression: { question: 'q1' } })),
      'NOT_NUMERIC',
      'indicators[0].expression.question',
    ],
    [
      'a cycle between indicators',
      () =>
        tinyWith((d) => {
          Object.assign(d.indicators[0] ?? {}, { expression: { op: 'sum', terms: [{ indicator: 'i2' }, { const: 1 }] } });
          d.indicators.push({ id: 'i2', title: '二', unit: '%', help: d.indicators[0]!.help, expression: { indicator: 'i1' } });
        }),
      'INDICATOR_CYCLE',
      'indicators[1].expression.indicator',
    ],
    [
      'a division by a possibly-zero value without a rule',
      () =>
        tinyWith((d) => {
          const expression = d.indicators[0]?.expression;
          if (expression && 'op' in expression && expression.op === 'ratio') delete expression.whenZero;
        }),
      'UNGUARDED_DIVISION',
      'indicators[0].expression.denominator',
    ],
    [
      'a division by an unbounded sum',
      () =>
        tinyWith((d) => {
          const n1 = question(d, 1, 0, 0);
          if (n1.type === 'numeric') n1.min = 1;
          Object.assign(d.indicators[0] ?? {}, {
            expression: { op: 'ratio', numerator: { const: 1 }, denominator: { op: 'sum', terms: [{ question: 'n1' }, { const: -5 }] } },
          });
        }),
      'UNGUARDED_DIVISION',
      'indicators[0].expression.denominator',
    ],
    ['weights that do not add up', () => tinyWith((d) => Object.assign(d.dimensions[1] ?? {}, { weight: 30 })), 'WEIGHTS_MISMATCH', 'dimensions'],
    ['an unreachable bonus cap', () => tinyWith((d) => (d.scale.bonusMax = 8)), 'BONUS_UNREACHABLE', 'bonus'],
    [
      'a dimension with no always-shown scorable question',
      () => tinyWith((d) => (question(d, 1, 0, 2).visibleIf = { question: 'q3', equals: true })),
      'DIMENSION_UNSCORED',
      'dimensions[1]',
    ],
    ['a scored indicator without a dimension', () => tinyWith((d) => delete d.indicators[0]?.dimension), 'INDICATOR_DIMENSION', 'indicators[0].dimension'],
    ['an indicator with a dimension but no bands', () => tinyWith((d) => delete d.indicators[0]?.bands), 'INDICATOR_DIMENSION', 'indicators[0].bands'],
    ['an indicator in a missing dimension', () => tinyWith((d) => Object.assign(d.indicators[0] ?? {}, { dimension: 'd9' })), 'MISSING_REFERENCE', 'indicators[0].dimension'],
    [
      'a numeric range with min above max',
      () => tinyWith((d) => Object.assign(question(d, 0, 0, 3), { min: 5, max: 1 })),
      'RANGE_EMPTY',
      'dimensions[0].sections[0].questions[3].max',
    ],
    [
      'bands that do not ascend',
      () => tinyWith((d) => Object.assign(question(d, 0, 0, 3), { bands: [{ atLeast: 5, points: 1 }, { atLeast: 5, points: 2 }] })),
      'BANDS_ORDER',
      'dimensions[0].sections[0].questions[3].bands[1].atLeast',
    ],
    ['an unreachable multiple-choice cap', () => tinyWith((d) => Object.assign(question(d, 0, 0, 1), { cap: 9 })), 'CAP_UNREACHABLE', 'dimensions[0].sections[0].questions[1].cap'],
    ['a choice limit above the options', () => tinyWith((d) => Object.assign(question(d, 0, 0, 1), { maxChoices: 4 })), 'CAP_UNREACHABLE', 'dimensions[0].sections[0].questions[1].maxChoices'],
  ];

  it.each(rejections)('rejects %s (%s at %s)', (_what, build, code, path) => {
    const error = rejection(build());
    expect({ code: error.code, path: error.path }).toEqual({ code, path });
    expect(error.message).toContain(error.path || '(root)');
    expect(error.issues[0]).toMatchObject({ code, path });
  });

  it('needs no zero rule when the denominator cannot be zero', () => {
    const definition = tinyWith((d) => {
      const n1 = question(d, 1, 0, 0);
      if (n1.type === 'numeric') n1.min = 0.01;
      const expression = d.indicators[0]?.expression;
      if (expression && 'op' in expression && expression.op === 'ratio') delete expression.whenZero;
    });
    expect(() => loadQuestionnaire(definition)).not.toThrow();
  });

  it('follows ranges through nested indicators and constants', () => {
    const definition = tinyWith((d) => {
      const help = d.indicators[0]!.help;
      // i2 = n1 + 10 ≥ 10, so 1 / i2 needs no rule; i3 = i1 (may be anything) needs one.
      d.indicators.push(
        { id: 'i2', title: '二', unit: '万元', help, expression: { op: 'sum', terms: [{ question: 'n1' }, { const: 10 }] } },
        { id: 'i3', title: '三', unit: '%', help, expression: { op: 'ratio', numerator: { const: 1 }, denominator: { indicator: 'i2' } } },
      );
    });
    expect(() => loadQuestionnaire(definition)).not.toThrow();
    const unguarded = tinyWith((d) => {
      d.indicators.push({
        id: 'i3',
        title: '三',
        unit: '%',
        help: d.indicators[0]!.help,
        expression: { op: 'ratio', numerator: { const: 1 }, denominator: { indicator: 'i1' } },
      });
    });
    expect(rejection(unguarded)).toMatchObject({ code: 'UNGUARDED_DIVISION', path: 'indicators[1].expression.denominator' });
  });

  it('lists every fault of the failing stage', () => {
    const error = rejection(
      tinyWith((d) => {
        question(d, 0, 0, 3).visibleIf = { question: 'ghost1', answered: true };
        question(d, 0, 0, 4).visibleIf = { question: 'ghost2', answered: true };
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'dimensions[0].sections[0].questions[3].visibleIf.question',
      'dimensions[0].sections[0].questions[4].visibleIf.question',
    ]);
    expect(error.name).toBe('QuestionnaireDefinitionError');
  });
});
