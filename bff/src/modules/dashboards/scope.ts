import { cityByCode, regionByCode } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { StaffActor } from '../../lib/route';

/** What a dashboard request may see: one region (or all, for the national bureau), maybe one city. */
export interface Scope {
  regionCode: string | null;
  cityCode: string | null;
}

/**
 * Clamps a requested region/city to the caller's own scope. A region bureau sees its region
 * only; a city bureau its city only; asking for another is refused, never silently widened.
 * A separately listed city is its own region (深圳 is not part of 广东's scope).
 */
export function resolveScope(actor: StaffActor, requested: { region?: string; city?: string }): Scope {
  const refuse = () => new AppError('FORBIDDEN');
  if (requested.region && !regionByCode(requested.region)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'region', message: '地区代码不正确' }] });
  if (requested.city && !cityByCode(requested.city)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'city', message: '地市代码不正确' }] });
  if (actor.role === 'national') {
    const regionCode = requested.region ?? (requested.city ? (cityByCode(requested.city)?.regionCode ?? null) : null);
    if (requested.city && cityByCode(requested.city)?.regionCode !== regionCode) throw refuse();
    return { regionCode, cityCode: requested.city ?? null };
  }
  if (!actor.region) throw refuse();
  if (requested.region && requested.region !== actor.region) throw refuse();
  if (actor.role === 'region') {
    if (requested.city && cityByCode(requested.city)?.regionCode !== actor.region) throw refuse();
    return { regionCode: actor.region, cityCode: requested.city ?? null };
  }
  if (requested.city && requested.city !== actor.city) throw refuse();
  return { regionCode: actor.region, cityCode: actor.city };
}

/** Whether one enterprise (by its region and city) lies inside a scope. */
export function withinScope(scope: Scope, regionCode: string, cityCode: string | null): boolean {
  if (scope.regionCode && scope.regionCode !== regionCode) return false;
  if (scope.cityCode && scope.cityCode !== cityCode) return false;
  return true;
}

/** The results filter for a scope. */
export function scopeFilter(campaignId: unknown, scope: Scope): Record<string, unknown> {
  const filter: Record<string, unknown> = { campaignId };
  if (scope.regionCode) filter.regionCode = scope.regionCode;
  if (scope.cityCode) filter.cityCode = scope.cityCode;
  return filter;
}
