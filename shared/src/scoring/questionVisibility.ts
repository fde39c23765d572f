import type { AnswerValue, Answers } from '../api/answers';
import type { Questionnaire } from '../questionnaire/questionnaire';
import { readAnswer } from './answer';

/**
 * Which questions are shown for an answer set, and the answers that count.
 *
 * The rule: a question is visible when its section's and its own `visibleIf` hold; conditions
 * read only visible, valid answers. An answer to a hidden question is kept (drafts and attempts
 * store it unchanged) but is read as unanswered, so changing it can change nothing: not what is
 * shown, not a score.
 */
export interface AnswerState {
  /** By question index. */
  readonly visible: readonly boolean[];
  /** By question index: the valid answer of a visible question, else undefined. */
  readonly readings: ReadonlyArray<AnswerValue | undefined>;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The raw answer for an id, ignoring anything inherited (answers may come from JSON). Not
 * `Object.hasOwn`: older WeChat JavaScript engines lack it.
 */
export function rawAnswer(answers: Answers, id: string): unknown {
  return hasOwn.call(answers, id) ? answers[id] : undefined;
}

export function answerState(q: Questionnaire, answers: Answers): AnswerState {
  const count = q.questions.length;
  const visible = new Array<boolean>(count).fill(false);
  const readings = new Array<AnswerValue | undefined>(count).fill(undefined);
  // Dependencies first, so every condition reads answers already settled.
  for (const index of q.visibilityOrder) {
    const cq = q.questions[index];
    if (!cq) continue;
    const shown = cq.isVisible === null || cq.isVisible(readings);
    visible[index] = shown;
    if (shown) readings[index] = readAnswer(cq, rawAnswer(answers, cq.question.id));
  }
  return { visible, readings };
}

/** Ids of the questions shown for these answers. */
export function visibleQuestionIds(q: Questionnaire, answers: Answers): Set<string> {
  const { visible } = answerState(q, answers);
  const ids = new Set<string>();
  q.questions.forEach((cq, i) => {
    if (visible[i]) ids.add(cq.question.id);
  });
  return ids;
}
