import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { z } from 'zod';
import { errorCatalogue } from '@assess/shared';
import { startTestBff, type TestBff } from './bff';
import { createWorld, type ActorName, type World } from './world';
import {
  ODD_UNICODE,
  OPERATOR_VALUES,
  HOSTILE_KEYS,
  hostileArbitrary,
  isOpenSchema,
  jsonSchemaOf,
  validArbitrary,
} from './schemaArbitraries';
import { isZodSchema, legitimateRequest, openBodyExample, paramFor, paramKind, paramNames, pathWith, queryStringOf, rawBodyOf, routeKey, send, type AnyRoute, type ProbeRequest, type ProbeResponse } from './routeProbe';

/**
 * Property-based fuzzing of every route, from its zod schemas: wrong types, missing and extra
 * fields, `$`-operators and dotted keys in every position, odd Unicode, 10,000-element arrays,
 * deep nesting, and fixed cases (1 MB bodies, malformed JSON, wrong media types). Whatever the
 * schema refuses must come back as a 4xx with a catalogued code and write nothing; whatever it
 * accepts must never be a server error; the server answers /healthz after every route.
 */

const RUNS_REFUSED = Number(process.env.FUZZ_RUNS ?? 20);
const RUNS_ACCEPTED = Math.ceil(RUNS_REFUSED / 3);
/** Routes that build a file per request (XLSX, PNG) take ~100 ms each: fewer runs of the accepted kind. */
const runsAccepted = (route: AnyRoute) => (route.produces ? 4 : RUNS_ACCEPTED);
const CODES = new Set(Object.keys(errorCatalogue));

const actorFor = (route: AnyRoute): ActorName => {
  if (route.access.kind === 'public') return 'anonymous';
  if (route.access.kind === 'enterprise') return 'enterpriseA';
  const roles = route.access.roles;
  return roles.includes('national') ? 'national' : roles.includes('region') ? 'otherRegionBureau' : 'cityBureau';
};

interface Parts {
  /** What was done to the legitimate request. */
  kind: 'body' | 'query' | 'param' | 'none';
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** undefined: no body at all. */
  bodyText?: string;
  contentType?: string;
}

