import fc from 'fast-check';
import { canonicalJson, receiptChecksum, receiptChecksumText, receiptChecksumV2, verifyReceipt, type ReceiptInput } from './receipt';

declare function require(id: 'node:vm'): unknown;

const input: ReceiptInput = {
  enterpriseId: '64b7f0c2a1b2c3d4e5f60718',
  attemptId: '64b7f0c2a1b2c3d4e5f60799',
  number: 3,
  answers: { q2: ['m1', 'm2'], q1: 'a4', q3: true, q4: 12.5 },
  total: 87.25,
  dimensions: [
    { id: 'd1', score: 50.25 },
    { id: 'd2', score: 37 },
  ],
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('writes numbers, strings and literals as JSON does', () => {
    expect(canonicalJson([1, 1.5, -0, 1e21, 'é"\n', true, null])).toBe('[1,1.5,0,1e+21,"é\\"\\n",true,null]');
  });

  it('drops undefined members, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a function', () => 1],
    ['a bigint', BigInt(1)],
    ['a Date', new Date(0)],
    ['undefined in an array', [undefined]],
  ])('refuses %s instead of changing it silently', (_what, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('refuses cycles but allows shared, non-circular references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(TypeError);
  });

  it('keeps the meaning of any JSON value and ignores the order of its keys', () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]))
          : value;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('sorts keys by code unit, not as JavaScript orders integer-like keys', () => {
    expect(canonicalJson({ '0': false, '': null, b: 1, '10': 2, '9': 3 })).toBe('{"":null,"0":false,"10":2,"9":3,"b":1}');
  });
});

describe('receiptChecksum', () => {
  it('is the hex SHA-256 of the canonical JSON of the receipt fields', () => {
    // Recomputable anywhere from this exact text.
    expect(canonicalJson(input)).toBe(
      '{"answers":{"q1":"a4","q2":["m1","m2"],"q3":true,"q4":12.5},"attemptId":"64b7f0c2a1b2c3d4e5f60799",' +
        '"dimensions":[{"id":"d1","score":50.25},{"id":"d2","score":37}],"enterpriseId":"64b7f0c2a1b2c3d4e5f60718","number":3,"total":87.25}',
    );
    // Computed independently with Node's crypto: createHash('sha256').update(text).digest('hex').
    expect(receiptChecksum(input)).toBe('e5757c0f553d31e8d7ad61fe0b6b314d98e8a7d1059c066f5a43e63dcedc4c56');
  });

  it('does not depend on key order, nor on extra fields of the dimensions', () => {
    const reordered: ReceiptInput = {
      total: input.total,
      dimensions: input.dimensions.map((d) => ({ score: d.score, id: d.id, title: '维度', max: 60 })),
      answers: { q4: 12.5, q3: true, q1: 'a4', q2: ['m1', 'm2'] },
      number: 3,
      attemptId: input.attemptId,
      enterpriseId: input.enterpriseId,
    };
    expect(receiptChecksum(reordered)).toBe(receiptChecksum(input));
  });

  it('changes when anything that counts changes', () => {
    const base = receiptChecksum(input);
    const variants: ReceiptInput[] = [
      { ...input, number: 4 },
      { ...input, total: 87.26 },
      { ...input, answers: { ...input.answers, q2: ['m2', 'm1'] } },
      { ...input, answers: { ...input.answers, q4: 12.51 } },
      { ...input, dimensions: [{ id: 'd1', score: 50.25 }] },
      { ...input, enterpriseId: 'x' },
      { ...input, attemptId: 'y' },
    ];
    for (const variant of variants) expect(receiptChecksum(variant)).not.toBe(base);
  });
});

describe('receiptChecksumV2 and verifyReceipt', () => {
  const v2 = { ...input, submittedAt: '2026-06-30T23:59:59.999+08:00', questionnaire: 'iso56005-56002@2023', base: 84.25, bonus: 3 };

  it('also covers the receipt time, the questionnaire version, base and bonus', () => {
    const base = receiptChecksumV2(v2);
    for (const variant of [{ ...v2, submittedAt: '2026-06-30T23:59:59.998+08:00' }, { ...v2, questionnaire: 'iso56005-56002@2024' }, { ...v2, base: 84 }, { ...v2, bonus: 3.25 }]) {
      expect(receiptChecksumV2(variant)).not.toBe(base);
    }
    expect(receiptChecksumText(2, v2)).toMatch(/^\{"answers":.*,"v":2\}$/);
  });

  it('verifies a receipt by the version it names, so receipts issued before version 2 still verify', () => {
    const dimensions = input.dimensions.map((d) => ({ ...d, title: '维度', max: 60 }));
    const old = { ...v2, dimensions, checksumVersion: 1 as const, checksum: receiptChecksum(input) };
    expect(verifyReceipt(old, input.answers)).toEqual({ ok: true, version: 1, computed: old.checksum, claimed: old.checksum });
    const current = { ...v2, dimensions, checksumVersion: 2 as const, checksum: receiptChecksumV2(v2) };
    expect(verifyReceipt(current, input.answers).ok).toBe(true);
    expect(verifyReceipt({ ...current, checksumVersion: 1 }, input.answers).ok).toBe(false);
    expect(verifyReceipt(current, { ...input.answers, q1: 'a5' }).ok).toBe(false);
  });

  it('accepts plain objects from another realm (JSON parsed in a frame or a VM context)', () => {
    const foreign = new (require('node:vm') as { Script: new (code: string) => { runInNewContext(): unknown } }).Script('({ b: 1, a: [{ y: 2, x: 1 }] })').runInNewContext();
    expect(canonicalJson(foreign)).toBe('{"a":[{"x":1,"y":2}],"b":1}');
  });
});
