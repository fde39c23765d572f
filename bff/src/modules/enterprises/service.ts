import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Types } from 'mongoose';
import { regionByCode, toBeijingIso, type ImportReport } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { mapLimited } from '../../lib/mapLimited';
import { collectionOf, withTimeout } from '../../lib/mongo';
import type { StaffActor } from '../../lib/route';
import { generateKey, hashKey } from '../../lib/secrets';
import type { AuditService } from '../audit/service';
import type { CampaignService } from '../campaigns/service';
import type { RecordService } from '../records/service';
import type { ResultRepository } from '../results/repository';
import type { EnterpriseDoc, EnterpriseModel } from './model';
import { importEnterprises } from './importer';

const JOB_TTL_SECONDS = 24 * 60 * 60;
/** Hash keys a few at a time: argon2 runs on libuv's thread pool (4 threads by default). */
const HASH_CONCURRENCY = 8;

export interface KeySheetRow {
  enterpriseId: string;
  uscc: string;
  name: string;
  cityCode: string | null;
  sceneToken: string;
  /** The new key, shown once; null when the enterprise already had one. */
  key: string | null;
}

/** What a login needs of an enterprise. */
export type EnterpriseCandidate = Pick<EnterpriseDoc, '_id' | 'campaignId' | 'keyHash' | 'keyVersion' | 'regionCode'>;

