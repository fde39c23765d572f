import type { z } from 'zod';
import type { Endpoint, PathParams } from '@assess/shared';
import { ApiError, type ApiClient, type HttpMethod, type HttpResponse, type RequestOptions } from './apiClient';
import { queryString, type QueryValue } from './query';

/**
 * The API as the shared endpoint table declares it (shared/src/api/endpoints.ts): each call names
 * an operation, and its path parameters, query, body and answer are typed from the same zod
 * schemas the BFF validates with — nothing declared a second time here. With `parseResponses`
 * (development builds and tests) every answer is checked against its schema, so a drift between
 * server and client fails at once, as a BAD_RESPONSE naming the operation and the fields.
 */
type Table = Readonly<Record<string, Endpoint>>;

/** The parsed JSON answer of an operation. */
export type ResponseOf<E> = E extends { response: infer R extends z.ZodType } ? z.output<R> : unknown;
/** The JSON body an operation takes, as the caller writes it (defaults may be left out). */
export type BodyOf<E> = E extends { body: infer B extends z.ZodType } ? z.input<B> : never;

type BodyPart<E> = E extends { body: infer B extends z.ZodType }
  ? { body: z.input<B> }
  : E extends { upload: infer U extends readonly string[] }
    ? { body: ArrayBuffer; contentType: U[number] }
    : { body?: never };
type ParamsPart<E> = E extends { path: infer P extends string } ? (keyof PathParams<P> extends never ? { params?: never } : { params: PathParams<P> }) : never;
type QueryPart<E> = E extends { query: infer Q extends z.ZodType } ? { query: z.input<Q> } : { query?: never };

export type CallInput<E> = BodyPart<E> & ParamsPart<E> & QueryPart<E> & Pick<RequestOptions, 'auth' | 'timeoutMs' | 'headers'>;
type Args<E> = Record<string, never> extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

interface LooseInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  contentType?: string;
  auth?: boolean;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** The path of an endpoint with its parameters and query filled in. */
export function pathOf(endpoint: Endpoint, input: LooseInput = {}): string {
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new TypeError(`${endpoint.path}: path parameter ${name} missing`);
    return encodeURIComponent(value);
  });
  return `${path}${input.query ? queryString(input.query as Record<string, QueryValue>) : ''}`;
}

export interface ContractClient<T extends Table> {
  /** Calls an operation and answers its typed JSON (a 2xx); throws ApiError otherwise. */
  call<K extends keyof T & string>(operation: K, ...args: Args<T[K]>): Promise<ResponseOf<T[K]>>;
  /** Calls an operation that answers a file: the whole response, bytes in `data`. */
  download<K extends keyof T & string>(operation: K, ...args: Args<T[K]>): Promise<HttpResponse>;
  /** The full URL of an operation, for platform downloads. */
  url<K extends keyof T & string>(operation: K, ...args: Args<T[K]>): string;
}

/**
 * A client of one endpoint table: the enterprise app's (`enterpriseEndpoints`, main package) or
 * the staff's (`staffEndpoints`, bureau subpackage), so neither package carries the other's schemas.
 */
export function createContractClient<T extends Table>(client: ApiClient, table: T, options: { parseResponses: boolean; onDrift?: (operation: string, issues: z.core.$ZodIssue[]) => void }): ContractClient<T> {
  function request(operation: string, input: LooseInput, responseType?: 'arraybuffer'): Promise<HttpResponse> {
    const endpoint = table[operation]!;
    const headers = { ...input.headers, ...(input.contentType ? { 'Content-Type': input.contentType } : {}) };
    return client.send(endpoint.method.toUpperCase() as HttpMethod, pathOf(endpoint, input), { body: input.body, headers, auth: input.auth, timeoutMs: input.timeoutMs, responseType });
  }
  return {
    async call(operation, ...[input]) {
      const { data } = await request(operation, (input ?? {}) as LooseInput);
      const schema = table[operation]!.response;
      if (options.parseResponses && schema) {
        const parsed = schema.safeParse(data);
        if (!parsed.success) {
          options.onDrift?.(operation, parsed.error.issues);
          throw new ApiError('BAD_RESPONSE', '服务器返回了无法识别的内容，请稍后重试', 200, { operation, issues: parsed.error.issues.slice(0, 10) });
        }
      }
      // The answer as received (parsing only checks it), so development and production builds behave alike.
      return data as never;
    },
    download: (operation, ...[input]) => request(operation, (input ?? {}) as LooseInput, 'arraybuffer'),
    url: (operation, ...[input]) => client.url(pathOf(table[operation]!, (input ?? {}) as LooseInput)),
  };
}

/** Development builds and tests parse every answer; production trusts the server (and saves the time). */
export const PARSE_RESPONSES = process.env.NODE_ENV !== 'production';

export function reportDrift(operation: string, issues: z.core.$ZodIssue[]): void {
  console.error(`[api] ${operation}: the answer does not match the shared schema (client and server have drifted)`, issues);
}
