/**
 * Numbers of one answer set that contradict each other: a part larger than its whole (研发费用
 * above 营业收入, 已实施的有效发明专利 above 有效发明专利). Written once: the BFF raises the
 * bureau's CONTRADICTORY_FACTS flag from it after a submit, and the questionnaire page shows the
 * enterprise the same finding while it answers, as a warning that never blocks a save or a submit.
 */

/** The numeric facts the rules read, by question id of the default questionnaire iso56005-56002@2023. */
export const factTitles: Readonly<Record<string, string>> = {
  revenue: '营业收入',
  rd_expense: '研发费用',
  rd_staff: '研发人员数',
  employees: '职工总数',
  invention_grants: '发明专利授权量',
  valid_inventions: '有效发明专利拥有量',
  pct_applications: 'PCT 申请量',
  license_income: '许可和转让收入',
  intensive_sales: '专利密集型产品销售收入',
  implemented_inventions: '已实施的有效发明专利数',
};

export interface ConsistencyRules {
  /** Pairs [part, whole]: the part may not exceed the whole (same unit). */
  partOfWhole: ReadonlyArray<readonly [part: string, whole: string]>;
  titles: Readonly<Record<string, string>>;
}

export const defaultConsistencyRules: ConsistencyRules = {
  partOfWhole: [
    ['rd_expense', 'revenue'],
    ['intensive_sales', 'revenue'],
    ['rd_staff', 'employees'],
    ['implemented_inventions', 'valid_inventions'],
  ],
  titles: factTitles,
};

export interface Contradiction {
  part: string;
  whole: string;
  partValue: number;
  wholeValue: number;
}

/** Every part-of-whole pair both of whose numbers are given and whose part is larger. */
export function contradictions(facts: Readonly<Record<string, number>>, rules: ConsistencyRules = defaultConsistencyRules): Contradiction[] {
  const found: Contradiction[] = [];
  for (const [part, whole] of rules.partOfWhole) {
    const partValue = facts[part];
    const wholeValue = facts[whole];
    if (partValue !== undefined && wholeValue !== undefined && partValue > wholeValue) found.push({ part, whole, partValue, wholeValue });
  }
  return found;
}

/** Every question id a consistency rule reads. */
export function consistencyFactIds(rules: ConsistencyRules = defaultConsistencyRules): string[] {
  return [...new Set(rules.partOfWhole.flat())];
}

/** 「研发费用（20000）大于营业收入（10000）」: for the bureau's evidence. */
export function contradictionText(c: Contradiction, titles: Readonly<Record<string, string>> = factTitles): string {
  return `${titles[c.part] ?? c.part}（${c.partValue}）大于${titles[c.whole] ?? c.whole}（${c.wholeValue}）`;
}

/**
 * The warnings to show beside each question while answering, by question id: both questions of
 * a contradiction get one, naming the other, since either may be the wrong one.
 */
export function consistencyWarnings(facts: Readonly<Record<string, number>>, rules: ConsistencyRules = defaultConsistencyRules): Record<string, string> {
  const byQuestion: Record<string, string[]> = {};
  const title = (id: string) => rules.titles[id] ?? id;
  for (const c of contradictions(facts, rules)) {
    (byQuestion[c.part] ??= []).push(`本题填写的 ${c.partValue} 大于“${title(c.whole)}”的 ${c.wholeValue}，两者相互矛盾，请核对`);
    (byQuestion[c.whole] ??= []).push(`本题填写的 ${c.wholeValue} 小于“${title(c.part)}”的 ${c.partValue}，两者相互矛盾，请核对`);
  }
  return Object.fromEntries(Object.entries(byQuestion).map(([id, messages]) => [id, `${messages.join('；')}（不影响保存和提交）`]));
}
