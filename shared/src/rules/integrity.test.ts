import { evidenceCites, evidenceText, evidenceVisible, factIds, integrityFlags, minimumSeconds, numericFacts, type AttemptFacts, type IntegrityFlag } from './integrity';

const at = (minute: number) => new Date(Date.UTC(2023, 5, 30, 8, minute));
const attempt = (number: number, total: number, facts: Record<string, number>, seconds: number | null = 900, changed: number | null = null): AttemptFacts => ({
  number,
  submittedAt: at(number * 10),
  seconds,
  changed,
  total,
  facts,
});
const text = (flag: IntegrityFlag | undefined) => (flag?.evidence ?? []).map((item) => evidenceText(item)).join('；');

describe('integrityFlags', () => {
  const base = { revenue: 10_000, rd_expense: 500, rd_staff: 30, employees: 200, valid_inventions: 20, implemented_inventions: 10 };

  it('raises nothing for a plain, consistent, unhurried history', () => {
    expect(integrityFlags([attempt(1, 60, base), attempt(2, 58, base), attempt(3, 61, base)])).toEqual([]);
  });

  it('flags scores climbing over three attempts while stable facts change, with the scores and the changes as separate evidence', () => {
    const flags = integrityFlags([
      attempt(1, 60, base),
      attempt(2, 70, { ...base, valid_inventions: 40 }),
      attempt(3, 80, { ...base, valid_inventions: 80, rd_expense: 900 }),
    ]);
    expect(flags).toEqual([expect.objectContaining({ code: 'SCORE_CLIMB_WITH_CHANGED_FACTS', attempts: [1, 2, 3] })]);
    expect(flags[0]!.evidence).toEqual([
      { kind: 'scores', attempts: [1, 2, 3], totals: [60, 70, 80] },
      { kind: 'factsChanged', from: 1, to: 2, changes: [{ fact: 'valid_inventions', before: 20, after: 40 }] },
      { kind: 'factsChanged', from: 2, to: 3, changes: [{ fact: 'rd_expense', before: 500, after: 900 }, { fact: 'valid_inventions', before: 40, after: 80 }] },
    ]);
    expect(text(flags[0])).toBe('分数 60 → 70 → 80；第 1→2 次改动：有效发明专利拥有量 20→40；第 2→3 次改动：研发费用 500→900，有效发明专利拥有量 40→80');
  });

  it('does not flag climbing scores when the facts stay the same (better answers, same company)', () => {
    expect(integrityFlags([attempt(1, 60, base), attempt(2, 70, base), attempt(3, 80, base)])).toEqual([]);
  });

  it('flags a first attempt finished faster than the whole-questionnaire minimum, with its seconds', () => {
    const flags = integrityFlags([attempt(1, 60, base, 95), attempt(2, 60, base, null)]);
    expect(flags).toEqual([{ code: 'IMPLAUSIBLY_FAST', attempts: [1], evidence: [{ kind: 'duration', attempt: 1, seconds: 95, changed: null, minSeconds: 180 }] }]);
    expect(text(flags[0])).toBe('第 1 次用时 95 秒（少于 180 秒）');
  });

  it('flags a part larger than its whole in the latest attempt', () => {
    const flags = integrityFlags([attempt(1, 60, { ...base, rd_expense: 20_000, implemented_inventions: 30 })]);
    expect(flags).toEqual([expect.objectContaining({ code: 'CONTRADICTORY_FACTS', attempts: [1] })]);
    expect(text(flags[0])).toContain('研发费用（20000）大于营业收入（10000）');
    expect(text(flags[0])).toContain('已实施的有效发明专利数（30）大于有效发明专利拥有量（20）');
  });

  it('reads only finite numbers as facts, and lists the ids the rules read', () => {
    expect(numericFacts({ revenue: 5, rd_expense: 'x', employees: Number.NaN }, ['revenue', 'rd_expense', 'employees'])).toEqual({ revenue: 5 });
    expect(factIds()).toEqual(expect.arrayContaining(['revenue', 'employees', 'implemented_inventions']));
  });
});

describe('the time rule: a retake is judged against what it changed', () => {
  const facts = { revenue: 10_000 };

  it('does not flag a retake that changed four answers in 9 seconds (the product invites retakes from the last answers)', () => {
    expect(integrityFlags([attempt(1, 60, facts, 900), attempt(2, 65, facts, 9, 4)])).toEqual([]);
  });

  it('flags a retake faster than its changed answers allow, saying how many changed', () => {
    const flags = integrityFlags([attempt(1, 60, facts, 900), attempt(2, 80, facts, 20, 40)]);
    expect(flags).toEqual([{ code: 'IMPLAUSIBLY_FAST', attempts: [2], evidence: [{ kind: 'duration', attempt: 2, seconds: 20, changed: 40, minSeconds: 80 }] }]);
    expect(text(flags[0])).toBe('第 2 次改动 40 个答案，用时 20 秒（少于 80 秒）');
  });

  it('never asks more of a retake than of a whole questionnaire, and nothing of a retake that changed nothing', () => {
    expect(minimumSeconds(500)).toBe(180);
    expect(minimumSeconds(4)).toBe(8);
    expect(minimumSeconds(0)).toBe(0);
    expect(minimumSeconds(null)).toBe(180);
    expect(minimumSeconds(undefined)).toBe(180);
    expect(integrityFlags([attempt(1, 60, facts, 900), attempt(2, 60, facts, 0, 0)])).toEqual([]);
  });

  it('judges an attempt whose changes are unknown (history from before prints were kept) as a whole questionnaire', () => {
    expect(integrityFlags([attempt(1, 60, facts, 900), attempt(2, 60, facts, 9, null)]).map((f) => f.code)).toEqual(['IMPLAUSIBLY_FAST']);
  });
});

describe('evidence visibility', () => {
  const hidden = { scores: false, answers: false };
  const shown = { scores: true, answers: true };

  it('says what each kind of evidence cites', () => {
    expect(evidenceCites({ kind: 'duration', attempt: 1, seconds: 9, changed: 4, minSeconds: 8 })).toEqual({ scores: false, answers: false });
    expect(evidenceCites({ kind: 'scores', attempts: [1], totals: [1] })).toEqual({ scores: true, answers: false });
    expect(evidenceCites({ kind: 'factsChanged', from: 1, to: 2, changes: [] })).toEqual({ scores: false, answers: true });
    expect(evidenceCites({ kind: 'contradiction', attempt: 1, part: 'a', whole: 'b', partValue: 2, wholeValue: 1 })).toEqual({ scores: false, answers: true });
  });

  it('withholds evidence citing scores or answers while they are hidden; times stay visible', () => {
    const [climb] = integrityFlags([attempt(1, 33.33, { revenue: 300 }), attempt(2, 71.94, { revenue: 600 }), attempt(3, 104.06, { revenue: 900 })]);
    expect(climb!.evidence.filter((item) => evidenceVisible(item, hidden))).toEqual([]);
    expect(climb!.evidence.filter((item) => evidenceVisible(item, shown))).toHaveLength(3);
    expect(evidenceVisible({ kind: 'duration', attempt: 1, seconds: 9, changed: null, minSeconds: 180 }, hidden)).toBe(true);
    expect(evidenceVisible({ kind: 'scores', attempts: [1], totals: [50] }, { scores: true, answers: false })).toBe(true);
    expect(evidenceVisible({ kind: 'contradiction', attempt: 1, part: 'a', whole: 'b', partValue: 2, wholeValue: 1 }, { scores: true, answers: false })).toBe(false);
  });
});
