import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * The contract test: every response an API test receives from a BFF it started is checked
 * against the document that BFF serves (/api/openapi.json) — the operation of the request's
 * method and path, a documented status, a documented media type, the required headers, and a
 * JSON body valid against the schema. test/helpers/apiSetup.ts installs it in every API test
 * file by wrapping `fetch`, so the shared client (http.ts), the probes (routeProbe.ts) and any
 * raw `fetch` in a test are all covered. Each jest worker validates as it goes; a violation fails
 * the test that received the response (in its afterEach), naming the request, the status and
 * what did not match.
 */

type Json = Record<string, any>;

interface Operation {
  path: string;
  responses: Record<string, { headers?: Record<string, { required?: boolean }>; content?: Record<string, unknown> }>;
}

export interface Contract {
  ajv: Ajv2020;
  document: Json;
  /** Document paths as matchers, literal segments before parameters. */
  paths: Array<{ template: string; pattern: RegExp; params: number }>;
  validators: Map<string, ValidateFunction>;
}

export interface Violation {
  test: string;
  request: string;
  status: number;
  problem: string;
}

const origins = new Set<string>();
const contracts = new Map<string, Promise<Contract>>();
let unreported: Violation[] = [];
const pending = new Set<Promise<void>>();
let originalFetch: typeof fetch | null = null;
let checked = 0;

/** Responses from this BFF are checked against the document it serves. */
export function registerBff(url: string): void {
  origins.add(new URL(url).origin);
}

function pointer(...segments: string[]): string {
  return segments.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

async function loadContract(origin: string): Promise<Contract> {
  const response = await originalFetch!(`${origin}/api/openapi.json`);
  if (!response.ok) throw new Error(`contract: ${origin}/api/openapi.json answered ${response.status}`);
  return contractOf((await response.json()) as Json);
}

/** A validator over one document. */
export function contractOf(document: Json): Contract {
  // multipleOfPrecision: `multipleOf: 0.1` (the pass lines) judged as decimals, not binary floats.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, formats: { binary: true }, multipleOfPrecision: 9 });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  const paths = Object.keys(document.paths as Json)
    .map((template) => {
      const params = (template.match(/\{[^}]+\}/g) ?? []).length;
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { template, pattern: new RegExp(`^${source}$`), params };
    })
    .sort((a, b) => a.params - b.params);
  return { ajv, document, paths, validators: new Map() };
}

/** The document every BFF of this test file serves (they serve the same one; the first one's is read). */
function contractFor(origin: string): Promise<Contract> {
  const key = [...contracts.keys()][0];
  if (key) return contracts.get(key)!;
  const loading = loadContract(origin);
  contracts.set(origin, loading);
  return loading;
}

function validatorFor(contract: Contract, ref: string): ValidateFunction {
  let validate = contract.validators.get(ref);
  if (!validate) {
    validate = contract.ajv.getSchema(`openapi#${ref}`);
    if (!validate) throw new Error(`contract: no schema at ${ref}`);
    contract.validators.set(ref, validate);
  }
  return validate;
}

function errorsText(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 6)
    .map((error) => `${error.instancePath || '(body)'} ${error.message}${error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''}`)
    .join('; ');
}

function effectiveMethod(method: string, headers: Headers): string {
  const override = headers.get('x-http-method-override')?.toUpperCase();
  if (method === 'POST' && override && ['PATCH', 'PUT', 'DELETE'].includes(override)) return override;
  return method;
}

