import { integrityFlags, numericFacts, factIds, type AttemptFacts } from './integrity';

const at = (minute: number) => new Date(Date.UTC(2023, 5, 30, 8, minute));
const attempt = (number: number, total: number, facts: Record<string, number>, seconds: number | null = 900): AttemptFacts => ({
  number,
  submittedAt: at(number * 10),
  seconds,
  total,
  facts,
});

describe('integrityFlags', () => {
  const base = { revenue: 10_000, rd_expense: 500, rd_staff: 30, employees: 200, valid_inventions: 20, implemented_inventions: 10 };

  it('raises nothing for a plain, consistent, unhurried history', () => {
    expect(integrityFlags([attempt(1, 60, base), attempt(2, 58, base), attempt(3, 61, base)])).toEqual([]);
  });

  it('flags scores climbing over three attempts while stable facts change, naming the changes', () => {
    const flags = integrityFlags([
      attempt(1, 60, base),
      attempt(2, 70, { ...base, valid_inventions: 40 }),
      attempt(3, 80, { ...base, valid_inventions: 80, rd_expense: 900 }),
    ]);
    expect(flags).toEqual([expect.objectContaining({ code: 'SCORE_CLIMB_WITH_CHANGED_FACTS', attempts: [1, 2, 3] })]);
    expect(flags[0]!.evidence).toContain('有效发明专利拥有量 20→40');
    expect(flags[0]!.evidence).toContain('研发费用 500→900');
  });

  it('does not flag climbing scores when the facts stay the same (better answers, same company)', () => {
    expect(integrityFlags([attempt(1, 60, base), attempt(2, 70, base), attempt(3, 80, base)])).toEqual([]);
  });

  it('flags an attempt finished faster than the minimum, with its seconds', () => {
    const flags = integrityFlags([attempt(1, 60, base, 95), attempt(2, 60, base, null)]);
    expect(flags).toEqual([expect.objectContaining({ code: 'IMPLAUSIBLY_FAST', attempts: [1] })]);
    expect(flags[0]!.evidence).toContain('95 秒');
  });

  it('flags a part larger than its whole in the latest attempt', () => {
    const flags = integrityFlags([attempt(1, 60, { ...base, rd_expense: 20_000, implemented_inventions: 30 })]);
    expect(flags).toEqual([expect.objectContaining({ code: 'CONTRADICTORY_FACTS', attempts: [1] })]);
    expect(flags[0]!.evidence).toContain('研发费用（20000）大于营业收入（10000）');
    expect(flags[0]!.evidence).toContain('已实施的有效发明专利数（30）大于有效发明专利拥有量（20）');
  });

  it('reads only finite numbers as facts, and lists the ids the rules read', () => {
    expect(numericFacts({ revenue: 5, rd_expense: 'x', employees: Number.NaN }, ['revenue', 'rd_expense', 'employees'])).toEqual({ revenue: 5 });
    expect(factIds()).toEqual(expect.arrayContaining(['revenue', 'employees', 'implemented_inventions']));
  });
});
