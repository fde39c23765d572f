import type { AnswerValue, Answers } from '@assess/shared';

/**
 * Answer-set arithmetic for the draft: equality, the diff a save sends, and the three-way merge
 * that settles a draft edited on two devices. Pure, so the sync engine and its tests share it.
 */

/** Own-property test (answers come from JSON; `Object.hasOwn` is missing on older WeChat iOS). */
export function hasAnswer(answers: Answers, id: string): boolean {
  return Object.prototype.hasOwnProperty.call(answers, id);
}

/** A multiple choice is a set: the same options in another order are the same answer. */
export function sameValue(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const sorted = [...b].sort();
    return [...a].sort().every((option, i) => option === sorted[i]);
  }
  return false;
}

export interface AnswerDiff {
  set: Answers;
  unset: string[];
}

/** What turns `from` into `to`: the values to set and the ids to remove. */
export function diffAnswers(from: Answers, to: Answers): AnswerDiff {
  const set: Answers = {};
  const unset: string[] = [];
  for (const [id, value] of Object.entries(to)) {
    if (!sameValue(from[id], value)) set[id] = value;
  }
  for (const id of Object.keys(from)) {
    if (!hasAnswer(to, id)) unset.push(id);
  }
  return { set, unset };
}

export function isEmptyDiff(diff: AnswerDiff): boolean {
  return diff.unset.length === 0 && Object.keys(diff.set).length === 0;
}

export function applyDiff(answers: Answers, diff: AnswerDiff): Answers {
  const next: Answers = { ...answers, ...diff.set };
  for (const id of diff.unset) {
    if (!hasAnswer(diff.set, id)) delete next[id];
  }
  return next;
}

/** One question both devices changed, to different values. `undefined` means "no answer". */
export interface ConflictItem {
  questionId: string;
  mine: AnswerValue | undefined;
  theirs: AnswerValue | undefined;
}

export interface MergeResult {
  /** Every non-conflicting change from both sides; on a conflict, `mine` until the user decides. */
  merged: Answers;
  conflicts: ConflictItem[];
}

/**
 * Three-way merge against the last revision both sides agreed on (`base`). A change made on one
 * side only is taken as is; the same change on both is no conflict; different changes to the
 * same question are conflicts for the user to settle. Nothing typed on either side is dropped
 * silently.
 */
export function mergeDrafts(base: Answers, mine: Answers, theirs: Answers): MergeResult {
  const merged: Answers = {};
  const conflicts: ConflictItem[] = [];
  const ids = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const id of ids) {
    const was = base[id];
    const m = mine[id];
    const t = theirs[id];
    const mineChanged = !sameValue(was, m);
    const theirsChanged = !sameValue(was, t);
    let value: AnswerValue | undefined;
    if (mineChanged && theirsChanged && !sameValue(m, t)) {
      conflicts.push({ questionId: id, mine: m, theirs: t });
      value = m;
    } else {
      value = mineChanged ? m : t;
    }
    if (value !== undefined) merged[id] = value;
  }
  return { merged, conflicts };
}

export type ConflictChoice = 'mine' | 'theirs';

/** Applies the user's choice per conflicting question (unlisted ones keep `mine`). */
export function resolveConflicts(merged: Answers, conflicts: readonly ConflictItem[], choices: Readonly<Record<string, ConflictChoice>>): Answers {
  const next: Answers = { ...merged };
  for (const item of conflicts) {
    const value = choices[item.questionId] === 'theirs' ? item.theirs : item.mine;
    if (value === undefined) delete next[item.questionId];
    else next[item.questionId] = value;
  }
  return next;
}
