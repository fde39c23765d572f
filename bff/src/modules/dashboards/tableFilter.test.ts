import { tableQuerySchema } from '@assess/shared';
import type { RosterRow } from '../results/roster';
import { tableRows } from './tableFilter';
import type { Lines } from './rows';

const row = (id: string, over: Partial<RosterRow> = {}): RosterRow => ({
  id,
  rev: 0,
  uscc: `91440000MA${id.toUpperCase().padStart(8, '0')}`,
  name: `企业${id}`,
  regionCode: '440000',
  cityCode: '440100',
  track: 'assessment',
  titleHeld: 'none',
  line: 'advantage',
  status: 'submitted',
  flags: { specialized: false, littleGiant: false, centralSoe: false },
  attempts: 1,
  lastSubmittedAt: null,
  total: 70,
  dimensions: null,
  integrity: [],
  days: {},
  ...over,
});
const query = (raw: Record<string, string> = {}) => tableQuerySchema.parse({ campaignId: '650000000000000000000001', ...raw });
const lines: Lines = { advantage: 70, demonstration: 80, excellentFrom: { advantage: null, demonstration: null } };
const ids = (rows: RosterRow[]) => rows.map((r) => r.id);

describe('tableRows', () => {
  const rows = [
    row('a', { total: 69.9 }),
    row('b', { total: 70, line: 'advantage', flags: { specialized: true, littleGiant: false, centralSoe: false } }),
    row('c', { total: 79.9, line: 'demonstration', integrity: ['FAST_FILL'] }),
    row('d', { total: null, status: 'drafting', attempts: 0, name: '甲公司' }),
  ];

  it('keeps rows at or above their own line for pass, the rest (no final included) for fail', () => {
    expect(ids(tableRows(rows, query({ pass: 'pass' }), true, lines))).toEqual(['b']);
    // By name (the default sort), in pinyin: 甲 (jiǎ) before 企 (qǐ).
    expect(ids(tableRows(rows, query({ pass: 'fail' }), true, lines))).toEqual(['d', 'a', 'c']);
  });

  it('filters by status, 专精特新, flags and text (USCC prefix or part of the name)', () => {
    expect(ids(tableRows(rows, query({ status: 'drafting' }), true, lines))).toEqual(['d']);
    expect(ids(tableRows(rows, query({ specialized: 'true' }), true, lines))).toEqual(['b']);
    expect(ids(tableRows(rows, query({ flagged: 'true' }), true, lines))).toEqual(['c']);
    expect(ids(tableRows(rows, query({ flagged: 'false' }), true, lines))).toEqual(['d', 'a', 'b']);
    expect(ids(tableRows(rows, query({ q: '91440000ma0000000c' }), true, lines))).toEqual(['c']);
    expect(ids(tableRows(rows, query({ q: '甲' }), true, lines))).toEqual(['d']);
  });

  it('sorts like an index: missing values first ascending, last descending, ties by id', () => {
    expect(ids(tableRows(rows, query({ sort: 'total' }), true, lines))).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(tableRows(rows, query({ sort: 'total', order: 'desc' }), true, lines))).toEqual(['c', 'b', 'a', 'd']);
    expect(ids(tableRows(rows, query({ sort: 'attempts' }), true, lines))).toEqual(['d', 'a', 'b', 'c']);
  });

  it('refuses score filters and sorts while scores are hidden, and pass/fail without both lines', () => {
    expect(() => tableRows(rows, query({ sort: 'total' }), false, lines)).toThrow(expect.objectContaining({ code: 'RESULTS_HIDDEN' }));
    expect(() => tableRows(rows, query({ pass: 'pass' }), false, lines)).toThrow(expect.objectContaining({ code: 'RESULTS_HIDDEN' }));
    expect(() => tableRows(rows, query({ pass: 'pass' }), true, { ...lines, demonstration: null })).toThrow(expect.objectContaining({ code: 'PASSLINES_INCOMPLETE' }));
  });

  it('When the table is sorted by name, then Chinese names go by pinyin (北京 before 东莞 and 佛山), both ways', () => {
    const named = [row('x', { name: '东莞电子有限公司' }), row('y', { name: '佛山制造有限公司' }), row('z', { name: '北京软件有限公司' })];
    expect(ids(tableRows(named, query({ sort: 'name', order: 'asc' }), false, null))).toEqual(['z', 'x', 'y']);
    expect(ids(tableRows(named, query({ sort: 'name', order: 'desc' }), false, null))).toEqual(['y', 'x', 'z']);
  });
});
