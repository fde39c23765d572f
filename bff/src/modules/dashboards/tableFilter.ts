import { z } from 'zod';
import { tableQuerySchema } from '@assess/shared';
import { AppError } from '../../lib/errors';
import type { Lines } from './rows';

type TableQuery = z.infer<typeof tableQuerySchema>;

const SORT_FIELDS = { total: 'final.total', name: 'name', lastSubmittedAt: 'lastSubmittedAt', attempts: 'attemptSeq', uscc: 'uscc' } as const;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The results filter and sort for a table query (on top of the scope filter). Every value comes
 * from the validated query; operators are ours. Score filters and sorts need visible scores.
 */
export function tableFilter(query: TableQuery, base: Record<string, unknown>, scoresVisible: boolean, lines: Lines | null) {
  const filter: Record<string, unknown> = { ...base };
  const and: Array<Record<string, unknown>> = [];
  if (query.track) filter.track = query.track;
  if (query.status) filter.status = query.status;
  if (query.specialized) filter['flags.specialized'] = query.specialized === 'true';
  if (query.flagged) filter.flagged = query.flagged === 'true' ? true : { $ne: true };
  if (query.q) {
    const text = query.q.trim();
    and.push(/^[0-9A-Za-z]{2,18}$/.test(text) ? { uscc: { $regex: `^${escapeRegex(text.toUpperCase())}` } } : { name: { $regex: escapeRegex(text) } });
  }
  if (query.pass || query.sort === 'total') {
    if (!scoresVisible) throw new AppError('RESULTS_HIDDEN');
  }
  if (query.pass) {
    if (!lines || lines.advantage === null || lines.demonstration === null) throw new AppError('PASSLINES_INCOMPLETE');
    const passing = [
      { line: 'advantage', 'final.total': { $gte: lines.advantage } },
      { line: 'demonstration', 'final.total': { $gte: lines.demonstration } },
    ];
    const failing = [{ final: null }, { line: 'advantage', 'final.total': { $lt: lines.advantage } }, { line: 'demonstration', 'final.total': { $lt: lines.demonstration } }];
    and.push({ $or: query.pass === 'pass' ? passing : failing });
  }
  if (and.length > 0) filter.$and = and;
  const direction = query.order === 'desc' ? -1 : 1;
  const sort: Record<string, 1 | -1> = { [SORT_FIELDS[query.sort]]: direction, _id: 1 };
  return { filter, sort };
}
