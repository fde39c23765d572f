/**
 * The QR code's scene for the entry page (neutral default: the page's `scene` parameter,
 * URI-decoded as WeChat delivers it encoded). See launch.weapp.ts / launch.h5.ts.
 */
import { safeDecode } from './uri';

export function readScene(params: Readonly<Record<string, string | undefined>>): string | null {
  const scene = params.scene ? safeDecode(params.scene).trim() : '';
  return scene || null;
}
