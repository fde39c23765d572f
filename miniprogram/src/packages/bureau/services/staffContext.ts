import type { CampaignView } from '@assess/shared';
import { citiesOf, cityByCode, regionByCode } from '@assess/shared';
import { staffApi, type StaffMe, type StaffRole } from './staffApi';
import { preference } from './staffSession';

/**
 * Who is looking and at what: the staff account (role and fixed scope), the campaigns, the
 * campaign chosen, and — within what the role allows — the region or city chosen. The server
 * clamps every query to the account's scope anyway; this only decides what to ask for.
 */
export interface StaffContext {
  me: StaffMe;
  campaigns: CampaignView[];
}

/** A region and city to narrow the dashboards to; null means "all I may see". */
export interface ScopeChoice {
  region: string | null;
  city: string | null;
}

export const roleLabels: Readonly<Record<StaffRole, string>> = {
  national: '国家知识产权局',
  region: '地方知识产权局',
  city: '地市知识产权局',
};

let loading: Promise<StaffContext> | null = null;

/** Loads the account and the campaigns once per session (every page of the workbench needs them). */
export function loadStaffContext(): Promise<StaffContext> {
  loading ??= Promise.all([staffApi.me(), staffApi.campaigns()]).then(
    ([me, { campaigns }]) => ({ me, campaigns: [...campaigns].sort((a, b) => b.opensAt.localeCompare(a.opensAt)) }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export function forgetStaffContext(): void {
  loading = null;
}

const campaignPreference = preference<string>('campaign');
const scopePreference = preference<ScopeChoice>('scope');

/** The campaign remembered, else the one open now, else the latest. */
export function chosenCampaign(campaigns: readonly CampaignView[]): CampaignView | null {
  const remembered = campaignPreference.read();
  return campaigns.find((c) => c.id === remembered) ?? campaigns.find((c) => c.state === 'open') ?? campaigns[0] ?? null;
}

export function rememberCampaign(id: string): void {
  campaignPreference.write(id);
}

/** The scope choice the role allows: a region bureau picks a city of its own; a city bureau picks nothing. */
export function chosenScope(me: StaffMe): ScopeChoice {
  const remembered = scopePreference.read() ?? { region: null, city: null };
  if (me.role === 'city') return { region: me.regionCode, city: me.cityCode };
  if (me.role === 'region') {
    const city = remembered.city && cityByCode(remembered.city)?.regionCode === me.regionCode ? remembered.city : null;
    return { region: me.regionCode, city };
  }
  const region = remembered.region && regionByCode(remembered.region) ? remembered.region : null;
  const city = region && remembered.city && cityByCode(remembered.city)?.regionCode === region ? remembered.city : null;
  return { region, city };
}

export function rememberScope(scope: ScopeChoice): void {
  scopePreference.write(scope);
}

/** '全国' · '广东省' · '广东省 · 广州市' */
export function scopeLabel(scope: ScopeChoice): string {
  if (!scope.region) return '全国';
  const region = regionByCode(scope.region)?.name ?? scope.region;
  const city = scope.city ? cityByCode(scope.city)?.name : null;
  return city && city !== region ? `${region} · ${city}` : region;
}

/** The query parameters for a scope choice: only what narrows beyond the account's own scope. */
export function scopeParams(me: StaffMe, scope: ScopeChoice): { region?: string; city?: string } {
  if (me.role === 'city') return {};
  if (me.role === 'region') return scope.city ? { city: scope.city } : {};
  return { ...(scope.region ? { region: scope.region } : {}), ...(scope.city ? { city: scope.city } : {}) };
}

/** The cities a staff member may narrow to within a region (none when the region has only itself). */
export function citiesFor(regionCode: string | null) {
  if (!regionCode) return [];
  const cities = citiesOf(regionCode);
  return cities.length === 1 && cities[0]?.code === regionCode ? [] : cities;
}