export function enterpriseService(deps: {
  enterprises: EnterpriseModel;
  clock: Clock;
  redis: Redis;
  logger: Logger;
  audit: AuditService;
  campaigns: CampaignService;
  results: Pick<ResultRepository, 'applyImport' | 'revokeKey' | 'setExtension' | 'recountEnterprises' | 'campaignChanged' | 'rebuildCampaign'>;
  records: Pick<RecordService, 'checkImport' | 'recordImportGrants'>;
}) {
  const { clock, redis, logger, audit, campaigns, results, records } = deps;
  const enterprises = collectionOf(deps.enterprises);
  const jobKey = (jobId: string) => `import:${jobId}`;

  async function saveJob(report: ImportReport): Promise<void> {
    await withTimeout(redis.set(jobKey(report.jobId), JSON.stringify(report), 'EX', JOB_TTL_SECONDS), 1_000);
  }

  async function loadEnterprise(id: Types.ObjectId): Promise<EnterpriseDoc> {
    const enterprise = await enterprises.findOne({ _id: id });
    if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND');
    return enterprise;
  }

  return {
    loadEnterprise,

    /** The enterprise behind a QR scene (the scene is its secret login path). */
    bySceneToken: (sceneToken: string): Promise<EnterpriseDoc | null> => enterprises.findOne({ sceneToken }),

    /** The enterprise with a USCC in every campaign (or in one), with what a login checks. */
    byUscc: (uscc: string, campaignId?: Types.ObjectId): Promise<EnterpriseCandidate[]> =>
      enterprises.find<EnterpriseCandidate>(campaignId ? { uscc, campaignId } : { uscc }, { projection: { campaignId: 1, keyHash: 1, keyVersion: 1, regionCode: 1 } }).toArray(),

    /** One campaign's enterprise by USCC (null when not imported). */
    inCampaign: (campaignId: Types.ObjectId, uscc: string): Promise<EnterpriseDoc | null> => enterprises.findOne({ campaignId, uscc }),

    /** What the QR landing page shows before login: no key hash, no contacts. */
    entryOf: (sceneToken: string) =>
      enterprises.findOne<Pick<EnterpriseDoc, 'name' | 'regionCode' | 'campaignId' | 'extension'>>({ sceneToken }, { projection: { name: 1, regionCode: 1, campaignId: 1, extension: 1 } }),

    /** Where an enterprise sits, for scope checks, with its USCC (null: no such enterprise). */
    placeOf: (id: Types.ObjectId) =>
      enterprises.findOne<Pick<EnterpriseDoc, '_id' | 'uscc' | 'campaignId' | 'regionCode' | 'cityCode'>>({ _id: id }, { projection: { uscc: 1, campaignId: 1, regionCode: 1, cityCode: 1 } }),

    /** What a bureau's view of an enterprise shows beside its result: contacts and extension (never the key hash). */
    contactsOf: (id: Types.ObjectId) => enterprises.findOne<Pick<EnterpriseDoc, 'contacts' | 'extension'>>({ _id: id }, { projection: { contacts: 1, extension: 1 } }),

    /** A campaign's enterprises, by region and USCC. */
    ofCampaign: (campaignId: Types.ObjectId): Promise<EnterpriseDoc[]> => enterprises.find({ campaignId }).sort({ regionCode: 1, uscc: 1 }).toArray(),

    /**
     * Runs an import of already-parsed rows. With `wait`, returns the finished report; otherwise
     * returns at once with a job whose progress and report live in Redis (any instance answers).
     */
    async runImport(campaignId: Types.ObjectId, rows: Array<{ row: number; data: Record<string, unknown> }>, actor: StaffActor, ip: string, wait: boolean): Promise<ImportReport> {
      const campaign = await campaigns.getFresh(campaignId);
      const report: ImportReport = {
        jobId: randomBytes(12).toString('hex'),
        state: 'running',
        total: rows.length,
        processed: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        errors: [],
        warnings: [],
        failure: null,
      };
      const work = async (): Promise<ImportReport> => {
        try {
          const outcome = await importEnterprises({ enterprises: deps.enterprises, results, records, clock }, campaign, rows, async (processed) => {
            report.processed = processed;
            if (!wait) await saveJob(report).catch(() => undefined);
          });
          await results.recountEnterprises(campaign._id);
          await results.campaignChanged(campaign._id);
          if (outcome.movedAfterSubmit > 0) await results.rebuildCampaign(campaign._id);
          Object.assign(report, { state: 'done', processed: outcome.total, inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged, errors: outcome.errors, warnings: outcome.warnings });
          await audit.record({
            action: 'enterprises.imported',
            actor: { kind: 'staff', id: actor.staffId, ip },
            campaignId: campaign._id,
            details: { total: outcome.total, inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged, refused: outcome.errors.length, warnings: outcome.warnings.length },
          });
        } catch (error) {
          logger.error({ err: error, jobId: report.jobId }, 'import failed');
          report.state = 'failed';
          report.failure = { code: 'INTERNAL', message: '导入中断：请重新上传同一文件（重复导入不会产生重复数据）' };
        }
        if (!wait) await saveJob(report).catch(() => undefined);
        return report;
      };
      if (wait) return work();
      await saveJob(report);
      void work();
      return report;
    },

    async importJob(jobId: string): Promise<ImportReport> {
      if (!/^[0-9a-f]{24}$/.test(jobId)) throw new AppError('IMPORT_NOT_FOUND');
      const raw = await withTimeout(redis.get(jobKey(jobId)), 1_000).catch(() => null);
      if (!raw) throw new AppError('IMPORT_NOT_FOUND');
      return JSON.parse(raw) as ImportReport;
    },

    /**
     * Issues keys for a region's enterprises that have none (or, with reissueAll, new keys for all:
     * the old ones stop working). Keys are returned once, for the printable sheet, and stored only
     * as hashes.
     */
    async issueKeys(campaignId: Types.ObjectId, regionCode: string, reissueAll: boolean, actor: StaffActor, ip: string): Promise<KeySheetRow[]> {
      if (!regionByCode(regionCode)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'regionCode', message: '地区代码不正确' }] });
      await campaigns.getFresh(campaignId);
      const inRegion = await enterprises.find({ campaignId, regionCode }).sort({ cityCode: 1, uscc: 1 }).toArray();
      const now = clock.now();
      const rows = await mapLimited(inRegion, HASH_CONCURRENCY, async (enterprise): Promise<KeySheetRow> => {
        const base = { enterpriseId: String(enterprise._id), uscc: enterprise.uscc, name: enterprise.name, cityCode: enterprise.cityCode, sceneToken: enterprise.sceneToken };
        if (enterprise.keyHash && !reissueAll) return { ...base, key: null };
        const key = generateKey();
        const keyHash = await hashKey(key);
        const keyVersion = enterprise.keyVersion + (enterprise.keyHash ? 1 : 0);
        await enterprises.updateOne({ _id: enterprise._id }, { $set: { keyHash, keyVersion, keyIssuedAt: now, updatedAt: now } });
        if (keyVersion !== enterprise.keyVersion) await results.revokeKey(enterprise._id, keyVersion);
        return { ...base, key };
      });
      await audit.record({
        action: 'keys.issued',
        actor: { kind: 'staff', id: actor.staffId, ip },
        campaignId,
        target: regionCode,
        details: { issued: rows.filter((r) => r.key).length, reissueAll },
      });
      return rows;
    },

    /**
     * The scene behind an enterprise's QR code, for its download: the code logs whoever holds it
     * in with the key alone, so every download is an audit record.
     */
    async sceneForQrCode(enterpriseId: Types.ObjectId, actor: StaffActor, ip: string): Promise<string> {
      const enterprise = await loadEnterprise(enterpriseId);
      await audit.record({ action: 'qrcode.downloaded', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: enterprise.campaignId, target: String(enterpriseId) });
      return enterprise.sceneToken;
    },

    /** A new key for one enterprise; every token issued before stops working. */
    async resetKey(enterpriseId: Types.ObjectId, actor: StaffActor, ip: string): Promise<{ key: string; enterprise: EnterpriseDoc }> {
      const enterprise = await loadEnterprise(enterpriseId);
      const key = generateKey();
      const keyHash = await hashKey(key);
      const now = clock.now();
      const updated = await enterprises.findOneAndUpdate({ _id: enterpriseId }, { $set: { keyHash, keyIssuedAt: now, updatedAt: now }, $inc: { keyVersion: 1 } }, { returnDocument: 'after' });
      if (!updated) throw new AppError('ENTERPRISE_NOT_FOUND');
      await results.revokeKey(enterpriseId, updated.keyVersion);
      await redis.del(`rl:keyfail:${String(enterpriseId)}`, `rl:keylock:${String(enterpriseId)}`).catch(() => undefined);
      await audit.record({ action: 'key.reset', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: enterprise.campaignId, target: String(enterpriseId), details: { keyVersion: updated.keyVersion } });
      return { key, enterprise: updated };
    },

    /** Extends one enterprise's window: its deadline becomes the later of the close and `until`. */
    async grantExtension(enterpriseId: Types.ObjectId, until: Date, reason: string, actor: StaffActor, ip: string): Promise<{ deadline: string }> {
      const enterprise = await loadEnterprise(enterpriseId);
      const campaign = await campaigns.getFresh(enterprise.campaignId);
      if (!(until > campaign.closesAt)) throw new AppError('EXTENSION_INVALID', { closesAt: toBeijingIso(campaign.closesAt) });
      const now = clock.now();
      const extension = { until, reason, grantedBy: actor.staffId, grantedAt: now };
      await enterprises.updateOne({ _id: enterpriseId }, { $set: { extension, updatedAt: now } });
      const deadline = await results.setExtension(enterpriseId, until, campaign.closesAt);
      await audit.record({ action: 'extension.granted', actor: { kind: 'staff', id: actor.staffId, ip }, campaignId: campaign._id, target: String(enterpriseId), details: { until, reason } });
      return { deadline: toBeijingIso(deadline) };
    },
  };
}

export type EnterpriseService = ReturnType<typeof enterpriseService>;
