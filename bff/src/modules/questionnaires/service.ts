import { loadQuestionnaire, questionnaireRef, type Questionnaire, type QuestionnaireDefinition } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Models } from '../../lib/models';

/**
 * Questionnaire versions are immutable once stored, so a loaded (validated, precompiled)
 * version can stay in this process's memory for good: no instance can hold a stale one.
 */
export function questionnaireService(models: Models) {
  const loaded = new Map<string, Promise<{ questionnaire: Questionnaire; definition: QuestionnaireDefinition }>>();

  async function loadFromStore(ref: string) {
    const stored = await models.questionnaires.findById(ref).lean();
    if (!stored) throw new AppError('QUESTIONNAIRE_NOT_FOUND', { ref });
    const questionnaire = loadQuestionnaire(stored.definition);
    return { questionnaire, definition: questionnaire.definition };
  }

  function entry(ref: string) {
    let pending = loaded.get(ref);
    if (!pending) {
      pending = loadFromStore(ref);
      loaded.set(ref, pending);
      pending.catch(() => loaded.delete(ref));
    }
    return pending;
  }

  return {
    /** Stores a definition under its ref if absent (never overwrites a stored version). */
    async ensureStored(definition: QuestionnaireDefinition): Promise<string> {
      const checked = loadQuestionnaire(definition);
      const ref = questionnaireRef(checked.definition);
      await models.questionnaires.updateOne(
        { _id: ref },
        { $setOnInsert: { definition: checked.definition, createdAt: new Date() } },
        { upsert: true },
      );
      return ref;
    },
    async exists(ref: string): Promise<boolean> {
      return (await models.questionnaires.countDocuments({ _id: ref })) > 0;
    },
    async get(ref: string): Promise<Questionnaire> {
      return (await entry(ref)).questionnaire;
    },
    async definition(ref: string): Promise<QuestionnaireDefinition> {
      return (await entry(ref)).definition;
    },
  };
}

export type QuestionnaireService = ReturnType<typeof questionnaireService>;
