import { campaignState, draftPolicy, effectiveDeadline, isDraftDirty, regionByCode, resultTier, toBeijingIso, trackLabels, type EntryInfo, type MeResponse, type ProgrammeOutcome } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { EnterpriseActor } from '../../lib/route';
import type { CampaignService } from '../campaigns/service';
import type { AttemptService } from '../attempts/service';
import type { EnterpriseService } from '../enterprises/service';
import type { ResultDoc } from '../results/model';
import type { CampaignDoc } from '../campaigns/model';
import type { ResultRepository } from '../results/repository';

/** 华为技术有限公司 → 华为****公司: enough to recognise one's own company, not to learn others'. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 4) return `${chars[0] ?? ''}${'*'.repeat(Math.max(chars.length - 1, 0))}`;
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
}

export function homeService(deps: {
  clock: Clock;
  campaigns: CampaignService;
  attempts: Pick<AttemptService, 'listOwn'>;
  enterprises: Pick<EnterpriseService, 'entryOf'>;
  results: Pick<ResultRepository, 'draftHeader'>;
  /** The programme's outcome as the national bureau has made it visible (publicity module), for the result `attempts.listOwn` read. */
  programme: (campaign: CampaignDoc, result: ResultDoc) => Promise<ProgrammeOutcome | null>;
}) {
  const { clock, campaigns, attempts, enterprises, results, programme } = deps;

  return {
    /** What the QR landing page shows before login: the masked name and the window. */
    async entry(scene: string): Promise<EntryInfo> {
      const enterprise = await enterprises.entryOf(scene);
      if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND');
      const campaign = await campaigns.get(enterprise.campaignId);
      const now = clock.now();
      const deadline = effectiveDeadline(campaign.closesAt, enterprise.extension?.until ?? null);
      return {
        enterprise: { maskedName: maskName(enterprise.name), regionName: regionByCode(enterprise.regionCode)?.name ?? '' },
        campaign: {
          name: campaign.name,
          year: campaign.year,
          opensAt: toBeijingIso(campaign.opensAt),
          closesAt: toBeijingIso(deadline),
          state: campaignState(now, campaign.opensAt, deadline),
        },
        serverTime: toBeijingIso(now),
      };
    },

    /** The enterprise's home screen in one response. */
    async me(actor: EnterpriseActor): Promise<MeResponse> {
      const { attempts: history, finalAttemptId, result } = await attempts.listOwn(actor);
      const [campaign, draft] = await Promise.all([campaigns.get(result.campaignId), results.draftHeader(actor.enterpriseId)]);
      const now = clock.now();
      const outcome = await programme(campaign, result);
      return {
        enterprise: {
          id: actor.enterpriseId,
          name: result.name,
          uscc: result.uscc,
          regionName: regionByCode(result.regionCode)?.name ?? '',
          track: trackLabels[result.track] ?? result.track,
        },
        campaign: {
          id: String(campaign._id),
          name: campaign.name,
          year: campaign.year,
          opensAt: toBeijingIso(campaign.opensAt),
          closesAt: toBeijingIso(campaign.closesAt),
          deadline: toBeijingIso(result.deadline),
          state: campaignState(now, result.opensAt, result.deadline),
          questionnaire: campaign.questionnaire,
        },
        serverTime: toBeijingIso(now),
        attempts: history,
        finalAttemptId,
        draft: draft
          ? {
              revision: draft.revision,
              startedAt: draft.startedAt ? toBeijingIso(draft.startedAt) : null,
              updatedAt: draft.updatedAt ? toBeijingIso(draft.updatedAt) : null,
              dirty: isDraftDirty(draft.updatedAt ?? null, result.lastSubmittedAt),
            }
          : null,
        policy: draftPolicy,
        programme: outcome,
        outcome: outcomeOf(result, campaign.passLines),
      };
    },
  };
}

function outcomeOf(result: ResultDoc, passLines: { state: string; advantage: number | null; demonstration: number | null; excellentFrom?: { advantage: number | null; demonstration: number | null } }): MeResponse['outcome'] {
  const passLine = passLines[result.line];
  if (passLines.state !== 'published' || passLine === null || !result.final) return null;
  const tier = resultTier(result.final.total, passLine, passLines.excellentFrom?.[result.line] ?? null);
  return { passLine, line: result.line, passed: tier !== 'fail', tier };
}

export type HomeService = ReturnType<typeof homeService>;
