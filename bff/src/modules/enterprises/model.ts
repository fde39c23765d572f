import { Schema, type Connection, type Model, type Types } from 'mongoose';

export type Track = 'apply_advantage' | 'apply_demonstration' | 'assessment' | 'review';
export type TitleHeld = 'none' | 'advantage' | 'demonstration';

export interface Contact {
  name: string;
  phone: string;
  email: string;
}

export interface Extension {
  until: Date;
  reason: string;
  grantedBy: string;
  grantedAt: Date;
}

/**
 * An enterprise as approved for one campaign: identity, credentials and contacts. Read at login
 * and by admin work; dashboards and submits use the small EnterpriseResult instead.
 */
export interface EnterpriseDoc {
  _id: Types.ObjectId;
  campaignId: Types.ObjectId;
  uscc: string;
  name: string;
  regionCode: string;
  cityCode: string | null;
  track: Track;
  titleHeld: TitleHeld;
  flags: { specialized: boolean; littleGiant: boolean; centralSoe: boolean };
  contacts: Contact[];
  keyHash: string | null;
  keyVersion: number;
  keyIssuedAt: Date | null;
  /** The QR scene (≤32 chars). Always set: FerretDB accepts duplicate missing values in a unique index. */
  sceneToken: string;
  extension: Extension | null;
  createdAt: Date;
  updatedAt: Date;
}

const enterpriseSchema = new Schema<EnterpriseDoc>(
  {
    campaignId: { type: Schema.Types.ObjectId, required: true },
    uscc: { type: String, required: true },
    name: { type: String, required: true },
    regionCode: { type: String, required: true },
    cityCode: { type: String, default: null },
    track: { type: String, required: true },
    titleHeld: { type: String, required: true },
    flags: { specialized: Boolean, littleGiant: Boolean, centralSoe: Boolean },
    contacts: [{ _id: false, name: String, phone: String, email: String }],
    keyHash: { type: String, default: null },
    keyVersion: { type: Number, default: 0 },
    keyIssuedAt: { type: Date, default: null },
    sceneToken: { type: String, required: true },
    extension: {
      type: new Schema({ until: Date, reason: String, grantedBy: String, grantedAt: Date }, { _id: false }),
      default: null,
    },
  },
  { timestamps: true, collection: 'enterprises', versionKey: false },
);
enterpriseSchema.index({ campaignId: 1, uscc: 1 }, { unique: true });
enterpriseSchema.index({ sceneToken: 1 }, { unique: true });
enterpriseSchema.index({ uscc: 1, createdAt: -1 });
enterpriseSchema.index({ campaignId: 1, regionCode: 1 });

export type EnterpriseModel = Model<EnterpriseDoc>;
export const enterpriseModel = (connection: Connection): EnterpriseModel => connection.model<EnterpriseDoc>('Enterprise', enterpriseSchema);