/** Koa's query parsing (URLSearchParams; repeated keys become arrays), to classify what the route will see. */
function koaQuery(path: string): Record<string, string | string[]> {
  const params = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    Object.defineProperty(out, key, { value: values.length <= 1 ? values[0] : values, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function requestOf(route: AnyRoute, token: string | undefined, parts: Parts): ProbeRequest {
  const request: ProbeRequest = { method: route.method.toUpperCase(), path: `${pathWith(route, parts.params)}${queryStringOf(parts.query)}`, token };
  if (parts.bodyText !== undefined) request.raw = { contentType: parts.contentType ?? 'application/json', bytes: parts.bodyText };
  return request;
}

/** Whether the route's own schemas (or the JSON body parser) refuse these parts: then a 4xx is owed. */
function schemaRefuses(route: AnyRoute, parts: Parts): boolean {
  if (route.params && !(route.params as z.ZodType).safeParse(parts.params).success) return true;
  if (route.query && !(route.query as z.ZodType).safeParse(koaQuery(queryStringOf(parts.query))).success) return true;
  if (route.body && isZodSchema(route.body)) {
    if (parts.bodyText === undefined || parts.contentType !== 'application/json') return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(parts.bodyText);
    } catch {
      return true;
    }
    if (typeof parsed !== 'object' || parsed === null) return true; // the body parser is strict: objects and arrays only
    if (Buffer.byteLength(parts.bodyText) > 256 * 1024) return true;
    return !route.body.safeParse(parsed).success;
  }
  return false;
}

// Not '', '.' or '..': those change which route the URL names (the client normalises them away).
const HOSTILE_PARAM_VALUES = [...ODD_UNICODE, ' ', '...', '.%00', '%', '%00', '..\\..\\windows', 'a'.repeat(2_000), '000000000000000000000000', 'ffffffffffffffffffffffff', 'ZZZZZZZZZZZZZZZZZZZZZZZZ', ...OPERATOR_VALUES.map((v) => JSON.stringify(v))];
const HOSTILE_QUERY_VALUES = [...ODD_UNICODE, '', 'NaN', '-1', '1e400', '0x1f', 'null', 'true', '[object Object]', ...OPERATOR_VALUES.map((v) => JSON.stringify(v))];
const HOSTILE_QUERY_KEYS = [...HOSTILE_KEYS, 'campaignId[$ne]', 'region[$gt]', 'sort[$where]', 'page[]'];

function partsArbitrary(world: World, route: AnyRoute, actor: ActorName): fc.Arbitrary<Parts> {
  const legit = legitimateRequest(world, route, actor);
  const params: Record<string, string> = {};
  for (const name of paramNames(route.path)) params[name] = paramFor(world, paramKind(route, name), actor);
  const query: Record<string, unknown> = Object.fromEntries(new URLSearchParams(legit.path.includes('?') ? legit.path.slice(legit.path.indexOf('?') + 1) : ''));
  const raw = rawBodyOf(route);
  const base: Parts = raw ? { kind: 'none', params, query, bodyText: '', contentType: raw.raw[0] } : { kind: 'none', params, query };
  const choices: Array<fc.Arbitrary<Parts>> = [];

  if (route.body && isZodSchema(route.body)) {
    const schema = jsonSchemaOf(route.body);
    const valid = isOpenSchema(schema) ? fc.constant(null).map(() => openBodyExample(route)) : validArbitrary(schema, `${routeKey(route)} body`);
    choices.push(valid.map((body) => ({ ...base, kind: 'body' as const, bodyText: JSON.stringify(body), contentType: 'application/json' })));
    choices.push(hostileArbitrary(valid).map(({ value }) => ({ ...base, kind: 'body' as const, bodyText: value === undefined ? undefined : JSON.stringify(value), contentType: 'application/json' })));
  } else if (!raw && route.method !== 'get') {
    choices.push(fc.constant({ ...base }));
  }
  const withBody = (p: Parts, kind: Parts['kind']): Parts => ({
    ...p,
    kind,
    ...(p.bodyText === undefined && route.body && isZodSchema(route.body) ? { bodyText: JSON.stringify(legit.body ?? {}), contentType: 'application/json' } : {}),
  });

  // Query: values swapped for hostile strings, repeated keys, operator-shaped keys, missing fields.
  const queryFields = route.query ? Object.keys(jsonSchemaOf(route.query as z.ZodType).properties ?? {}) : [];
  const fields = queryFields.length > 0 ? queryFields : ['q'];
  choices.push(
    fc.oneof(
      fc.record({ field: fc.constantFrom(...fields), value: fc.constantFrom(...HOSTILE_QUERY_VALUES) }).map(({ field, value }) => withBody({ ...base, query: { ...query, [field]: value } }, 'query')),
      fc.record({ field: fc.constantFrom(...fields), times: fc.constantFrom(2, 50, 500) }).map(({ field, times }) => withBody({ ...base, query: { ...query, [field]: Array.from({ length: times }, (_, i) => `v${i}`) } }, 'query')),
      fc.record({ key: fc.constantFrom(...HOSTILE_QUERY_KEYS), value: fc.constantFrom(...HOSTILE_QUERY_VALUES) }).map(({ key, value }) => withBody({ ...base, query: { ...query, [key]: value } }, 'query')),
      fc.constantFrom(...fields).map((field) => {
        const { [field]: _dropped, ...rest } = query;
        return withBody({ ...base, query: rest }, 'query');
      }),
    ),
  );

  // Path parameters: every one swapped for hostile text (percent-encoded, as a client would send it).
  const names = paramNames(route.path);
  if (names.length > 0) {
    choices.push(fc.record({ name: fc.constantFrom(...names), value: fc.constantFrom(...HOSTILE_PARAM_VALUES) }).map(({ name, value }) => withBody({ ...base, params: { ...params, [name]: value } }, 'param')));
  }
  return fc.oneof(...choices);
}

/** Fixed hostile bodies every JSON route must refuse: size, shape, encoding, media type. */
function fixedBodies(): Array<{ name: string; bytes: string | Buffer; contentType: string; encoding?: string; status?: number; code?: string; sameAs?: unknown }> {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return [
    { name: '1 MB body', bytes: JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }), contentType: 'application/json', status: 413, code: 'BODY_TOO_LARGE' },
    { name: '1 MB of answers', bytes: JSON.stringify({ answers: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`q${i}`, 'x'.repeat(40)])) }), contentType: 'application/json', status: 413, code: 'BODY_TOO_LARGE' },
    { name: '10,000-element array', bytes: JSON.stringify(Array.from({ length: 10_000 }, (_, i) => i)), contentType: 'application/json' },
    { name: '10,000 keys', bytes: JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))), contentType: 'application/json' },
    { name: '100,000-level array nesting', bytes: deep(100_000), contentType: 'application/json' },
    { name: '20,000-level object nesting', bytes: deepObject(20_000), contentType: 'application/json' },
    { name: 'truncated JSON', bytes: '{"a":', contentType: 'application/json', status: 400, code: 'MALFORMED_JSON' },
    { name: 'NaN', bytes: '{"a":NaN}', contentType: 'application/json', status: 400, code: 'MALFORMED_JSON' },
    { name: 'trailing garbage', bytes: '{"a":1} {"b":2}', contentType: 'application/json', status: 400, code: 'MALFORMED_JSON' },
    { name: 'a bare string', bytes: '"text"', contentType: 'application/json' },
    { name: 'null', bytes: 'null', contentType: 'application/json' },
    // co-body reads an empty JSON body as {}: refused where the schema refuses {}, a no-op where it does not.
    { name: 'an empty body', bytes: '', contentType: 'application/json', sameAs: {} },
    { name: 'invalid UTF-8', bytes: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), contentType: 'application/json' },
    { name: 'UTF-16 declared', bytes: Buffer.from('{"a":1}', 'utf16le'), contentType: 'application/json; charset=utf-16' },
    { name: 'a byte-order mark', bytes: '\uFEFF{"a":1}', contentType: 'application/json' },
    { name: 'prototype pollution', bytes: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}', contentType: 'application/json' },
    { name: 'duplicate keys smuggling an operator', bytes: '{"idempotencyKey":"abcdefgh1","idempotencyKey":{"$ne":null}}', contentType: 'application/json' },
    { name: 'a gzip bomb (10 MB of zeros inflating from ~10 KB)', bytes: gzipSync(Buffer.alloc(10 * 1024 * 1024)), contentType: 'application/json', encoding: 'gzip', status: 413, code: 'BODY_TOO_LARGE' },
    { name: 'an unknown content encoding', bytes: '{"a":1}', contentType: 'application/json', encoding: 'x-unknown', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'JSON sent as text/plain', bytes: '{"a":1}', contentType: 'text/plain', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'a form', bytes: 'a=1&b[$ne]=2', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  ];
}

