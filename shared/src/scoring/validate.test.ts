import type { AnswerValue, Answers } from '../api/answers';
import { loadQuestionnaire } from '../questionnaire/load';
import { tinyDefinition, tinyWith } from '../testing/definitions';
import { answerProgress, questionIssueSummary } from './summary';
import { validateAnswers, type AnswerIssueCode } from './validate';

const q = loadQuestionnaire(tinyDefinition());
const complete: Answers = { q1: 'a1', q2: ['m1'], q3: true, q4: 5, q6: 'x0', n1: 100, n2: 5, q7: false, b1: false };

describe('validateAnswers', () => {
  it('accepts a complete answer set in both modes', () => {
    expect(validateAnswers(q, complete, 'draft')).toEqual([]);
    expect(validateAnswers(q, complete, 'submit')).toEqual([]);
  });

  it('accepts partial answers in a draft', () => {
    expect(validateAnswers(q, { q1: 'a1' }, 'draft')).toEqual([]);
    expect(validateAnswers(q, {}, 'draft')).toEqual([]);
  });

  // One row per issue: the question, the answer given, the code and the Chinese message.
  it.each<[string, AnswerValue, AnswerIssueCode, string]>([
    ['q1', 7, 'WRONG_TYPE', '请选择一个选项'],
    ['q1', 'zz', 'NOT_AN_OPTION', '所选选项不存在，请重新选择'],
    ['q2', 'm1', 'WRONG_TYPE', '请从选项中选择'],
    ['q2', [1 as unknown as string], 'WRONG_TYPE', '请从选项中选择'],
    ['q2', ['m1', 'm9'], 'NOT_AN_OPTION', '所选选项不存在，请重新选择'],
    ['q2', ['m1', 'm1'], 'DUPLICATE_CHOICE', '选项「甲」重复选择'],
    ['q2', ['m1', 'm2', 'm3'], 'TOO_MANY_CHOICES', '最多选择 2 项'],
    ['q2', ['m1', 'none'], 'EXCLUSIVE_OPTION', '「以上都没有」不能与其他选项同时选择'],
    ['q3', 'yes', 'WRONG_TYPE', '请选择“是”或“否”'],
    ['q4', '12', 'WRONG_TYPE', '请填写数字'],
    ['q4', Number.NaN, 'WRONG_TYPE', '请填写数字'],
    ['q4', 2.5, 'NOT_INTEGER', '请填写整数'],
    ['q4', -1, 'BELOW_MIN', '数值不能小于 0 件'],
    ['q4', 1001, 'ABOVE_MAX', '数值不能大于 1000 件'],
    ['n1', 1.234, 'TOO_MANY_DECIMALS', '最多保留 2 位小数'],
    ['q5', '一二三四五六七八九十十一', 'TEXT_TOO_LONG', '内容不能超过 10 字'],
    ['q5', true, 'WRONG_TYPE', '请填写文字'],
    ['e1', 3, 'WRONG_TYPE', '请填写文字'],
  ])('%s = %j → %s', (questionId, value, code, message) => {
    for (const mode of ['draft', 'submit'] as const) {
      expect(validateAnswers(q, { ...complete, [questionId]: value }, mode)).toEqual([{ questionId, code, message }]);
    }
  });

  it('accepts values on the edges of their ranges', () => {
    expect(validateAnswers(q, { ...complete, q4: 0, n1: 0.01, q5: '一二三四五六七八九十', q2: ['m3', 'm2'] }, 'submit')).toEqual([]);
  });

  it('requires every visible required question on submit, with a message fit for its type', () => {
    expect(validateAnswers(q, { q3: true }, 'submit')).toEqual([
      { questionId: 'q1', code: 'REQUIRED', message: '请选择一项' },
      { questionId: 'q2', code: 'REQUIRED', message: '请至少选择一项' },
      { questionId: 'q4', code: 'REQUIRED', message: '请填写此题' },
      { questionId: 'q6', code: 'REQUIRED', message: '请选择一项' },
      { questionId: 'n1', code: 'REQUIRED', message: '请填写此题' },
      { questionId: 'n2', code: 'REQUIRED', message: '请填写此题' },
      { questionId: 'q7', code: 'REQUIRED', message: '请选择“是”或“否”' },
      { questionId: 'b1', code: 'REQUIRED', message: '请选择“是”或“否”' },
    ]);
  });

  it('treats blank text and empty choices as unanswered', () => {
    const issues = validateAnswers(q, { ...complete, q1: '  ', q2: [] }, 'submit');
    expect(issues.map((i) => [i.questionId, i.code])).toEqual([
      ['q1', 'REQUIRED'],
      ['q2', 'REQUIRED'],
    ]);
  });

  it('neither requires nor checks hidden questions, and keeps their answers allowed', () => {
    const hidden = { ...complete, q3: false, q6: 'not-even-an-option' };
    expect(validateAnswers(q, hidden, 'submit')).toEqual([]);
    expect(validateAnswers(q, { ...complete, q3: false, q6: undefined as never }, 'submit')).toEqual([]);
  });

  it('refuses ids that are not questions, after the question issues, sorted', () => {
    expect(validateAnswers(q, { ...complete, zeta: 1, alpha: 'x', i1: 3, q1: 9 }, 'draft')).toEqual([
      { questionId: 'q1', code: 'WRONG_TYPE', message: '请选择一个选项' },
      { questionId: 'alpha', code: 'UNKNOWN_QUESTION', message: '题目不存在' },
      { questionId: 'i1', code: 'UNKNOWN_QUESTION', message: '该项由系统根据其他题目计算，无需填写' },
      { questionId: 'zeta', code: 'UNKNOWN_QUESTION', message: '题目不存在' },
    ]);
  });

  it('uses the default text limit and 2 decimals when the definition sets none', () => {
    const loose = loadQuestionnaire(
      tinyWith((d) => {
        const q5 = d.dimensions[0]?.sections[0]?.questions[4];
        if (q5?.type === 'text') delete q5.maxLength;
      }),
    );
    expect(validateAnswers(loose, { ...complete, q5: 'x'.repeat(2000) }, 'draft')).toEqual([]);
    expect(validateAnswers(loose, { ...complete, q5: 'x'.repeat(2001) }, 'draft')[0]?.code).toBe('TEXT_TOO_LONG');
    expect(validateAnswers(loose, { ...complete, n1: 1.25 }, 'draft')).toEqual([]);
  });
});

