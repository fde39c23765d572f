import type { StaffRole } from '../api/staff';

/**
 * Who sees results: the scores, the answers behind them, and any evidence that cites either.
 * One rule for every dashboard field and export (and for integrity evidence, see
 * `evidenceVisible`): the national bureau always; local bureaus once the window has closed, or
 * during it when the campaign does not hide scores (设置：测评期间对地方局隐藏分数).
 */
export function resultsVisibleTo(role: StaffRole, campaign: { closesAt: Date; settings?: { hideScoresDuringWindow?: boolean } | null }, now: Date): boolean {
  if (role === 'national') return true;
  return now.getTime() >= campaign.closesAt.getTime() || campaign.settings?.hideScoresDuringWindow === false;
}

/**
 * Pass lines leave the national bureau only once published: a draft line is the national
 * bureau's working figure, not a decision.
 */
export function passLinesVisibleTo(role: StaffRole | 'enterprise', passLines: { state?: 'draft' | 'published' } | null | undefined): boolean {
  return role === 'national' || passLines?.state === 'published';
}
