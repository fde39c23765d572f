import { safeDecode } from './uri';

/** Browsers: `?scene=` in the URL (the router's params, or the address bar on a deep link). */
export function readScene(params: Readonly<Record<string, string | undefined>>): string | null {
  const raw = params.scene ?? new URLSearchParams(window.location.search).get('scene') ?? '';
  return safeDecode(raw).trim() || null;
}
