import { contradictions, contradictionText, defaultConsistencyRules, factTitles, type ConsistencyRules } from './consistency';

/**
 * Integrity signals for bureaus. The notices warn that answers are cross-checked and that fraud
 * disqualifies (存在弄虚作假行为的，一经发现，立即取消相应资格); these flags point a bureau at
 * what to check, with the evidence. They never change a score.
 *
 * Evidence is structured, not prose: each item says which scores or answers it cites, so a view
 * shows it under the same visibility as the scores and answers themselves (`evidenceVisible`) and
 * renders the Chinese text only then (`evidenceText`).
 */

/** What each attempt contributes: its receipt time, how long it took, and its numeric facts. */
export interface AttemptFacts {
  number: number;
  submittedAt: Date;
  /** Seconds from starting the draft to submitting; null when unknown. */
  seconds: number | null;
  /**
   * Answers changed since the previous attempt; null for a first attempt or when unknown, and
   * then the attempt is judged as a whole questionnaire.
   */
  changed?: number | null;
  total: number;
  facts: Readonly<Record<string, number>>;
}

export type IntegrityCode = 'SCORE_CLIMB_WITH_CHANGED_FACTS' | 'IMPLAUSIBLY_FAST' | 'CONTRADICTORY_FACTS';

/** One piece of evidence of a flag. */
export type IntegrityEvidence =
  /** An attempt submitted faster than the answers it changed allow. Cites times only. */
  | { kind: 'duration'; attempt: number; seconds: number; changed: number | null; minSeconds: number }
  /** The totals of a run of attempts. Cites scores. */
  | { kind: 'scores'; attempts: number[]; totals: number[] }
  /** Stable facts that changed from one attempt to the next. Cites answers. */
  | { kind: 'factsChanged'; from: number; to: number; changes: Array<{ fact: string; before: number; after: number }> }
  /** A part larger than its whole in one attempt. Cites answers. */
  | { kind: 'contradiction'; attempt: number; part: string; whole: string; partValue: number; wholeValue: number };

export interface IntegrityFlag {
  code: IntegrityCode;
  /** Attempt numbers the flag rests on. */
  attempts: number[];
  evidence: IntegrityEvidence[];
}

export const integrityLabels: Readonly<Record<IntegrityCode, string>> = {
  SCORE_CLIMB_WITH_CHANGED_FACTS: '多次测评分数持续上升且关键数据反复变化',
  IMPLAUSIBLY_FAST: '作答用时过短',
  CONTRADICTORY_FACTS: '填报数据相互矛盾',
};

export interface IntegrityRules extends ConsistencyRules {
  /** Facts a company cannot change from one attempt to the next in a few days. */
  stableFacts: readonly string[];
  /** A whole questionnaire answered faster than this is implausible. */
  minSeconds: number;
  /**
   * A retake starts from the last answers: it is judged against what it changed, at this many
   * seconds per changed answer (never more than `minSeconds`). The whole-questionnaire bar is
   * 180 s for 94 questions, about 2 s a question: the same pace.
   */
  secondsPerChangedAnswer: number;
  /** Rising totals over at least this many attempts, with stable facts changing, is a pattern. */
  climbAttempts: number;
}

/** The rules for the default questionnaire iso56005-56002@2023 (its question ids). */
export const defaultIntegrityRules: IntegrityRules = {
  ...defaultConsistencyRules,
  stableFacts: ['revenue', 'rd_expense', 'rd_staff', 'invention_grants', 'valid_inventions', 'pct_applications', 'license_income', 'intensive_sales'],
  minSeconds: 180,
  secondsPerChangedAnswer: 2,
  climbAttempts: 3,
};

/**
 * The fewest seconds an attempt can honestly take: the whole questionnaire's bar, or, for an
 * attempt that changed `changed` answers, that many answers' worth (a retake changing nothing
 * can be submitted at once).
 */
export function minimumSeconds(changed: number | null | undefined, rules: Pick<IntegrityRules, 'minSeconds' | 'secondsPerChangedAnswer'> = defaultIntegrityRules): number {
  if (changed === null || changed === undefined) return rules.minSeconds;
  return Math.min(rules.minSeconds, changed * rules.secondsPerChangedAnswer);
}

