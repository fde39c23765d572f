import type { z } from 'zod';
import { endpoints, type Endpoints, type PathParams } from '@assess/shared';
import { ApiError, type ApiClient, type HttpMethod, type HttpResponse, type RequestOptions } from './apiClient';
import { queryString, type QueryValue } from './query';

/**
 * The API as the shared endpoint table declares it (shared/src/api/endpoints.ts): each call names
 * an operation, and its path parameters, query, body and answer are typed from the same zod
 * schemas the BFF validates with — nothing declared a second time here. With `parseResponses`
 * (development builds and tests) every answer is checked against its schema, so a drift between
 * server and client fails at once, as a BAD_RESPONSE naming the operation and the fields.
 */
export type OperationId = keyof Endpoints;
type Op<K extends OperationId> = Endpoints[K];

/** The parsed JSON answer of an operation. */
export type ResponseOf<K extends OperationId> = Op<K> extends { response: infer R extends z.ZodType } ? z.output<R> : unknown;
/** The JSON body an operation takes, as the caller writes it (defaults may be left out). */
export type BodyOf<K extends OperationId> = Op<K> extends { body: infer B extends z.ZodType } ? z.input<B> : never;

type BodyPart<K extends OperationId> = Op<K> extends { body: infer B extends z.ZodType }
  ? { body: z.input<B> }
  : Op<K> extends { upload: infer U extends readonly string[] }
    ? { body: ArrayBuffer; contentType: U[number] }
    : { body?: never };
type ParamsPart<K extends OperationId> = keyof PathParams<Op<K>['path']> extends never ? { params?: never } : { params: PathParams<Op<K>['path']> };
type QueryPart<K extends OperationId> = Op<K> extends { query: infer Q extends z.ZodType } ? { query: z.input<Q> } : { query?: never };

export type CallInput<K extends OperationId> = BodyPart<K> & ParamsPart<K> & QueryPart<K> & Pick<RequestOptions, 'auth' | 'timeoutMs' | 'headers'>;
type Args<K extends OperationId> = Record<string, never> extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>];

interface LooseInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  contentType?: string;
  auth?: boolean;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** The path of an operation with its parameters and query filled in. */
export function pathOf(operation: OperationId, input: LooseInput = {}): string {
  const endpoint = endpoints[operation];
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new TypeError(`${operation}: path parameter ${name} missing`);
    return encodeURIComponent(value);
  });
  return `${path}${input.query ? queryString(input.query as Record<string, QueryValue>) : ''}`;
}

export interface ContractClient {
  /** Calls an operation and answers its typed JSON (a 2xx); throws ApiError otherwise. */
  call<K extends OperationId>(operation: K, ...args: Args<K>): Promise<ResponseOf<K>>;
  /** Calls an operation that answers a file: the whole response, bytes in `data`. */
  download<K extends OperationId>(operation: K, ...args: Args<K>): Promise<HttpResponse>;
  /** The full URL of an operation, for platform downloads. */
  url<K extends OperationId>(operation: K, ...args: Args<K>): string;
}

export function createContractClient(client: ApiClient, options: { parseResponses: boolean; onDrift?: (operation: OperationId, issues: z.core.$ZodIssue[]) => void }): ContractClient {
  function request(operation: OperationId, input: LooseInput, responseType?: 'arraybuffer'): Promise<HttpResponse> {
    const endpoint = endpoints[operation];
    const headers = { ...input.headers, ...(input.contentType ? { 'Content-Type': input.contentType } : {}) };
    return client.send(endpoint.method.toUpperCase() as HttpMethod, pathOf(operation, input), { body: input.body, headers, auth: input.auth, timeoutMs: input.timeoutMs, responseType });
  }
  return {
    async call(operation, ...[input]) {
      const { data } = await request(operation, (input ?? {}) as LooseInput);
      const schema = (endpoints[operation] as { response?: z.ZodType }).response;
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
    url: (operation, ...[input]) => client.url(pathOf(operation, (input ?? {}) as LooseInput)),
  };
}

/** Development builds and tests parse every answer; production trusts the server (and saves the time). */
export const PARSE_RESPONSES = process.env.NODE_ENV !== 'production';

export function reportDrift(operation: OperationId, issues: z.core.$ZodIssue[]): void {
  console.error(`[api] ${operation}: the answer does not match the shared schema (client and server have drifted)`, issues);
}
