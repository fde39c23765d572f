/**
 * Query strings without URLSearchParams, which WeChat's JavaScript runtime lacks. Empty values
 * are left out, so an unset filter never reaches the server as `track=`.
 */
export type QueryValue = string | number | boolean | null | undefined;

export function queryString(params: Readonly<Record<string, QueryValue>>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

