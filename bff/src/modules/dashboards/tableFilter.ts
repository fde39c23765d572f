import { z } from 'zod';
import { compareChinese, tableQuerySchema } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { RosterRow } from '../results/roster';
import type { Lines } from './rows';

type TableQuery = z.infer<typeof tableQuerySchema>;
type SortKey = (row: RosterRow) => string | number | null;

const SORT_KEYS: Record<TableQuery['sort'], SortKey> = {
  total: (row) => row.total,
  name: (row) => row.name,
  lastSubmittedAt: (row) => row.lastSubmittedAt,
  attempts: (row) => row.attempts,
  uscc: (row) => row.uscc,
};

/**
 * Orders like a database index: nothing first, then by value, then by id. Names go by pinyin
 * (北京 before 东莞 and 佛山: the shared Chinese collation), codes and times by code unit.
 */
function compareKeys(a: string | number | null, b: string | number | null, chinese = false): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (chinese && typeof a === 'string' && typeof b === 'string') return compareChinese(a, b) || (a < b ? -1 : 1);
  return a < b ? -1 : 1;
}

/** Whether a row passes its line (null when the row has no final). */
function passes(row: RosterRow, lines: Lines): boolean {
  const line = lines[row.line];
  return row.total !== null && line !== null && row.total >= line;
}

/** Refuses a table query the caller may not make: score filters and sorts need visible scores, pass/fail both lines. */
export function checkTableQuery(query: TableQuery, scoresVisible: boolean, lines: Lines | null): void {
  if (query.pass || query.sort === 'total') {
    if (!scoresVisible) throw new AppError('RESULTS_HIDDEN');
  }
  if (query.pass && (!lines || lines.advantage === null || lines.demonstration === null)) throw new AppError('PASSLINES_INCOMPLETE');
}

/**
 * The rows of a table query (on top of the scope), filtered and sorted: every value comes from
 * the validated query, which checkTableQuery has let through.
 */
export function tableRows(rows: readonly RosterRow[], query: TableQuery, scoresVisible: boolean, lines: Lines | null): RosterRow[] {
  checkTableQuery(query, scoresVisible, lines);
  const text = query.q?.trim();
  const byUscc = text !== undefined && /^[0-9A-Za-z]{2,18}$/.test(text);
  const matches = (row: RosterRow): boolean =>
    (!query.track || row.track === query.track) &&
    (!query.status || row.status === query.status) &&
    (!query.specialized || row.flags.specialized === (query.specialized === 'true')) &&
    (!query.flagged || row.integrity.length > 0 === (query.flagged === 'true')) &&
    (!text || (byUscc ? row.uscc.startsWith(text.toUpperCase()) : row.name.includes(text))) &&
    (!query.pass || passes(row, lines!) === (query.pass === 'pass'));
  const key = SORT_KEYS[query.sort];
  const direction = query.order === 'desc' ? -1 : 1;
  const chinese = query.sort === 'name';
  return rows.filter(matches).sort((a, b) => direction * compareKeys(key(a), key(b), chinese) || compareKeys(a.id, b.id));
}
