import Taro from '@tarojs/taro';

/** Page paths, in one place, with their query parameters typed. */
export const routes = {
  entry: (query: { scene?: string; expired?: '1' } = {}) => withQuery('/pages/entry/index', query),
  home: () => '/pages/home/index',
  questionnaire: (query: { mode: 'start' | 'continue'; dimension?: string; question?: string }) => withQuery('/pages/questionnaire/index', query),
  review: () => '/pages/review/index',
  result: (query: { id: string; fresh?: '1' }) => withQuery('/pages/result/index', query),
  answers: (query: { id: string }) => withQuery('/pages/answers/index', query),
  workbook: () => '/pages/workbook/index',
  /** Public: recompute a receipt file's checksum (no login). */
  verify: () => '/pages/verify/index',
  /** 示范评审材料 (its own subpackage): for a 申报示范 enterprise above the demonstration line. */
  evidence: () => '/packages/evidence/pages/index/index',
  /** Bureau and national staff: the dashboards subpackage (enterprises never download it). */
  staffLogin: () => '/packages/bureau/pages/login/index',
} as const;

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}

let leaving = false;

/** Back to the login page after the session could not be renewed (once, however many requests noticed). */
export function goToLogin(): void {
  if (leaving) return;
  leaving = true;
  void Taro.reLaunch({ url: routes.entry({ expired: '1' }) }).finally(() => {
    leaving = false;
  });
}

/** navigateBack when there is a page to go back to, else open `fallback` (H5 deep links). */
export function backOr(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: fallback });
}

/**
 * Back to the home page: back through the stack when home is in it (so the pages above unload
 * and save), else a fresh home page (a deep link, a page opened from a QR code).
 */
export function goHome(): void {
  const pages = Taro.getCurrentPages() as Array<{ route?: string; path?: string }>;
  const home = routes.home().slice(1);
  const at = pages.findIndex((page) => (page.route ?? page.path ?? '').replace(/^\//, '').startsWith(home));
  if (at >= 0 && at < pages.length - 1) void Taro.navigateBack({ delta: pages.length - 1 - at });
  else if (at < 0) void Taro.reLaunch({ url: routes.home() });
}

/** The review page asks the open questionnaire page to show a question. */
export const FOCUS_EVENT = 'questionnaire:focus';
export interface FocusTarget {
  /** Dimension id, or 'bonus'. */
  group: string;
  question?: string;
}
