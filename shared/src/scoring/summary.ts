import type { Answers } from '../api/answers';
import type { Questionnaire } from '../questionnaire/questionnaire';
import type { AnswerIssue } from './validate';
import { answerState } from './questionVisibility';

/**
 * Helpers for the "what is left to do" screens: issues and progress listed by dimension, so the
 * mini-program can say 「领导作用：2 题未作答」 and jump to them.
 */

export type IssueGroupKind = 'dimension' | 'bonus' | 'unknown';

export interface IssueGroup {
  kind: IssueGroupKind;
  /** The dimension's id; null for the bonus items and for unknown ids. */
  dimensionId: string | null;
  title: string;
  issues: AnswerIssue[];
}

/** Issues grouped by dimension in definition order (then 加分项, then unknown ids); empty groups omitted. */
export function questionIssueSummary(q: Questionnaire, issues: readonly AnswerIssue[]): IssueGroup[] {
  const groups: IssueGroup[] = [
    ...q.dimensions.map((d): IssueGroup => ({ kind: 'dimension', dimensionId: d.id, title: d.title, issues: [] })),
    { kind: 'bonus', dimensionId: null, title: '加分项', issues: [] },
    { kind: 'unknown', dimensionId: null, title: '无法识别的题目', issues: [] },
  ];
  const bonusGroup = q.dimensions.length;
  for (const issue of issues) {
    const index = q.questionIndex.get(issue.questionId);
    const cq = index === undefined ? undefined : q.questions[index];
    const at = cq === undefined ? bonusGroup + 1 : (cq.dimensionIndex ?? bonusGroup);
    groups[at]?.issues.push(issue);
  }
  return groups.filter((group) => group.issues.length > 0);
}

export interface DimensionProgress {
  dimensionId: string | null;
  title: string;
  /** Visible questions with a valid answer. */
  answered: number;
  /** Visible questions. */
  visible: number;
  /** Ids of visible required questions without a valid answer, in definition order. */
  missingRequired: string[];
}

/** Progress per dimension (and one entry for the bonus items, dimensionId null). */
export function answerProgress(q: Questionnaire, answers: Answers): DimensionProgress[] {
  const { visible, readings } = answerState(q, answers);
  const progress: DimensionProgress[] = [
    ...q.dimensions.map((d) => ({ dimensionId: d.id, title: d.title, answered: 0, visible: 0, missingRequired: [] })),
    { dimensionId: null, title: '加分项', answered: 0, visible: 0, missingRequired: [] },
  ];
  for (const cq of q.questions) {
    if (!visible[cq.index]) continue;
    const entry = progress[cq.dimensionIndex ?? q.dimensions.length];
    if (!entry) continue;
    entry.visible += 1;
    if (readings[cq.index] !== undefined) entry.answered += 1;
    else if (cq.question.required) entry.missingRequired.push(cq.question.id);
  }
  return progress;
}
