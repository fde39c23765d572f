/**
 * Integrity signals for bureaus. The notices warn that answers are cross-checked and that fraud
 * disqualifies (存在弄虚作假行为的，一经发现，立即取消相应资格); these flags point a bureau at
 * what to check, with the evidence. They never change a score.
 */

/** What each attempt contributes: its receipt time, how long it took, and its numeric facts. */
export interface AttemptFacts {
  number: number;
  submittedAt: Date;
  /** Seconds from starting the draft to submitting; null when unknown. */
  seconds: number | null;
  total: number;
  facts: Readonly<Record<string, number>>;
}

export type IntegrityCode = 'SCORE_CLIMB_WITH_CHANGED_FACTS' | 'IMPLAUSIBLY_FAST' | 'CONTRADICTORY_FACTS';

export interface IntegrityFlag {
  code: IntegrityCode;
  /** Attempt numbers the flag rests on. */
  attempts: number[];
  /** In Chinese, for the detail page: which answers, which values. */
  evidence: string;
}

export const integrityLabels: Readonly<Record<IntegrityCode, string>> = {
  SCORE_CLIMB_WITH_CHANGED_FACTS: '多次测评分数持续上升且关键数据反复变化',
  IMPLAUSIBLY_FAST: '作答用时过短',
  CONTRADICTORY_FACTS: '填报数据相互矛盾',
};

export interface IntegrityRules {
  /** Facts a company cannot change from one attempt to the next in a few days. */
  stableFacts: readonly string[];
  /** A full questionnaire answered faster than this is implausible. */
  minSeconds: number;
  /** Rising totals over at least this many attempts, with stable facts changing, is a pattern. */
  climbAttempts: number;
  /** Pairs [part, whole]: the part may not exceed the whole. */
  partOfWhole: ReadonlyArray<readonly [part: string, whole: string]>;
  titles: Readonly<Record<string, string>>;
}

/** The rules for the default questionnaire iso56005-56002@2023 (its question ids). */
export const defaultIntegrityRules: IntegrityRules = {
  stableFacts: ['revenue', 'rd_expense', 'rd_staff', 'invention_grants', 'valid_inventions', 'pct_applications', 'license_income', 'intensive_sales'],
  minSeconds: 180,
  climbAttempts: 3,
  partOfWhole: [
    ['rd_expense', 'revenue'],
    ['intensive_sales', 'revenue'],
    ['rd_staff', 'employees'],
    ['implemented_inventions', 'valid_inventions'],
  ],
  titles: {
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
  },
};

function changedFacts(a: AttemptFacts, b: AttemptFacts, rules: IntegrityRules): string[] {
  return rules.stableFacts.filter((id) => id in a.facts && id in b.facts && a.facts[id] !== b.facts[id]);
}

/** The flags an enterprise's attempts raise, oldest evidence first. Pure; order of input irrelevant. */
export function integrityFlags(attempts: readonly AttemptFacts[], rules: IntegrityRules = defaultIntegrityRules): IntegrityFlag[] {
  const sorted = [...attempts].sort((a, b) => +a.submittedAt - +b.submittedAt || a.number - b.number);
  const flags: IntegrityFlag[] = [];
  const title = (id: string) => rules.titles[id] ?? id;

  const fast = sorted.filter((a) => a.seconds !== null && a.seconds < rules.minSeconds);
  if (fast.length > 0) {
    flags.push({
      code: 'IMPLAUSIBLY_FAST',
      attempts: fast.map((a) => a.number),
      evidence: fast.map((a) => `第 ${a.number} 次用时 ${a.seconds} 秒`).join('；') + `（少于 ${rules.minSeconds} 秒）`,
    });
  }

  // The longest run of strictly rising totals ending at the latest attempt.
  let start = sorted.length - 1;
  while (start > 0 && sorted[start - 1]!.total < sorted[start]!.total) start -= 1;
  const run = sorted.slice(Math.max(start, 0));
  if (run.length >= rules.climbAttempts) {
    const changes = run.slice(1).map((a, i) => ({ from: run[i]!, to: a, ids: changedFacts(run[i]!, a, rules) }));
    const withChanges = changes.filter((c) => c.ids.length > 0);
    if (withChanges.length >= rules.climbAttempts - 1) {
      flags.push({
        code: 'SCORE_CLIMB_WITH_CHANGED_FACTS',
        attempts: run.map((a) => a.number),
        evidence:
          `分数 ${run.map((a) => a.total).join(' → ')}；` +
          withChanges
            .map((c) => `第 ${c.from.number}→${c.to.number} 次改动：${c.ids.map((id) => `${title(id)} ${c.from.facts[id]}→${c.to.facts[id]}`).join('，')}`)
            .join('；'),
      });
    }
  }

  const latest = sorted.at(-1);
  if (latest) {
    const broken = rules.partOfWhole.filter(([part, whole]) => {
      const p = latest.facts[part];
      const w = latest.facts[whole];
      return p !== undefined && w !== undefined && p > w;
    });
    if (broken.length > 0) {
      flags.push({
        code: 'CONTRADICTORY_FACTS',
        attempts: [latest.number],
        evidence: broken.map(([part, whole]) => `${title(part)}（${latest.facts[part]}）大于${title(whole)}（${latest.facts[whole]}）`).join('；'),
      });
    }
  }
  return flags;
}

/** The numeric answers of an answer set: what history keeps of each attempt for these checks. */
export function numericFacts(answers: Readonly<Record<string, unknown>>, ids: readonly string[]): Record<string, number> {
  const facts: Record<string, number> = {};
  for (const id of ids) {
    const value = answers[id];
    if (typeof value === 'number' && Number.isFinite(value)) facts[id] = value;
  }
  return facts;
}

/** Every question id an integrity rule reads. */
export function factIds(rules: IntegrityRules = defaultIntegrityRules): string[] {
  return [...new Set([...rules.stableFacts, ...rules.partOfWhole.flat()])];
}
