import { consistencyFactIds, consistencyWarnings, contradictions, contradictionText } from './consistency';

describe('consistency rules (the same on the questionnaire page and in the bureau flags)', () => {
  it('finds a part larger than its whole, and nothing when the numbers agree or one is missing', () => {
    expect(contradictions({ implemented_inventions: 31, valid_inventions: 2 })).toEqual([{ part: 'implemented_inventions', whole: 'valid_inventions', partValue: 31, wholeValue: 2 }]);
    expect(contradictions({ implemented_inventions: 2, valid_inventions: 2, rd_expense: 10, revenue: 100 })).toEqual([]);
    expect(contradictions({ implemented_inventions: 31 })).toEqual([]);
  });

  it('warns on both questions of a contradiction, in Chinese, naming the other and its number, and never blocking', () => {
    const warnings = consistencyWarnings({ implemented_inventions: 31, valid_inventions: 2 });
    expect(Object.keys(warnings).sort()).toEqual(['implemented_inventions', 'valid_inventions']);
    expect(warnings.implemented_inventions).toBe('本题填写的 31 大于“有效发明专利拥有量”的 2，两者相互矛盾，请核对（不影响保存和提交）');
    expect(warnings.valid_inventions).toBe('本题填写的 2 小于“已实施的有效发明专利数”的 31，两者相互矛盾，请核对（不影响保存和提交）');
  });

  it('joins two warnings on one question (营业收入 below both 研发费用 and 专利密集型产品销售收入)', () => {
    const warnings = consistencyWarnings({ revenue: 100, rd_expense: 200, intensive_sales: 300 });
    expect(warnings.revenue).toContain('“研发费用”的 200');
    expect(warnings.revenue).toContain('“专利密集型产品销售收入”的 300');
    expect(warnings.revenue!.match(/不影响保存和提交/g)).toHaveLength(1);
  });

  it('renders the bureau evidence text and lists the ids it reads', () => {
    expect(contradictionText({ part: 'rd_staff', whole: 'employees', partValue: 300, wholeValue: 200 })).toBe('研发人员数（300）大于职工总数（200）');
    expect(consistencyFactIds()).toEqual(expect.arrayContaining(['rd_staff', 'employees', 'revenue', 'implemented_inventions']));
  });
});