/** What is wrong with one response, or null. */
export async function checkResponse(contract: Contract, method: string, url: URL, response: Response): Promise<string | null> {
  const status = response.status;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const text = async () => Buffer.from(await response.arrayBuffer()).toString('utf8');
  const errorBody = async (codes: string[]): Promise<string | null> => {
    if (type !== 'application/json') return `error answer as ${type || 'no content type'}`;
    const body = JSON.parse((await text()) || 'null') as Json | null;
    const validate = validatorFor(contract, '/components/schemas/Error');
    if (!validate(body)) return `error body: ${errorsText(validate)}`;
    return codes.includes(body!.code) ? null : `code ${body!.code} where ${codes.join('/')} was expected`;
  };

  const match = contract.paths.find((candidate) => candidate.pattern.test(url.pathname));
  if (!match) {
    // Outside the document: the H5 app's files, or an /api path no route has.
    if (!url.pathname.startsWith('/api/')) return null;
    return status === 404 ? errorBody(['ROUTE_NOT_FOUND']) : `${status} for an /api path the document does not have`;
  }
  if (method === 'OPTIONS') return null; // CORS preflights: answered by @koa/cors, outside the API
  const operations = contract.document.paths[match.template] as Record<string, Operation>;
  const lookup = method === 'HEAD' ? 'get' : method.toLowerCase();
  const operation = operations[lookup];
  if (!operation) return status === 405 ? errorBody(['METHOD_NOT_ALLOWED']) : `${status} for ${method}, a method the document does not have on ${match.template}`;

  const documented = operation.responses[String(status)] ?? operation.responses.default;
  if (!documented) return `undocumented status ${status} (documented: ${Object.keys(operation.responses).join(', ')})`;
  for (const [name, declared] of Object.entries(documented.headers ?? {})) {
    const header = (declared as { $ref?: string }).$ref ? (contract.document.components.headers[(declared as { $ref: string }).$ref.split('/').pop()!] as { required?: boolean }) : declared;
    if (header.required && !response.headers.has(name)) return `required header ${name} missing`;
  }
  const content = documented.content ?? {};
  if (Object.keys(content).length === 0) {
    const body = await text();
    return body === '' ? null : `a body where the document has none (${body.length} bytes)`;
  }
  if (method === 'HEAD') return null;
  if (!(type in content)) return `media type ${type || '(none)'} (documented: ${Object.keys(content).join(', ')})`;
  if (type !== 'application/json') return null; // files: their bytes are theirs
  const raw = await text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return `body is not JSON: ${raw.slice(0, 80)}`;
  }
  const validate = validatorFor(contract, `/${pointer('paths', match.template, lookup, 'responses', operation.responses[String(status)] ? String(status) : 'default', 'content', type, 'schema')}`);
  if (!validate(body)) return `body does not match the schema: ${errorsText(validate)}`;
  return null;
}

function describeRequest(method: string, url: URL): string {
  return `${method} ${url.pathname}${url.search.length > 80 ? `${url.search.slice(0, 80)}…` : url.search}`;
}

function currentTest(): string {
  return expect.getState().currentTestName ?? '(outside a test: beforeAll/afterAll)';
}

/** Wraps `fetch` so every response from a registered BFF is checked; installed once per test file. */
export function installContractCheck(): void {
  if (originalFetch) return;
  originalFetch = globalThis.fetch;
  const inner = originalFetch;
  globalThis.fetch = async function checkedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const response = await inner(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (!origins.has(url.origin) || url.pathname === '/api/openapi.json') return response;
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const method = effectiveMethod((init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(), headers);
    const test = currentTest();
    const copy = response.clone();
    const check = (async () => {
      let problem: string | null;
      try {
        problem = await checkResponse(await contractFor(url.origin), method, url, copy);
      } catch (error) {
        // The body never arrived whole (the test aborted it, the server died): nothing to judge.
        if ((error as Error).message.startsWith('contract:')) problem = (error as Error).message;
        else return;
      }
      checked += 1;
      if (problem) unreported.push({ test, request: describeRequest(method, url), status: response.status, problem });
    })();
    pending.add(check);
    void check.finally(() => pending.delete(check));
    return response;
  } as typeof fetch;

  const report = async () => {
    await Promise.all([...pending]);
    if (unreported.length === 0) return;
    const found = unreported;
    unreported = [];
    throw new Error(
      `Responses that do not match the OpenAPI document (/api/openapi.json):\n${found.map((v) => `  ${v.request} → ${v.status}: ${v.problem}${v.test === currentTest() ? '' : `  [in: ${v.test}]`}`).join('\n')}`,
    );
  };
  afterEach(report);
  afterAll(report);
}

/** How many responses this file's tests had checked so far (the contract test's own test reads it). */
export function responsesChecked(): number {
  return checked;
}
