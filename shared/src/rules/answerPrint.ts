import type { Answers } from '../api/answers';
import type { Questionnaire } from '../questionnaire/questionnaire';
import { canonicalJson } from '../receipt';
import { rawAnswer } from '../scoring/questionVisibility';

/**
 * A small print of an answer set, to count how many answers the next attempt changed without
 * keeping (or reading back) the answers themselves: 2 bytes per question of the questionnaire,
 * in its question order (188 bytes for the default one's 94 questions). Each pair is a 16-bit
 * hash of the raw answer, 0 for no answer. Two different answers share a hash once in 65,535,
 * so a count may miss a change that rarely; the integrity rule it feeds only ever errs towards
 * not flagging.
 */
export type AnswerPrint = Uint8Array;

/** FNV-1a over the UTF-16 code units, folded to 16 bits and kept off 0 (0 means unanswered). */
function hash16(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const folded = ((h >>> 16) ^ h) & 0xffff;
  return folded === 0 ? 1 : folded;
}

export function answerPrint(q: Questionnaire, answers: Answers): AnswerPrint {
  const print = new Uint8Array(q.questions.length * 2);
  q.questions.forEach((cq, i) => {
    const value = rawAnswer(answers, cq.question.id);
    const h = value === undefined || value === null ? 0 : hash16(canonicalJson(value));
    print[i * 2] = h >>> 8;
    print[i * 2 + 1] = h & 0xff;
  });
  return print;
}

/** How many answers differ between two prints of the same questionnaire; null when they cannot be compared. */
export function changedAnswers(previous: AnswerPrint, current: AnswerPrint): number | null {
  if (previous.length !== current.length) return null;
  let changed = 0;
  for (let i = 0; i < current.length; i += 2) if (previous[i] !== current[i] || previous[i + 1] !== current[i + 1]) changed += 1;
  return changed;
}
