import { Schema, type Connection, type Model } from 'mongoose';

/** A questionnaire version as data: immutable once stored (a campaign pins its ref). */
export interface QuestionnaireDoc {
  _id: string;
  definition: unknown;
  createdAt: Date;
}

const questionnaireSchema = new Schema<QuestionnaireDoc>(
  {
    _id: { type: String, required: true },
    definition: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'questionnaires', versionKey: false },
);

export type QuestionnaireModel = Model<QuestionnaireDoc>;
export const questionnaireModel = (connection: Connection): QuestionnaireModel =>
  connection.model<QuestionnaireDoc>('Questionnaire', questionnaireSchema);
