import type { Answers } from '../api/answers';
import { score } from '../scoring/score';
import { validateAnswers } from '../scoring/validate';
import { defaultQuestionnaire } from './default';
import { loadQuestionnaire } from './load';
import { sampleAnswers } from './sample';
import { questionnaireRef, type Expression } from './schema';

const q = loadQuestionnaire(defaultQuestionnaire);
const questions = q.questions.map((cq) => cq.question);

function ratioReads(expression: Expression): boolean {
  return 'op' in expression && expression.op === 'ratio';
}

describe('the default questionnaire iso56005-56002@2023', () => {
  it('loads, and is named as campaigns pin it', () => {
    expect(questionnaireRef(defaultQuestionnaire)).toBe('iso56005-56002@2023');
    expect(q.ref).toBe('iso56005-56002@2023');
    expect(defaultQuestionnaire.year).toBe(2023);
  });

  it('is worth 100 points plus up to 5 bonus points', () => {
    expect(defaultQuestionnaire.scale).toEqual({ baseMax: 100, bonusMax: 5 });
    expect(defaultQuestionnaire.dimensions.reduce((sum, d) => sum + d.weight, 0)).toBe(100);
  });

  it('follows the clauses of ISO 56002 (§4–§10) and ISO 56005 (§4, §5, §6, the tools)', () => {
    const clauses = defaultQuestionnaire.dimensions.map((d) => d.clause).join(' ');
    for (const clause of ['56002 §4', '56002 §5', '56002 §6', '56002 §7', '56002 §8', '56002 §9', '56002 §10', '56005 §4', '56005 §5', '56005 §6']) {
      expect(clauses).toContain(clause);
    }
    expect(defaultQuestionnaire.dimensions.map((d) => d.title)).toEqual(
      expect.arrayContaining(['组织环境', '领导作用', '策划', '支持', '运行', '绩效评价', '改进', '知识产权管理框架', '知识产权战略', '创新过程中的知识产权管理', '知识产权工具']),
    );
    expect(defaultQuestionnaire.dimensions.length).toBeGreaterThanOrEqual(8);
  });

  it('asks at least 60 questions (about a hundred, as a realistic answer set)', () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(questions.length).toBeLessThanOrEqual(120);
  });

  it('collects at least 12 numeric facts, each with a unit', () => {
    const numeric = questions.filter((question) => question.type === 'numeric');
    expect(numeric.length).toBeGreaterThanOrEqual(12);
    for (const question of numeric) expect(['万元', '人', '件', '个', '人次']).toContain(question.type === 'numeric' && question.unit);
    const ids = numeric.map((question) => question.id);
    for (const fact of ['revenue', 'rd_expense', 'rd_staff', 'invention_grants', 'valid_inventions', 'pct_applications', 'trademarks', 'license_income', 'pledge_financing', 'intensive_sales', 'ip_staff', 'ip_budget', 'disputes']) {
      expect(ids).toContain(fact);
    }
  });

  it('computes at least two ratios, including R&D intensity and inventions per 100 R&D staff', () => {
    const ratios = defaultQuestionnaire.indicators.filter((indicator) => ratioReads(indicator.expression));
    expect(ratios.length).toBeGreaterThanOrEqual(2);
    expect(ratios.map((r) => r.id)).toEqual(expect.arrayContaining(['rd_intensity', 'inventions_per_100_rd']));
  });

  it('has an overseas block shown only to enterprises with overseas business', () => {
    const section = defaultQuestionnaire.dimensions.flatMap((d) => d.sections).find((s) => s.id === 'strategy_overseas');
    expect(section?.visibleIf).toEqual({ question: 'overseas_business', equals: true });
    expect(section?.questions.length).toBeGreaterThanOrEqual(3);
  });

  it('does not penalise an enterprise without overseas business for never seeing the overseas block', () => {
    const best = sampleAnswers(q, 1);
    const strategy = (answers: Answers) => score(q, answers).dimensions.find((d) => d.id === 'ip_strategy')?.score;
    const domestic = { ...best, overseas_business: false, os_risk: 'none', os_response: 'none', os_support: false };
    expect(strategy(domestic)).toBe(8);
    expect(strategy(best)).toBe(8);
    // Those who do see it are judged on it: weak overseas answers cost them.
    expect(strategy({ ...best, os_risk: 'none', os_response: 'none', os_support: false })).toBeLessThan(8);
  });

  it('has the two bonus items of the 2023 notice', () => {
    const titles = defaultQuestionnaire.bonus.map((b) => b.title).join(' ');
    expect(titles).toContain('专利产品备案');
    expect(titles).toContain('千企百城');
  });

  it('explains every question and indicator: meaning, evidence, clause', () => {
    const explained = [...questions, ...defaultQuestionnaire.indicators];
    for (const item of explained) {
      expect(item.help.meaning.length).toBeGreaterThan(8);
      expect(item.help.evidence.length).toBeGreaterThan(2);
      expect(item.help.clause).toMatch(/ISO 5600[25]|国知办函|专利法/);
    }
  });

  it('gives the full 105 to an enterprise that does everything best', () => {
    // Ratios need consistent facts: 100 patents per 100 R&D staff, all R&D staff, all patents used.
    const best = { ...sampleAnswers(q, 1), employees: 100, rd_staff: 100, valid_inventions: 100, implemented_inventions: 100 };
    expect(validateAnswers(q, best, 'submit')).toEqual([]);
    const result = score(q, best);
    expect(result).toMatchObject({ total: 105, base: 100, bonus: 5, max: 105 });
    for (const dimension of result.dimensions) expect(dimension.score).toBe(dimension.max);
  });

  it('gives 0 to an enterprise that does nothing, and its answers are still complete', () => {
    const worst = sampleAnswers(q, 0);
    expect(validateAnswers(q, worst, 'submit')).toEqual([]);
    expect(score(q, worst)).toMatchObject({ total: 0, base: 0, bonus: 0 });
  });
});
