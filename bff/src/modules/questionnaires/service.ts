import { compareChinese, loadQuestionnaire, questionnaireRef, type Questionnaire, type QuestionnaireDefinition, type QuestionnaireSummary } from '@assess/shared';
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
    /** Every stored version by its title (newest year first), for the campaign form's choice. */
    async list(): Promise<QuestionnaireSummary[]> {
      const stored = (await models.questionnaires.find({}).lean()) as Array<{ _id: string; definition: QuestionnaireDefinition }>;
      return stored
        .map(({ _id, definition }) => ({ ref: String(_id), title: definition.title, version: definition.version, year: definition.year }))
        .sort((a, b) => b.year - a.year || compareChinese(a.title, b.title) || (a.ref < b.ref ? -1 : 1));
    },
  };
}

export type QuestionnaireService = ReturnType<typeof questionnaireService>;
