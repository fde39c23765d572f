import { AppError } from '../../lib/errors';
import { createQrCodeService, h5LoginUrl, type TokenCache } from './qrcode';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake image body')]);
const wechat = { appId: 'wx0123456789abcdef', secret: 'not-a-real-secret', envVersion: 'trial' as const };

interface Call {
  url: URL;
  init?: RequestInit;
}

/** A fake WeChat: answers token and wxacode requests from scripted responses, recording calls. */
function fakeWechat(script: { tokens?: Array<Record<string, unknown>>; codes?: Array<Buffer | Record<string, unknown>> }) {
  const calls: Call[] = [];
  const tokens = [...(script.tokens ?? [{ access_token: 'TOKEN-1', expires_in: 7200 }])];
  const codes = [...(script.codes ?? [PNG])];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    const next = url.pathname === '/cgi-bin/token' ? tokens.shift() : codes.shift();
    if (next === undefined) throw new Error(`unexpected call ${url}`);
    const body = Buffer.isBuffer(next) ? next : Buffer.from(JSON.stringify(next));
    return new Response(body, { status: 200, headers: { 'content-type': Buffer.isBuffer(next) ? 'image/png' : 'application/json' } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

function recordingCache(): TokenCache & { sets: Array<{ key: string; value: string; ttlSeconds: number }>; values: Map<string, string> } {
  const values = new Map<string, string>();
  const sets: Array<{ key: string; value: string; ttlSeconds: number }> = [];
  return {
    values,
    sets,
    async get(key) {
      return values.get(key) ?? null;
    },
    async set(key, value, ttlSeconds) {
      sets.push({ key, value, ttlSeconds });
      values.set(key, value);
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('createQrCodeService — WeChat configured (wxacode.getUnlimited)', () => {
  it('When asked for a code, then it fetches a token with appid/secret, caches it until expiry minus a margin, and posts the scene', async () => {
    const wx = fakeWechat({});
    const cache = recordingCache();
    const service = createQrCodeService({ wechat, publicUrl: 'https://assess.example.cn' }, wx.fetchImpl, cache);

    const code = await service.qrPng('aB3-xY_9');

    expect(code).toEqual({ png: PNG, kind: 'wxacode' });
    const [tokenCall, codeCall] = wx.calls;
    expect(tokenCall?.url.origin + (tokenCall?.url.pathname ?? '')).toBe('https://api.weixin.qq.com/cgi-bin/token');
    expect(Object.fromEntries(tokenCall?.url.searchParams ?? [])).toEqual({ grant_type: 'client_credential', appid: wechat.appId, secret: wechat.secret });
    expect(cache.sets).toEqual([{ key: `wechat:access-token:${wechat.appId}`, value: 'TOKEN-1', ttlSeconds: 6900 }]);
    expect(codeCall?.url.pathname).toBe('/wxa/getwxacodeunlimit');
    expect(codeCall?.url.searchParams.get('access_token')).toBe('TOKEN-1');
    expect(codeCall?.init?.method).toBe('POST');
    expect(JSON.parse(String(codeCall?.init?.body))).toMatchObject({ scene: 'aB3-xY_9', page: 'pages/entry/index', check_path: false, env_version: 'trial', width: 430 });
  });

  it('When the token is cached (by any instance), then no token request is made', async () => {
    const wx = fakeWechat({ tokens: [] });
    const cache = recordingCache();
    cache.values.set(`wechat:access-token:${wechat.appId}`, 'SHARED');
    const service = createQrCodeService({ wechat, publicUrl: 'https://x' }, wx.fetchImpl, cache);
    await service.qrPng('scene1');
    expect(wx.calls.map((call) => call.url.pathname)).toEqual(['/wxa/getwxacodeunlimit']);
    expect(wx.calls[0]?.url.searchParams.get('access_token')).toBe('SHARED');
  });

  it.each([40001, 42001])('When WeChat answers errcode %i (stale token), then the token is refreshed once and the call retried', async (errcode) => {
    const wx = fakeWechat({ tokens: [{ access_token: 'TOKEN-2', expires_in: 7200 }], codes: [{ errcode, errmsg: 'access_token expired' }, PNG] });
    const cache = recordingCache();
    cache.values.set(`wechat:access-token:${wechat.appId}`, 'OLD');
    const service = createQrCodeService({ wechat, publicUrl: 'https://x' }, wx.fetchImpl, cache);

    const code = await service.qrPng('scene1');

    expect(code.kind).toBe('wxacode');
    expect(wx.calls.map((call) => call.url.searchParams.get('access_token') ?? 'token request')).toEqual(['OLD', 'token request', 'TOKEN-2']);
    expect(cache.values.get(`wechat:access-token:${wechat.appId}`)).toBe('TOKEN-2');
  });

  it('When the refreshed token is refused too, then SERVICE_UNAVAILABLE with the errcode, after one retry only', async () => {
    const wx = fakeWechat({ tokens: [{ access_token: 'T1', expires_in: 7200 }, { access_token: 'T2', expires_in: 7200 }], codes: [{ errcode: 40001 }, { errcode: 40001 }] });
    const service = createQrCodeService({ wechat, publicUrl: 'https://x' }, wx.fetchImpl, recordingCache());
    const error = await refusal(service.qrPng('scene1'));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.details).toEqual({ wechat: 40001 });
    expect(wx.calls).toHaveLength(4); // token, code, token, code
  });

  it('When WeChat refuses the code (e.g. 45009 rate limit), then SERVICE_UNAVAILABLE without a retry', async () => {
    const wx = fakeWechat({ codes: [{ errcode: 45009, errmsg: 'reach max api daily quota limit' }] });
    const service = createQrCodeService({ wechat, publicUrl: 'https://x' }, wx.fetchImpl, recordingCache());
    const error = await refusal(service.qrPng('scene1'));
    expect(error.details).toEqual({ wechat: 45009 });
    expect(wx.calls).toHaveLength(2);
  });

  it('When the token request fails (wrong secret), then SERVICE_UNAVAILABLE with that errcode and nothing cached', async () => {
    const wx = fakeWechat({ tokens: [{ errcode: 40125, errmsg: 'invalid appsecret' }] });
    const cache = recordingCache();
    const service = createQrCodeService({ wechat, publicUrl: 'https://x' }, wx.fetchImpl, cache);
    const error = await refusal(service.qrPng('scene1'));
    expect(error.details).toEqual({ wechat: 40125 });
    expect(cache.sets).toEqual([]);
  });

  it('When the network fails, then SERVICE_UNAVAILABLE', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const error = await refusal(createQrCodeService({ wechat, publicUrl: 'https://x' }, failing, recordingCache()).qrPng('scene1'));
    expect(error.details).toEqual({ wechat: 'network' });
  });

  it('When many codes are asked for at once on a cold cache, then one token request serves them all', async () => {
    const wx = fakeWechat({ codes: [PNG, PNG, PNG] });
    const service = createQrCodeService({ wechat, publicUrl: 'https://x' }, wx.fetchImpl, recordingCache());
    await Promise.all(['a1', 'a2', 'a3'].map((scene) => service.qrPng(scene)));
    expect(wx.calls.filter((call) => call.url.pathname === '/cgi-bin/token')).toHaveLength(1);
  });
});

describe('createQrCodeService — WeChat not configured (H5 login URL)', () => {
  it('When asked for a code, then it is a PNG of the H5 entry URL carrying the same scene', async () => {
    const neverCalled = (async () => {
      throw new Error('no network expected');
    }) as typeof fetch;
    const service = createQrCodeService({ wechat: null, publicUrl: 'https://assess.example.cn/' }, neverCalled);

    const code = await service.qrPng('Ab$9:x');

    expect(code.kind).toBe('h5-url');
    expect(code.url).toBe('https://assess.example.cn/pages/entry/index?scene=Ab%249%3Ax');
    expect(code.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(code.png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(code.png.readUInt32BE(16)).toBe(code.png.readUInt32BE(20)); // square
    expect(code.png.readUInt32BE(16)).toBeGreaterThanOrEqual(280);
    const other = await service.qrPng('Ab$9:y');
    expect(other.png.equals(code.png)).toBe(false);
    // ~100 ms in plain Node; the first load of qrcode and pngjs under jest took 2.2 s idle and over 5 s on a loaded machine.
  }, 20_000);

  it('When the scene is not a WeChat scene (too long, %, Chinese), then it is refused', async () => {
    const service = createQrCodeService({ wechat: null, publicUrl: 'https://x' });
    await expect(service.qrPng('x'.repeat(33))).rejects.toThrow(/scene/);
    await expect(service.qrPng('a%20b')).rejects.toThrow(/scene/);
    await expect(service.qrPng('企业')).rejects.toThrow(/scene/);
  });

  it('h5LoginUrl joins the origin and the entry page once', () => {
    expect(h5LoginUrl('https://a.cn//', 'q/1')).toBe('https://a.cn/pages/entry/index?scene=q%2F1');
  });
});