describe('questionIssueSummary', () => {
  it('lists issues by dimension, then the bonus items, then unknown ids', () => {
    const issues = validateAnswers(q, { q3: true, q1: 'zz', ghost: 1 }, 'submit');
    const groups = questionIssueSummary(q, issues);
    expect(groups.map((g) => [g.kind, g.dimensionId, g.title, g.issues.map((i) => i.questionId)])).toEqual([
      ['dimension', 'd1', '维度一', ['q1', 'q2', 'q4', 'q6']],
      ['dimension', 'd2', '维度二', ['n1', 'n2', 'q7']],
      ['bonus', null, '加分项', ['b1']],
      ['unknown', null, '无法识别的题目', ['ghost']],
    ]);
  });

  it('omits groups without issues', () => {
    expect(questionIssueSummary(q, [])).toEqual([]);
  });
});

describe('answerProgress', () => {
  it('counts visible and validly answered questions per dimension and lists the missing required ones', () => {
    expect(answerProgress(q, { q1: 'a1', q2: ['zz'], q3: false, b2: 1 })).toEqual([
      { dimensionId: 'd1', title: '维度一', answered: 2, visible: 5, missingRequired: ['q2', 'q4'] },
      { dimensionId: 'd2', title: '维度二', answered: 0, visible: 4, missingRequired: ['n1', 'n2', 'q7'] },
      { dimensionId: null, title: '加分项', answered: 1, visible: 2, missingRequired: ['b1'] },
    ]);
  });
});
