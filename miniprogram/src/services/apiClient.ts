import { errorCatalogue, messageFor, type ErrorCode, type TokenPair } from '@assess/shared';

/**
 * The HTTP core of the API client, free of Taro so it can be tested: a platform transport sends
 * bytes, this adds the bearer token, refreshes it once on a 401, and turns every failure into an
 * `ApiError` — a server error keeps the server's code, message and details; no response at all
 * is the distinct `OFFLINE` error, so callers can keep work locally and retry.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** A JSON value, or an ArrayBuffer sent as is (uploads). */
  body?: unknown;
  responseType?: 'json' | 'arraybuffer';
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON when the body was JSON; an ArrayBuffer for 'arraybuffer' success responses. */
  data: unknown;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

/** Sends one request. Rejects only when no response arrived (offline, DNS, TLS, timeout). */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** Server codes, plus two the client makes up: no response, and a response it cannot read. */
export type ClientErrorCode = ErrorCode | 'OFFLINE' | 'BAD_RESPONSE';

export const OFFLINE_MESSAGE = '网络连接失败，请检查网络后重试';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    /** From Retry-After or details.retryAfterSeconds, when the server said when to come back. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get offline(): boolean {
    return this.code === 'OFFLINE';
  }

  /** Worth retrying unchanged later: no response, a server fault, or a rate limit. */
  get transient(): boolean {
    return this.code === 'OFFLINE' || this.code === 'RATE_LIMITED' || this.code === 'BAD_RESPONSE' || this.status >= 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function offlineError(): ApiError {
  return new ApiError('OFFLINE', OFFLINE_MESSAGE, 0);
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in errorCatalogue;
}

function codeForStatus(status: number): ClientErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'BODY_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_RESPONSE';
}

function retryAfterOf(response: HttpResponse, details: unknown): number | undefined {
  const fromDetails = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof fromDetails === 'number' && fromDetails >= 0) return fromDetails;
  const header = Number(response.headers['retry-after']);
  return Number.isFinite(header) && header >= 0 ? header : undefined;
}

/** An error response as the `{ code, message, details }` body says, or a fallback by status. */
export function errorFromResponse(response: HttpResponse): ApiError {
  const body = response.data as { code?: unknown; message?: unknown; details?: unknown } | null;
  const code: ClientErrorCode = isErrorCode(body?.code) ? body.code : codeForStatus(response.status);
  const message = typeof body?.message === 'string' && body.message.trim() !== '' ? body.message : code === 'BAD_RESPONSE' ? '服务器返回了无法识别的内容，请稍后重试' : messageFor(code);
  return new ApiError(code, message, response.status, body?.details, retryAfterOf(response, body?.details));
}

export interface SessionStore {
  get(): TokenPair | null;
  set(pair: TokenPair): void;
  clear(): void;
}

export interface ApiClientOptions {
  /** Origin of the BFF: '' on H5 (same origin), the https origin on weapp. */
  base: string;
  transport: Transport;
  session: SessionStore;
  /** Called once when the session cannot be renewed (the user must log in again). */
  onSessionExpired?: () => void;
  timeoutMs?: number;
}

export interface RequestOptions {
  body?: unknown;
  /** Send the bearer token (default true). */
  auth?: boolean;
  headers?: Record<string, string>;
  responseType?: 'json' | 'arraybuffer';
  timeoutMs?: number;
}

export interface ApiClient {
  /** The parsed body of a 2xx response; throws ApiError otherwise. */
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  /** The whole 2xx response (status, headers); throws ApiError otherwise. */
  send(method: HttpMethod, path: string, options?: RequestOptions): Promise<HttpResponse>;
  /** Full URL of an API path, for platform downloads. */
  url(path: string): string;
  /** 'Bearer …' for the current session, or null. */
  authorization(): string | null;
  /** Renews the access token; false when the session is over. Concurrent calls share one refresh. */
  refresh(): Promise<boolean>;
}

const AUTH_FAILURES: ReadonlySet<ClientErrorCode> = new Set(['TOKEN_INVALID', 'UNAUTHENTICATED']);

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { base, transport, session } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let refreshing: Promise<boolean> | null = null;

  async function transmit(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await transport(request);
    } catch {
      throw offlineError();
    }
  }

  async function renew(): Promise<boolean> {
    const pair = session.get();
    if (!pair?.refreshToken) return false;
    const response = await transmit({
      method: 'POST',
      url: `${base}/api/auth/refresh`,
      headers: { 'Content-Type': 'application/json' },
      body: { refreshToken: pair.refreshToken },
      timeoutMs,
    });
    const next = response.data as Partial<TokenPair> | null;
    if (response.status >= 200 && response.status < 300 && typeof next?.token === 'string' && typeof next.refreshToken === 'string') {
      session.set(next as TokenPair);
      return true;
    }
    if (response.status >= 500 || response.status === 429) throw errorFromResponse(response);
    return false;
  }

  function refresh(): Promise<boolean> {
    refreshing ??= renew().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function build(method: HttpMethod, path: string, opts: RequestOptions, token: string | null): HttpRequest {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined && !(opts.body instanceof ArrayBuffer) && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    return { method, url: `${base}${path}`, headers, body: opts.body, responseType: opts.responseType, timeoutMs: opts.timeoutMs ?? timeoutMs };
  }

  function expire(error: ApiError): never {
    session.clear();
    options.onSessionExpired?.();
    throw new ApiError('TOKEN_INVALID', messageFor('TOKEN_INVALID'), error.status, error.details);
  }

  async function send(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    const auth = opts.auth ?? true;
    let retried = false;
    for (;;) {
      const token = auth ? (session.get()?.token ?? null) : null;
      const response = await transmit(build(method, path, opts, token));
      if (response.status >= 200 && response.status < 300) return response;
      const error = errorFromResponse(response);
      if (!auth || retried || !AUTH_FAILURES.has(error.code)) throw error;
      retried = true;
      // Another request may have renewed the token while this one was in flight.
      if (token && session.get()?.token && session.get()?.token !== token) continue;
      if (!token || !(await refresh())) expire(error);
    }
  }

  return {
    send,
    async request<T>(method: HttpMethod, path: string, opts?: RequestOptions): Promise<T> {
      return (await send(method, path, opts)).data as T;
    },
    url: (path) => `${base}${path}`,
    authorization() {
      const token = session.get()?.token;
      return token ? `Bearer ${token}` : null;
    },
    refresh,
  };
}
