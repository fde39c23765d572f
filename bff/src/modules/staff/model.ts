import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { StaffRole } from '../../lib/jwt';

/** A bureau or national account. Region and city scope what every dashboard query may see. */
export interface StaffDoc {
  _id: Types.ObjectId;
  username: string;
  displayName: string;
  role: StaffRole;
  regionCode: string | null;
  cityCode: string | null;
  passwordHash: string;
  /** Bumped on password or scope change: older tokens stop working. */
  passwordVersion: number;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const staffSchema = new Schema<StaffDoc>(
  {
    username: { type: String, required: true },
    displayName: { type: String, required: true },
    role: { type: String, enum: ['national', 'region', 'city'], required: true },
    regionCode: { type: String, default: null },
    cityCode: { type: String, default: null },
    passwordHash: { type: String, required: true },
    passwordVersion: { type: Number, default: 0 },
    disabled: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'staff_accounts', versionKey: false },
);
staffSchema.index({ username: 1 }, { unique: true });

export type StaffModel = Model<StaffDoc>;
export const staffModel = (connection: Connection): StaffModel => connection.model<StaffDoc>('StaffAccount', staffSchema);
