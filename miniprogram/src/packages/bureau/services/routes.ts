import Taro from '@tarojs/taro';
import { queryString } from './query';

/** The subpackage's page paths, in one place. */
const ROOT = '/packages/bureau/pages';

export const bureauRoutes = {
  login: (query: { expired?: '1' } = {}) => `${ROOT}/login/index${queryString(query)}`,
  overview: () => `${ROOT}/index/index`,
  enterprises: () => `${ROOT}/enterprises/index`,
  enterprise: (id: string) => `${ROOT}/enterprise/index${queryString({ id })}`,
  quota: () => `${ROOT}/quota/index`,
  regions: () => `${ROOT}/regions/index`,
  passLines: () => `${ROOT}/passlines/index`,
  admin: () => `${ROOT}/admin/index`,
  /** National: one region's reported package (versions, PDF, sealed scan, confirm / return). */
  package: (region: string) => `${ROOT}/package/index${queryString({ region })}`,
  publicity: () => `${ROOT}/publicity/index`,
  /** 示范评审材料: the enterprises' sets, marks, 补正 and notes. */
  evidence: () => `${ROOT}/evidence/index`,
  risks: () => `${ROOT}/risks/index`,
  /** The public 公示 page (no login; its own subpackage). */
  publicPublicity: (campaign: string) => `/packages/public/pages/publicity/index${queryString({ campaign })}`,
} as const;

let leaving = false;

/** Back to the staff login once the session cannot be renewed (once, however many requests noticed). */
export function goToStaffLogin(): void {
  if (leaving) return;
  leaving = true;
  void Taro.reLaunch({ url: bureauRoutes.login({ expired: '1' }) }).finally(() => {
    leaving = false;
  });
}

/** Switches between the workbench's sections without growing the page stack. */
export function switchTo(url: string): void {
  void Taro.redirectTo({ url });
}

/** navigateBack when there is a page to go back to, else open `fallback` (H5 deep links). */
export function backOr(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: fallback });
}
