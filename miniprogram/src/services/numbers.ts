/**
 * Reading a number as people type or paste it: full-width digits and punctuation from Chinese
 * input methods and documents, thousands separators, spaces. '１，２３４．５' → 1234.5.
 */
export function normaliseNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－—]/g, '-')
    .replace(/[,，\s]/g, '');
}

const NUMBER = /^-?\d+(\.\d+)?$/;

export type ParsedNumber = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'unreadable' };

export function parseNumber(raw: string): ParsedNumber {
  const clean = normaliseNumber(raw);
  if (clean === '') return { kind: 'empty' };
  return NUMBER.test(clean) ? { kind: 'number', value: Number(clean) } : { kind: 'unreadable' };
}
