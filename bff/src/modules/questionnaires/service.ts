import { compareChinese, loadQuestionnaire, questionnaireRef, type Questionnaire, type QuestionnaireDefinition, type QuestionnaireSummary } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { StaffActor } from '../../lib/route';
import type { AuditService } from '../audit/service';
import type { QuestionnaireModel } from './model';

/**
 * Questionnaire versions are immutable once stored, so a loaded (validated, precompiled)
 * version can stay in this process's memory for good: no instance can hold a stale one.
 */
export function questionnaireService(deps: { questionnaires: QuestionnaireModel; audit: AuditService }) {
  const { questionnaires, audit } = deps;
  const loaded = new Map<string, Promise<{ questionnaire: Questionnaire; definition: QuestionnaireDefinition }>>();

  async function loadFromStore(ref: string) {
    const stored = await questionnaires.findById(ref).lean();
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
      await questionnaires.updateOne(
        { _id: ref },
        { $setOnInsert: { definition: checked.definition, createdAt: new Date() } },
        { upsert: true },
      );
      return ref;
    },
    async exists(ref: string): Promise<boolean> {
      return (await questionnaires.countDocuments({ _id: ref })) > 0;
    },
    async get(ref: string): Promise<Questionnaire> {
      return (await entry(ref)).questionnaire;
    },
    async definition(ref: string): Promise<QuestionnaireDefinition> {
      return (await entry(ref)).definition;
    },
    /** Every stored version by its title (newest year first), for the campaign form's choice. */
    async list(): Promise<QuestionnaireSummary[]> {
      // Stored definitions passed loadQuestionnaire on the way in.
      const stored = await questionnaires.find({}).lean();
      return stored
        .map(({ _id, definition }) => {
          const { title, version, year } = definition as QuestionnaireDefinition;
          return { ref: _id, title, version, year };
        })
        .sort((a, b) => b.year - a.year || compareChinese(a.title, b.title) || (a.ref < b.ref ? -1 : 1));
    },

    /**
     * Stores a new questionnaire version uploaded by the national bureau (checked: references,
     * division by zero, cyclic conditions; an existing version is never overwritten), audited.
     */
    async upload(body: unknown, actor: StaffActor, ip: string): Promise<string> {
      let definition: QuestionnaireDefinition;
      try {
        definition = loadQuestionnaire(body).definition;
      } catch (error) {
        const fault = error as { path?: string; code?: string; message: string };
        throw new AppError('VALIDATION_FAILED', { issues: [{ path: fault.path ?? '(definition)', message: fault.message, code: fault.code }] });
      }
      const ref = questionnaireRef(definition);
      if (await this.exists(ref)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'version', message: `问卷版本 ${ref} 已存在，不能覆盖` }] });
      await this.ensureStored(definition);
      const questions = definition.dimensions.reduce((n, d) => n + d.sections.reduce((m, section) => m + section.questions.length, 0), 0) + definition.bonus.length;
      await audit.record({ action: 'questionnaire.uploaded', actor: { kind: 'staff', id: actor.staffId, ip }, target: ref, details: { ref, title: definition.title, dimensions: definition.dimensions.length, questions } });
      return ref;
    },
  };
}

export type QuestionnaireService = ReturnType<typeof questionnaireService>;
