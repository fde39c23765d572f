import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { QuotaTable, YearRules } from '@assess/shared';

export type PassLineState = 'draft' | 'published';

export interface PassLines {
  advantage: number | null;
  demonstration: number | null;
  state: PassLineState;
  publishedAt: Date | null;
  publishedBy: string | null;
  /** 优秀 thresholds per line, fixed when the lines are published. */
  excellentFrom: { advantage: number | null; demonstration: number | null };
}

export interface CampaignDoc {
  _id: Types.ObjectId;
  name: string;
  year: number;
  /** The pinned questionnaire, 'id@version'. */
  questionnaire: string;
  opensAt: Date;
  closesAt: Date;
  settings: { hideScoresDuringWindow: boolean };
  passLines: PassLines;
  /** The year's recommendation quotas (shared quotaTableForYear), edited per region by the national bureau; absent on campaigns from before. */
  quotas?: QuotaTable;
  /** The year's rules across years (复核/考核/申报示范 scopes), set by the national bureau; absent: the notices' defaults for its year (shared defaultYearRules). */
  yearRules?: YearRules;
  createdAt: Date;
  updatedAt: Date;
}

const campaignSchema = new Schema<CampaignDoc>(
  {
    name: { type: String, required: true },
    year: { type: Number, required: true },
    questionnaire: { type: String, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    settings: { hideScoresDuringWindow: { type: Boolean, default: true } },
    passLines: {
      advantage: { type: Number, default: null },
      demonstration: { type: Number, default: null },
      state: { type: String, enum: ['draft', 'published'], default: 'draft' },
      publishedAt: { type: Date, default: null },
      publishedBy: { type: String, default: null },
      excellentFrom: {
        advantage: { type: Number, default: null },
        demonstration: { type: Number, default: null },
      },
    },
    quotas: { type: Schema.Types.Mixed, default: undefined },
    yearRules: { type: Schema.Types.Mixed, default: undefined },
  },
  { timestamps: true, collection: 'campaigns', versionKey: false },
);
campaignSchema.index({ year: -1, createdAt: -1 });

export type CampaignModel = Model<CampaignDoc>;
export const campaignModel = (connection: Connection): CampaignModel => connection.model<CampaignDoc>('Campaign', campaignSchema);
