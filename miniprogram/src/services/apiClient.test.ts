import type { TokenPair } from '@assess/shared';
import { ApiError, createApiClient, type HttpRequest, type HttpResponse, type SessionStore } from './apiClient';

function session(initial: TokenPair | null): SessionStore & { value: TokenPair | null } {
  const s = {
    value: initial,
    get: () => s.value,
    set: (p: TokenPair) => void (s.value = p),
    clear: () => void (s.value = null),
  };
  return s;
}

const pair = (token: string): TokenPair => ({ token, refreshToken: `r-${token}`, expiresAt: '2026-06-30T00:00:00+08:00' });
const json = (status: number, data: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, data, headers });

describe('apiClient', () => {
  it('When logged in, then the bearer token is sent and JSON bodies are typed as JSON', async () => {
    const seen: HttpRequest[] = [];
    const client = createApiClient({ base: 'https://x', session: session(pair('t1')), transport: async (r) => (seen.push(r), json(200, { ok: 1 })) });
    await expect(client.request('POST', '/api/attempts', { body: { clientKey: 'abcdefgh' } })).resolves.toEqual({ ok: 1 });
    expect(seen[0]).toMatchObject({ url: 'https://x/api/attempts', headers: { Authorization: 'Bearer t1', 'Content-Type': 'application/json' } });
  });

  it('When the server answers an error, then it becomes an ApiError with its code, message and details', async () => {
    const client = createApiClient({
      base: '',
      session: session(null),
      transport: async () => json(401, { code: 'KEY_WRONG', message: '密钥不正确', details: { triesLeft: 3 } }),
    });
    const error = await client.request('POST', '/api/auth/enterprise/login', { auth: false, body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'KEY_WRONG', message: '密钥不正确', status: 401, details: { triesLeft: 3 } });
  });

  it('When there is no response at all, then the error is OFFLINE, distinct from server errors', async () => {
    const client = createApiClient({ base: '', session: session(null), transport: async () => Promise.reject(new Error('request:fail')) });
    const error = (await client.request('GET', '/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('OFFLINE');
    expect(error.offline).toBe(true);
    expect(error.transient).toBe(true);
  });

  it('When a 429 carries Retry-After, then the error says how long to wait', async () => {
    const client = createApiClient({ base: '', session: session(null), transport: async () => json(429, { code: 'KEY_LOCKED', message: '锁定', details: { lockedUntil: 'x' } }, { 'retry-after': '120' }) });
    await expect(client.request('POST', '/l', { auth: false })).rejects.toMatchObject({ code: 'KEY_LOCKED', retryAfterSeconds: 120 });
  });

  it('When the access token expired, then it is refreshed once and the request retried', async () => {
    const s = session(pair('old'));
    const transport = jest.fn(async (r: HttpRequest): Promise<HttpResponse> => {
      if (r.url === '/api/auth/refresh') return json(200, pair('new'));
      return r.headers.Authorization === 'Bearer new' ? json(200, { me: 1 }) : json(401, { code: 'TOKEN_INVALID', message: '登录已失效' });
    });
    const client = createApiClient({ base: '', session: s, transport });
    await expect(client.request('GET', '/api/me')).resolves.toEqual({ me: 1 });
    expect(s.value?.token).toBe('new');
    expect(transport).toHaveBeenCalledTimes(3);
  });

  it('When two requests fail together, then they share one refresh', async () => {
    let refreshes = 0;
    const transport = async (r: HttpRequest): Promise<HttpResponse> => {
      if (r.url === '/api/auth/refresh') return (refreshes++, json(200, pair('new')));
      return r.headers.Authorization === 'Bearer new' ? json(200, {}) : json(401, { code: 'TOKEN_INVALID', message: '' });
    };
    const client = createApiClient({ base: '', session: session(pair('old')), transport });
    await Promise.all([client.request('GET', '/a'), client.request('GET', '/b')]);
    expect(refreshes).toBe(1);
  });

  it('When the refresh is refused, then the session is cleared and the app told to log in again', async () => {
    const s = session(pair('old'));
    const onSessionExpired = jest.fn();
    const client = createApiClient({ base: '', session: s, onSessionExpired, transport: async () => json(401, { code: 'TOKEN_INVALID', message: '登录已失效，请重新登录' }) });
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(s.value).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('When the refresh fails for lack of network, then the session is kept (the user is not logged out offline)', async () => {
    const s = session(pair('old'));
    const client = createApiClient({
      base: '',
      session: s,
      transport: async (r) => (r.url === '/api/auth/refresh' ? Promise.reject(new Error('offline')) : json(401, { code: 'TOKEN_INVALID', message: '' })),
    });
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(s.value?.token).toBe('old');
  });

  it('When the session is refreshed twice, then each refresh sends the refresh token the previous one handed out (each is good once)', async () => {
    const s = session(pair('t0'));
    const sent: string[] = [];
    let serial = 0;
    const transport = async (r: HttpRequest): Promise<HttpResponse> => {
      if (r.url === '/api/auth/refresh') {
        sent.push((r.body as { refreshToken: string }).refreshToken);
        return json(200, pair(`t${++serial}`));
      }
      return r.headers.Authorization === `Bearer t${serial}` && serial > 0 && !r.url.endsWith(`again${serial}`) ? json(200, {}) : json(401, { code: 'TOKEN_INVALID', message: '' });
    };
    const client = createApiClient({ base: '', session: s, transport });
    await client.request('GET', '/a');
    await client.request('GET', '/again1');
    expect(sent).toEqual(['r-t0', 'r-t1']);
  });

  it('When the refresh answers 503 (Redis is down), then the session is kept and the error is transient', async () => {
    const s = session(pair('old'));
    const client = createApiClient({
      base: '',
      session: s,
      transport: async (r) => (r.url === '/api/auth/refresh' ? json(503, { code: 'LOGIN_UNAVAILABLE', message: '登录服务暂时不可用' }) : json(401, { code: 'TOKEN_INVALID', message: '' })),
    });
    const error = (await client.request('GET', '/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ code: 'LOGIN_UNAVAILABLE', transient: true });
    expect(s.value?.token).toBe('old');
  });

  it('When an error body is not JSON, then the status decides the code and the catalogue the message', async () => {
    const client = createApiClient({ base: '', session: session(null), transport: async () => json(502, '<html>Bad gateway</html>') });
    await expect(client.request('GET', '/x', { auth: false })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('稍后重试') });
  });
});
