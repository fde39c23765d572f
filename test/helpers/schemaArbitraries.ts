import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries derived from a route's zod schemas (through their JSON Schema), so the
 * fuzzer follows the route table: a new route, or a new field, is fuzzed without a test change.
 * A schema keyword the generator does not know throws `UntaughtSchemaError`: the test fails until
 * the generator is taught, rather than silently fuzzing less.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  format?: string;
  default?: unknown;
  description?: string;
}

export class UntaughtSchemaError extends Error {
  override name = 'UntaughtSchemaError';
}

const KNOWN_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'items', 'minItems', 'maxItems',
  'format', 'default', 'description', '$schema',
]);
const KNOWN_FORMATS = new Set(['date-time']);

/** The JSON Schema of a zod schema as a request sees it (input side: defaults optional, coercions as declared). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  // An empty metadata registry: named shared models (`.meta({ id })`) inline instead of becoming $refs.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', metadata: z.registry() }) as JsonSchema & { $schema?: string };
  return rest;
}

/**
 * True when the schema cannot be walked into values: it says nothing (`z.unknown()`, `z.any()`),
 * or it is recursive (`$defs`, e.g. a questionnaire definition's conditions). Such a route's
 * probes start from an example (routeProbe.ts OPEN_BODY_EXAMPLES).
 */
export function isOpenSchema(schema: JsonSchema): boolean {
  if ('$defs' in schema || '$ref' in schema) return true;
  return Object.keys(schema).filter((k) => k !== 'description' && k !== 'default').length === 0;
}

function assertTaught(schema: JsonSchema, where: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN_KEYWORDS.has(keyword)) throw new UntaughtSchemaError(`${where}: JSON Schema keyword "${keyword}" is not known to the fuzzer; teach test/helpers/schemaArbitraries.ts`);
  }
  if (schema.format && !KNOWN_FORMATS.has(schema.format)) throw new UntaughtSchemaError(`${where}: format "${schema.format}" is not known to the fuzzer`);
}

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return isoDate;
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? min + 24, min + 24);
  const base = schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
  const all = [...(schema.allOf ?? [])].map((part) => (part.pattern ? new RegExp(part.pattern) : null)).filter((p): p is RegExp => p !== null);
  if (all.length === 0 && !schema.pattern) return base;
  // A pattern plus length bounds, or several patterns (zod `.regex().regex()`): make them meet.
  return base
    .map((text) => (all.length > 0 ? `${text}${'a1'.repeat(Math.max(0, min))}` : text))
    .map((text) => (schema.maxLength !== undefined ? text.slice(0, schema.maxLength) : text))
    .filter((text) => text.length >= min && all.every((p) => p.test(text)) && (!schema.pattern || new RegExp(schema.pattern).test(text)));
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e6);
  const max = Math.min(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : 1e6), 1e9);
  if (schema.multipleOf) {
    const step = schema.multipleOf;
    return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => Math.round(n * step * 1e9) / 1e9);
  }
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/**
 * Values the schema accepts (mostly: a pattern plus refinements may still miss; callers that need
 * certainty filter with the zod schema itself).
 */
export function validArbitrary(schema: JsonSchema, where = 'schema'): fc.Arbitrary<unknown> {
  assertTaught(schema, where);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((option, i) => validArbitrary(option, `${where}.anyOf[${i}]`)));
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map((option, i) => validArbitrary(option, `${where}.oneOf[${i}]`)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validArbitrary({ ...schema, type }, where)));
  switch (types[0]) {
    case undefined:
      return fc.jsonValue({ maxDepth: 2 });
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? validArbitrary(schema.items, `${where}[]`) : fc.jsonValue({ maxDepth: 1 });
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
    }
    case 'object':
      return objectArbitrary(schema, where);
    default:
      throw new UntaughtSchemaError(`${where}: type "${types[0]}" is not known to the fuzzer`);
  }
}

function objectArbitrary(schema: JsonSchema, where: string): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {});
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of entries) record[name] = validArbitrary(property, `${where}.${name}`);
  const known = fc.record(record, { requiredKeys: entries.map(([name]) => name).filter((name) => required.has(name)) });
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') {
    const keys = schema.propertyNames ? (validArbitrary(schema.propertyNames, `${where}{key}`) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 12 });
    const dictionary = fc.dictionary(keys, validArbitrary(extra, `${where}{value}`), { maxKeys: 4 });
    return fc.tuple(known, dictionary).map(([fixed, more]) => ({ ...more, ...fixed }));
  }
  return known as fc.Arbitrary<Record<string, unknown>>;
}

// ─── hostile values ────────────────────────────────────────────────────────────────────────────

