import { safeDecode } from './uri';

/**
 * WeChat: a mini-program code (wxacode.getUnlimited) delivers `scene` URI-encoded; an ordinary
 * QR code linked to the mini-program delivers the whole URL in `q`, whose query holds `scene`.
 */
export function readScene(params: Readonly<Record<string, string | undefined>>): string | null {
  if (params.scene) return safeDecode(params.scene).trim() || null;
  if (params.q) {
    const match = /[?&]scene=([^&#]+)/.exec(safeDecode(params.q));
    if (match?.[1]) return safeDecode(match[1]).trim() || null;
  }
  return null;
}
