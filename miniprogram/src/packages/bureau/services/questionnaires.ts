import type { Answers, EnterpriseDetail } from '@assess/shared';
import { loadQuestionnaire, visibleQuestionIds, type Questionnaire } from '../../../services/engine';
import { layOut, type Layout } from '../../../services/layout';
import { staffApi } from './staffApi';

/**
 * Questionnaire definitions for reading an enterprise's answers: fetched once per version
 * (versions are immutable) and laid out as the enterprise saw them.
 */
const loaded = new Map<string, Promise<Questionnaire>>();

export function questionnaireFor(ref: string): Promise<Questionnaire> {
  let pending = loaded.get(ref);
  if (!pending) {
    pending = staffApi.questionnaire(ref).then(loadQuestionnaire);
    pending.catch(() => loaded.delete(ref));
    loaded.set(ref, pending);
  }
  return pending;
}

export interface FinalAnswers {
  /** The questionnaire's title and version, as the receipt names it. */
  definition: { title: string; version: string };
  layout: Layout;
  visible: Set<string>;
  answers: Answers;
}

/** The final attempt's answers with the questions shown to the enterprise (hidden conditionals left out). */
export async function finalAnswers(final: NonNullable<EnterpriseDetail['final']>): Promise<FinalAnswers> {
  const questionnaire = await questionnaireFor(final.questionnaire);
  const answers = final.answers as Answers;
  return { definition: questionnaire.definition, layout: layOut(questionnaire.definition), visible: visibleQuestionIds(questionnaire, answers), answers };
}