function changedFacts(a: AttemptFacts, b: AttemptFacts, rules: IntegrityRules) {
  return rules.stableFacts.filter((id) => id in a.facts && id in b.facts && a.facts[id] !== b.facts[id]).map((fact) => ({ fact, before: a.facts[fact]!, after: b.facts[fact]! }));
}

/** The flags an enterprise's attempts raise, oldest evidence first. Pure; order of input irrelevant. */
export function integrityFlags(attempts: readonly AttemptFacts[], rules: IntegrityRules = defaultIntegrityRules): IntegrityFlag[] {
  const sorted = [...attempts].sort((a, b) => +a.submittedAt - +b.submittedAt || a.number - b.number);
  const flags: IntegrityFlag[] = [];

  const fast = sorted.flatMap((a): IntegrityEvidence[] => {
    const floor = minimumSeconds(a.changed, rules);
    return a.seconds !== null && a.seconds < floor ? [{ kind: 'duration', attempt: a.number, seconds: a.seconds, changed: a.changed ?? null, minSeconds: floor }] : [];
  });
  if (fast.length > 0) flags.push({ code: 'IMPLAUSIBLY_FAST', attempts: fast.map((e) => (e as { attempt: number }).attempt), evidence: fast });

  // The longest run of strictly rising totals ending at the latest attempt.
  let start = sorted.length - 1;
  while (start > 0 && sorted[start - 1]!.total < sorted[start]!.total) start -= 1;
  const run = sorted.slice(Math.max(start, 0));
  if (run.length >= rules.climbAttempts) {
    const changes = run.slice(1).map((a, i) => ({ from: run[i]!, to: a, changes: changedFacts(run[i]!, a, rules) }));
    const withChanges = changes.filter((c) => c.changes.length > 0);
    if (withChanges.length >= rules.climbAttempts - 1) {
      flags.push({
        code: 'SCORE_CLIMB_WITH_CHANGED_FACTS',
        attempts: run.map((a) => a.number),
        evidence: [
          { kind: 'scores', attempts: run.map((a) => a.number), totals: run.map((a) => a.total) },
          ...withChanges.map((c): IntegrityEvidence => ({ kind: 'factsChanged', from: c.from.number, to: c.to.number, changes: c.changes })),
        ],
      });
    }
  }

  const latest = sorted.at(-1);
  if (latest) {
    const broken = contradictions(latest.facts, rules);
    if (broken.length > 0) {
      flags.push({
        code: 'CONTRADICTORY_FACTS',
        attempts: [latest.number],
        evidence: broken.map((c) => ({ kind: 'contradiction', attempt: latest.number, ...c })),
      });
    }
  }
  return flags;
}

/** What a piece of evidence cites. Times alone are neither scores nor answers. */
export function evidenceCites(item: IntegrityEvidence): { scores: boolean; answers: boolean } {
  switch (item.kind) {
    case 'duration':
      return { scores: false, answers: false };
    case 'scores':
      return { scores: true, answers: false };
    case 'factsChanged':
    case 'contradiction':
      return { scores: false, answers: true };
  }
}

/**
 * Whether a viewer may see a piece of evidence: only when it may see everything the evidence
 * cites. Bureaus see scores and the answers behind them together (`resultsVisibleTo`).
 */
export function evidenceVisible(item: IntegrityEvidence, view: { scores: boolean; answers: boolean }): boolean {
  const cites = evidenceCites(item);
  return (!cites.scores || view.scores) && (!cites.answers || view.answers);
}

/** One piece of evidence in Chinese, for the detail page. */
export function evidenceText(item: IntegrityEvidence, titles: Readonly<Record<string, string>> = factTitles): string {
  const title = (id: string) => titles[id] ?? id;
  switch (item.kind) {
    case 'duration':
      return item.changed === null
        ? `第 ${item.attempt} 次用时 ${item.seconds} 秒（少于 ${item.minSeconds} 秒）`
        : `第 ${item.attempt} 次改动 ${item.changed} 个答案，用时 ${item.seconds} 秒（少于 ${item.minSeconds} 秒）`;
    case 'scores':
      return `分数 ${item.totals.join(' → ')}`;
    case 'factsChanged':
      return `第 ${item.from}→${item.to} 次改动：${item.changes.map((c) => `${title(c.fact)} ${c.before}→${c.after}`).join('，')}`;
    case 'contradiction':
      return contradictionText(item, titles);
  }
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