/** Strings people do not type but scripts do: lone surrogates, NUL, bidi overrides, zero-width, … */
export const ODD_UNICODE = [
  '\uD800',
  'a\uDC00b',
  '\u0000',
  'x\u0000y',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  '\uFEFFbom',
  'e\u0301\u0301\u0301\u0301\u0301',
  '𝕒𝕓𝕔😀👨‍👩‍👧‍👦',
  '１２３４５６',
  '\u180E',
  '\r\n\t\u000b\u000c',
  '\u2028\u2029',
  '测试企业有限公司'.repeat(40),
  '%00%2e%2e%2f',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '=cmd|\' /C calc\'!A0',
  "'; db.dropDatabase(); //",
  '{"$ne":null}',
] as const;

/** MongoDB operators as values: what a NoSQL injection puts where a scalar belongs. */
export const OPERATOR_VALUES: ReadonlyArray<Record<string, unknown>> = [
  { $ne: null },
  { $gt: '' },
  { $regex: '.*' },
  { $where: 'sleep(1000) || true' },
  { $exists: true },
  { $in: [null, '', 0] },
  { $expr: { $eq: [1, 1] } },
  { $function: { body: 'return true', args: [], lang: 'js' } },
  { $set: { keyVersion: 0 } },
];

/** Keys that must never become field names: operators, dotted paths, prototype pollution. */
export const HOSTILE_KEYS = ['$where', '$ne', '$set', 'a.b', 'answers.$', 'final.total', '$', '.', '__proto__', 'constructor', 'prototype'] as const;

const WRONG_TYPES: readonly unknown[] = ['text', '', 0, -1, 1.5, 1e308, true, false, null, [], [1, 'a'], {}, { a: 1 }];

export type Mutation =
  | { kind: 'wrongType'; path: Path; value: unknown }
  | { kind: 'operator'; path: Path; value: Record<string, unknown> }
  | { kind: 'hostileKey'; path: Path; key: string }
  | { kind: 'missing'; path: Path }
  | { kind: 'oddUnicode'; path: Path; value: string }
  | { kind: 'hugeArray'; path: Path }
  | { kind: 'deepNesting'; path: Path; depth: number };

export type Path = Array<string | number>;

/** Every position inside a JSON value (the root too), for mutations to aim at. */
export function positions(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...positions(item, [...path, i])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...positions(item, [...path, key]));
  return out;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function getAt(root: unknown, path: Path): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const step of path) node = node?.[step] as Record<string | number, unknown> | undefined;
  return node;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { n: value };
  return value;
}

/** Applies one mutation to a copy of `value` (object keys set with defineProperty, so `__proto__` stays a key). */
export function mutate(value: unknown, mutation: Mutation): unknown {
  const root = clone(value);
  switch (mutation.kind) {
    case 'wrongType':
    case 'operator':
    case 'oddUnicode':
      return setAt(root, mutation.path, mutation.value);
    case 'hugeArray':
      return setAt(root, mutation.path, Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? 'x' : 1)));
    case 'deepNesting':
      return setAt(root, mutation.path, nested(mutation.depth));
    case 'hostileKey': {
      const target = getAt(root, mutation.path);
      const holder = target && typeof target === 'object' && !Array.isArray(target) ? target : {};
      Object.defineProperty(holder, mutation.key, { value: mutation.key === '__proto__' ? { polluted: true } : 1, enumerable: true, writable: true, configurable: true });
      return target === holder ? root : setAt(root, mutation.path, holder);
    }
    case 'missing': {
      if (mutation.path.length === 0) return undefined;
      const parent = getAt(root, mutation.path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(Number(mutation.path.at(-1)), 1);
      else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[String(mutation.path.at(-1))];
      return root;
    }
  }
}

/** A mutation aimed at one of the value's positions. */
export function mutationArbitrary(value: unknown): fc.Arbitrary<Mutation> {
  const spots = positions(value);
  const path = fc.constantFrom(...spots);
  return fc.oneof(
    fc.record({ kind: fc.constant('wrongType' as const), path, value: fc.constantFrom(...WRONG_TYPES) }),
    fc.record({ kind: fc.constant('operator' as const), path, value: fc.constantFrom(...OPERATOR_VALUES) }),
    fc.record({ kind: fc.constant('hostileKey' as const), path, key: fc.constantFrom(...HOSTILE_KEYS) }),
    fc.record({ kind: fc.constant('missing' as const), path }),
    fc.record({ kind: fc.constant('oddUnicode' as const), path, value: fc.constantFrom(...ODD_UNICODE) }),
    fc.record({ kind: fc.constant('hugeArray' as const), path }),
    fc.record({ kind: fc.constant('deepNesting' as const), path, depth: fc.constantFrom(50, 1_000) }),
  );
}

/** A valid value and one mutation of it: the mutated value is what the fuzzer sends. */
export function hostileArbitrary(valid: fc.Arbitrary<unknown>): fc.Arbitrary<{ base: unknown; mutation: Mutation; value: unknown }> {
  return valid.chain((base) => mutationArbitrary(base).map((mutation) => ({ base, mutation, value: mutate(base, mutation) })));
}
