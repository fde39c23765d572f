import type { Types } from 'mongoose';
import type { CampaignDoc } from '../campaigns/model';
import type { EnterpriseFacts, ResultDoc } from './model';

/** What a result copies of its enterprise, and nothing else an import row carries (contacts stay with the enterprise). */
export function factsOf(facts: EnterpriseFacts): EnterpriseFacts {
  const { uscc, name, regionCode, cityCode, track, titleHeld, line, flags } = facts;
  return { uscc, name, regionCode, cityCode, track, titleHeld, line, flags: { specialized: flags.specialized, littleGiant: flags.littleGiant, centralSoe: flags.centralSoe } };
}

/** A new enterprise's result: nothing started, the campaign's window, key version 0. */
export function newResult(_id: Types.ObjectId, campaign: Pick<CampaignDoc, '_id' | 'opensAt' | 'closesAt'>, facts: EnterpriseFacts, now: Date): ResultDoc {
  return {
    _id,
    campaignId: campaign._id,
    ...factsOf(facts),
    keyVersion: 0,
    opensAt: campaign.opensAt,
    deadline: campaign.closesAt,
    extensionUntil: null,
    status: 'not_started',
    firstLoginAt: null,
    draftStartedAt: null,
    attemptSeq: 0,
    recentKeys: [],
    recentSubmits: [],
    history: [],
    lastSubmittedAt: null,
    final: null,
    integrity: [],
    lastAnswers: null,
    flagged: false,
    rev: 0,
    updatedAt: now,
  };
}
