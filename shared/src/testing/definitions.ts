import type { QuestionnaireDefinition } from '../questionnaire/schema';

/**
 * Test fixtures: a tiny definition exercising every question type, a conditional section, an
 * indicator with a zero rule and a capped bonus. Not exported from the package.
 */
const h = { meaning: '说明', evidence: '证明材料', clause: 'ISO 56002 §5' };

export function tinyDefinition(): QuestionnaireDefinition {
  return {
    id: 'tiny',
    version: '1',
    year: 2023,
    title: '测试问卷',
    scale: { baseMax: 100, bonusMax: 5 },
    dimensions: [
      {
        id: 'd1',
        title: '维度一',
        weight: 60,
        clause: 'ISO 56002 §5',
        sections: [
          {
            id: 's1',
            title: '分节一',
            questions: [
              {
                id: 'q1',
                title: '单选',
                help: h,
                required: true,
                type: 'single',
                options: [
                  { id: 'a0', label: '零', points: 0 },
                  { id: 'a1', label: '一', points: 1 },
                  { id: 'a2', label: '二', points: 2 },
                  { id: 'a4', label: '四', points: 4 },
                ],
              },
              {
                id: 'q2',
                title: '多选',
                help: h,
                required: true,
                type: 'multiple',
                options: [
                  { id: 'm1', label: '甲', points: 1 },
                  { id: 'm2', label: '乙', points: 2 },
                  { id: 'm3', label: '丙', points: 3 },
                  { id: 'none', label: '以上都没有', points: 0, exclusive: true },
                ],
                cap: 4,
                maxChoices: 2,
              },
              { id: 'q3', title: '是非', help: h, required: true, type: 'yesno', points: { yes: 2, no: 0 } },
              {
                id: 'q4',
                title: '数值',
                help: h,
                required: true,
                type: 'numeric',
                unit: '件',
                format: 'integer',
                min: 0,
                max: 1000,
                bands: [
                  { atLeast: 1, points: 1 },
                  { atLeast: 10, points: 2 },
                  { atLeast: 100, points: 4 },
                ],
              },
              { id: 'q5', title: '文本', help: h, required: false, type: 'text', maxLength: 10 },
            ],
          },
          {
            id: 's2',
            title: '条件分节',
            visibleIf: { question: 'q3', equals: true },
            questions: [
              {
                id: 'q6',
                title: '条件单选',
                help: h,
                required: true,
                type: 'single',
                options: [
                  { id: 'x0', label: '否', points: 0 },
                  { id: 'x4', label: '是', points: 4 },
                ],
              },
            ],
          },
        ],
      },
      {
        id: 'd2',
        title: '维度二',
        weight: 40,
        clause: 'ISO 56005 §5',
        sections: [
          {
            id: 's3',
            title: '分节三',
            questions: [
              { id: 'n1', title: '收入', help: h, required: true, type: 'numeric', unit: '万元', format: 'decimal', min: 0 },
              { id: 'n2', title: '费用', help: h, required: true, type: 'numeric', unit: '万元', format: 'decimal', min: 0 },
              { id: 'q7', title: '是非二', help: h, required: true, type: 'yesno', points: { yes: 4, no: 0 } },
              { id: 'e1', title: '佐证', help: h, required: false, type: 'evidence' },
            ],
          },
        ],
      },
    ],
    indicators: [
      {
        id: 'i1',
        title: '费用占比',
        unit: '%',
        help: h,
        expression: {
          op: 'ratio',
          numerator: { question: 'n2' },
          denominator: { question: 'n1' },
          scale: 100,
          whenZero: 'exclude',
        },
        dimension: 'd2',
        bands: [
          { atLeast: 0, points: 0 },
          { atLeast: 5, points: 2 },
          { atLeast: 10, points: 4 },
        ],
      },
    ],
    bonus: [
      { id: 'b1', title: '加分一', help: h, required: true, type: 'yesno', points: { yes: 3, no: 0 } },
      {
        id: 'b2',
        title: '加分二',
        help: h,
        required: false,
        type: 'numeric',
        unit: '个',
        format: 'integer',
        min: 0,
        bands: [
          { atLeast: 1, points: 2 },
          { atLeast: 5, points: 4 },
        ],
      },
    ],
  };
}

/** A fresh tiny definition with a change applied, for rejection tests. */
export function tinyWith(change: (definition: QuestionnaireDefinition) => void): QuestionnaireDefinition {
  const definition = tinyDefinition();
  change(definition);
  return definition;
}

/**
 * The tiny definition plus questions whose conditions read a conditional question (q6, shown
 * only when q3 = yes): a hidden answer to q6 must not leak through them.
 */
export function chainedDefinition(): QuestionnaireDefinition {
  return tinyWith((d) => {
    const d2 = d.dimensions[1]?.sections[0]?.questions;
    if (!d2) throw new Error('fixture changed');
    d2.push(
      { id: 'q8', title: '链式条件', help: h, required: true, type: 'yesno', points: { yes: 1, no: 0 }, visibleIf: { question: 'q6', equals: 'x4' } },
      {
        id: 'q9',
        title: '反向条件',
        help: h,
        required: true,
        type: 'single',
        options: [
          { id: 'y0', label: '零', points: 0 },
          { id: 'y2', label: '二', points: 2 },
        ],
        visibleIf: { not: { question: 'q6', answered: true } },
      },
    );
  });
}