/**
 * Declares the fuzzing of `routes` (one jest describe with its own BFF and world). The fuzz suites
 * split the route table between them so each runs well under a minute; `extra` adds tests that use
 * the same BFF and world.
 */
export function fuzzRoutes(title: string, routes: readonly AnyRoute[], extra?: (context: () => { bff: TestBff; world: World }) => void): void {
  describe(title, () => {
    let bff: TestBff;
    let world: World;

    beforeAll(async () => {
      bff = await startTestBff();
      world = await createWorld(bff);
      // The summary compactor rewrites summaries in the background; fold everything now and stop it,
      // so the database only changes when a request changes it.
      await bff.services.summaries.stop();
      await bff.services.summaries.compactOnce();
    }, 120_000);
    afterAll(async () => {
      await bff.stop();
    });

    /**
     * The whole database: every document of every collection — for collections whose documents are
     * never updated (attempts, questionnaire versions, the audit log), their ids suffice, and keep this
     * fast. `except` leaves out collections a refusal may append to by design.
     */
    const INSERT_ONLY = new Set(['attempts', 'questionnaires', 'audit_events']);
    async function snapshot(except: readonly string[] = []): Promise<unknown> {
      const db = bff.services.models.results.db.db!;
      const out: Record<string, unknown> = {};
      for (const collection of (await db.collections()).sort((a, b) => a.collectionName.localeCompare(b.collectionName))) {
        if (except.includes(collection.collectionName)) continue;
        const projection = INSERT_ONLY.has(collection.collectionName) ? { _id: 1 } : {};
        out[collection.collectionName] = await collection.find({}, { projection }).sort({ _id: 1 }).toArray();
      }
      return JSON.parse(JSON.stringify(out));
    }

    async function alive(): Promise<void> {
      const health = await fetch(`${bff.url}/healthz`);
      expect(health.status).toBe(200);
    }

    const refusal = (response: ProbeResponse) => ({ status: response.status, code: response.body?.code, known: CODES.has(response.body?.code) });
    /** A refusal as owed: a 4xx whose body carries a catalogued code (the status and code show in a failure's diff). */
    const expectRefused = (response: ProbeResponse) => {
      const { status, code, known } = refusal(response);
      expect({ status, code, refusedWithCode: status >= 400 && status < 500 && known }).toEqual({ status, code, refusedWithCode: true });
    };

    const cases = routes.map((route) => [routeKey(route), route] as const);

    describe.each(cases)('%s', (_key, route) => {
      const actor = actorFor(route);

      it('When its inputs are mutated so that its schema refuses them, then a 4xx with a catalogued code every time, and the database is unchanged', async () => {
        const all = partsArbitrary(world, route, actor);
        // Routes whose inputs are all free strings (ids checked by the handler) have nothing the
        // schema refuses; the next case holds them to a 4xx for hostile ids instead.
        const refusable = fc.sample(all, { numRuns: 300 }).some((parts) => schemaRefuses(route, parts));
        if (!refusable) return;
        const token = legitimateRequest(world, route, actor).token;
        const before = await snapshot();
        await fc.assert(
          fc.asyncProperty(all.filter((parts) => schemaRefuses(route, parts)), async (parts) => {
            const response = await send(bff.url, requestOf(route, token, parts));
            expectRefused(response);
          }),
          { numRuns: RUNS_REFUSED },
        );
        await alive();
        expect(await snapshot()).toEqual(before);
      }, 60_000);

      it('When its inputs are odd but within its schema (or extra fields it ignores), then never a server error; hostile ids are refused; and if nothing was accepted, nothing was written', async () => {
        const arbitrary = partsArbitrary(world, route, actor).filter((parts) => !schemaRefuses(route, parts));
        const token = legitimateRequest(world, route, actor).token;
        // A refused login is audited on purpose (a whole record, not a partial write): leave the audit log out.
        const before = await snapshot(['audit_events']);
        let accepted = 0;
        await fc.assert(
          fc.asyncProperty(arbitrary, async (parts) => {
            const response = await send(bff.url, requestOf(route, token, parts));
            expect(response.status).toBeLessThan(500);
            if (response.status >= 400) expect(CODES.has(response.body?.code)).toBe(true);
            else accepted += 1;
            if (parts.kind === 'param') expectRefused(response);
          }),
          { numRuns: runsAccepted(route) },
        );
        await alive();
        if (accepted === 0) expect(await snapshot(['audit_events'])).toEqual(before);
      }, 60_000);

      if (route.body && isZodSchema(route.body)) {
        it('When it receives 1 MB, 10,000 elements, 100,000 levels of nesting, malformed JSON or the wrong media type, then a 4xx with a code and nothing written', async () => {
          const token = legitimateRequest(world, route, actor).token;
          const params: Record<string, string> = {};
          for (const name of paramNames(route.path)) params[name] = paramFor(world, paramKind(route, name), actor);
          const query = legitimateRequest(world, route, actor).path.split('?')[1];
          const path = `${pathWith(route, params)}${query ? `?${query}` : ''}`;
          const before = await snapshot();
          const seen: Array<{ name: string; status: number; code: unknown; known: boolean }> = [];
          const body = route.body as z.ZodType;
          for (const fixed of fixedBodies().filter((f) => f.sameAs === undefined || !body.safeParse(f.sameAs).success)) {
            const response = await send(bff.url, { method: route.method.toUpperCase(), path, token, raw: { contentType: fixed.contentType, bytes: fixed.bytes }, headers: fixed.encoding ? { 'content-encoding': fixed.encoding } : {} });
            seen.push({ name: fixed.name, ...refusal(response) });
            if (fixed.status) expect({ name: fixed.name, ...refusal(response) }).toEqual({ name: fixed.name, status: fixed.status, code: fixed.code, known: true });
          }
          expect(seen.filter((s) => s.status < 400 || s.status >= 500 || !s.known)).toEqual([]);
          await alive();
          expect(await snapshot()).toEqual(before);
        }, 60_000);
      }
    });

    extra?.(() => ({ bff, world }));
  });
}
