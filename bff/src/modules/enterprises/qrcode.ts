import QRCode from 'qrcode';
import { AppError } from '../../lib/errors';

export interface WechatConfig {
  appId: string;
  secret: string;
  envVersion: 'release' | 'trial' | 'develop';
}

export interface QrCodeConfig {
  /** null: WeChat is not configured, so codes carry the H5 login URL instead. */
  wechat: WechatConfig | null;
  /** The BFF's public origin, e.g. https://assess.example.cn (no trailing slash needed). */
  publicUrl: string;
}

/** A small shared store (Redis in production) so every BFF instance uses one access token. */
export interface TokenCache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export interface QrCode {
  png: Buffer;
  /** 'wxacode': a mini-program code from WeChat; 'h5-url': a plain QR code of the H5 login URL. */
  kind: 'wxacode' | 'h5-url';
  /** The URL inside an 'h5-url' code. */
  url?: string;
}

/** The page both kinds of code open; the mini-program reads `scene` there (issue 7 §1). */
export const ENTRY_PAGE = 'pages/entry/index';

const TOKEN_URL = 'https://api.weixin.qq.com/cgi-bin/token';
const WXACODE_URL = 'https://api.weixin.qq.com/wxa/getwxacodeunlimit';
/** Refresh the token this long before WeChat's `expires_in` (7,200 s) runs out. */
const TOKEN_MARGIN_SECONDS = 300;
const REQUEST_TIMEOUT_MS = 10_000;
/** errcodes meaning "this access token is no longer good": fetch a new one and retry once. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);
/** WeChat's scene: at most 32 visible characters from this set (no %, so no URL encoding). */
const SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The H5 login URL carrying a scene, as printed on key sheets and encoded in 'h5-url' codes. */
export function h5LoginUrl(publicUrl: string, scene: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${ENTRY_PAGE}?scene=${encodeURIComponent(scene)}`;
}

function unavailable(wechat: number | string): AppError {
  return new AppError('SERVICE_UNAVAILABLE', { wechat }, { message: '微信小程序码服务暂时不可用，请稍后重试' });
}

/** A JSON body (WeChat's error form) rather than an image: the first non-blank byte is `{`. */
function jsonError(body: Buffer): { errcode: number; errmsg?: string } | null {
  const first = body.subarray(0, 16).toString('latin1').trimStart()[0];
  if (first !== '{') return null;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errcode?: unknown; errmsg?: string };
    return { errcode: typeof parsed.errcode === 'number' ? parsed.errcode : -1, errmsg: parsed.errmsg };
  } catch {
    return { errcode: -1 };
  }
}

function memoryCache(): TokenCache {
  const entries = new Map<string, { value: string; until: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      return entry && entry.until > Date.now() ? entry.value : null;
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value, until: Date.now() + ttlSeconds * 1000 });
    },
  };
}

/**
 * QR codes for enterprise entry. With WeChat configured: a mini-program code from
 * `wxacode.getUnlimited` (page `pages/entry/index`, the scene in `scene`), the access token
 * fetched with appid/secret and shared through `cache` until shortly before it expires (each
 * new token retires the previous one, so instances must not fetch their own), refreshed once
 * when WeChat calls it stale. Without WeChat: a PNG of the H5 login URL with the same scene.
 *
 *     const qrcodes = createQrCodeService({ wechat: config.wechat, publicUrl: config.publicUrl }, fetch, redisCache);
 *     const { png, kind } = await qrcodes.qrPng(enterprise.sceneToken);
 */
export function createQrCodeService(config: QrCodeConfig, fetchImpl: typeof fetch = fetch, cache: TokenCache = memoryCache()) {
  const wechat = config.wechat;
  const tokenKey = wechat ? `wechat:access-token:${wechat.appId}` : '';
  let pendingToken: Promise<string> | null = null;

  async function request(url: string, init?: RequestInit): Promise<Buffer> {
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch {
      throw unavailable('network');
    }
    if (!response.ok) throw unavailable(`http ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async function fetchToken(settings: WechatConfig): Promise<string> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: settings.appId, secret: settings.secret });
    const body = await request(`${TOKEN_URL}?${query}`);
    let parsed: { access_token?: unknown; expires_in?: unknown; errcode?: unknown };
    try {
      parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
    } catch {
      throw unavailable('token response');
    }
    if (typeof parsed.access_token !== 'string' || !parsed.access_token) {
      throw unavailable(typeof parsed.errcode === 'number' ? parsed.errcode : 'token response');
    }
    const lifetime = typeof parsed.expires_in === 'number' ? parsed.expires_in : 7200;
    await cache.set(tokenKey, parsed.access_token, Math.max(lifetime - TOKEN_MARGIN_SECONDS, 60));
    return parsed.access_token;
  }

  /**
   * The shared token, or a new one; concurrent callers in this process share one fetch. After
   * WeChat called `stale` stale, a different cached token (another instance refreshed it) is
   * used rather than fetching yet another, which would retire that one.
   */
  async function accessToken(settings: WechatConfig, stale?: string): Promise<string> {
    const cached = await cache.get(tokenKey);
    if (cached && cached !== stale) return cached;
    pendingToken ??= fetchToken(settings).finally(() => {
      pendingToken = null;
    });
    return pendingToken;
  }

  async function wxacode(settings: WechatConfig, scene: string): Promise<QrCode> {
    const payload = JSON.stringify({ scene, page: ENTRY_PAGE, check_path: false, env_version: settings.envVersion, width: 430, is_hyaline: true });
    let stale: string | undefined;
    for (const retry of [false, true]) {
      const token = await accessToken(settings, stale);
      const body = await request(`${WXACODE_URL}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
      });
      const error = jsonError(body);
      if (!error) {
        // is_hyaline asks for a transparent code, which WeChat can only send as PNG.
        if (!body.subarray(0, 8).equals(PNG_SIGNATURE)) throw unavailable('not a png');
        return { png: body, kind: 'wxacode' };
      }
      if (!retry && STALE_TOKEN.has(error.errcode)) {
        stale = token;
        continue;
      }
      throw unavailable(error.errcode);
    }
    throw unavailable('token');
  }

  return {
    /** The enterprise's entry code as a PNG; SERVICE_UNAVAILABLE ({ wechat: errcode }) when WeChat refuses. */
    async qrPng(scene: string): Promise<QrCode> {
      if (!SCENE.test(scene)) throw new Error(`invalid QR scene: ${JSON.stringify(scene)} (1–32 WeChat scene characters)`);
      if (wechat) return wxacode(wechat, scene);
      const url = h5LoginUrl(config.publicUrl, scene);
      const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 430 });
      return { png, kind: 'h5-url', url };
    },
  };
}

export type QrCodeService = ReturnType<typeof createQrCodeService>;
