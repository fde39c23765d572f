import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { Binary } from 'mongodb';
import { beijingDate } from '@assess/shared';
import type { ResultDoc } from './model';

/** What a row copies from its result document unchanged. */
type CopiedFields = 'uscc' | 'name' | 'regionCode' | 'cityCode' | 'track' | 'titleHeld' | 'line' | 'status' | 'flags';

/**
 * One enterprise as the region dashboards see it: what the overview, the table, the export and
 * the quota panel read, and nothing else. `rev` orders the versions of one enterprise's row (the
 * result's own counter, raised by every write that changes a row field).
 */
export interface RosterRow extends Pick<ResultDoc, CopiedFields> {
  id: string;
  rev: number;
  attempts: number;
  /** Epoch milliseconds (JSON keeps it small and exact). */
  lastSubmittedAt: number | null;
  total: number | null;
  dimensions: Record<string, number> | null;
  integrity: string[];
  /** Submitted attempts per Beijing day ('2026-11-20' → 2). */
  days: Record<string, number>;
}

export type RosterSource = Pick<ResultDoc, CopiedFields | '_id' | 'history' | 'lastSubmittedAt' | 'final' | 'integrity'> & { rev?: number };

/** The row of a result document (or of its state after a write, computed in memory). */
export function rosterRowOf(result: RosterSource): RosterRow {
  const days: Record<string, number> = {};
  for (const entry of result.history ?? []) {
    const day = beijingDate(entry.submittedAt);
    days[day] = (days[day] ?? 0) + 1;
  }
  return {
    id: String(result._id),
    rev: result.rev ?? 0,
    uscc: result.uscc,
    name: result.name,
    regionCode: result.regionCode,
    cityCode: result.cityCode ?? null,
    track: result.track,
    titleHeld: result.titleHeld,
    line: result.line,
    status: result.status,
    flags: { specialized: Boolean(result.flags?.specialized), littleGiant: Boolean(result.flags?.littleGiant), centralSoe: Boolean(result.flags?.centralSoe) },
    attempts: result.history?.length ?? 0,
    lastSubmittedAt: result.lastSubmittedAt ? +result.lastSubmittedAt : null,
    total: result.final ? result.final.total : null,
    dimensions: result.final ? { ...result.final.dimensions } : null,
    integrity: (result.integrity ?? []).map((flag) => flag.code),
    days,
  };
}

/** Takes each row in `updates` whose rev is newer than the one held (older or equal ones are stale). */
export function mergeRows(rows: Map<string, RosterRow>, updates: Iterable<RosterRow>): Map<string, RosterRow> {
  for (const row of updates) {
    const held = rows.get(row.id);
    if (!held || row.rev > held.rev) rows.set(row.id, row);
  }
  return rows;
}

/** What the result document holds for a row, so builds from the results read no more. */
export const rosterProjection = {
  uscc: 1,
  name: 1,
  regionCode: 1,
  cityCode: 1,
  track: 1,
  titleHeld: 1,
  line: 1,
  status: 1,
  flags: 1,
  history: 1,
  lastSubmittedAt: 1,
  final: 1,
  integrity: 1,
  rev: 1,
} as const;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Rows as stored in a roster: gzipped JSON in one binary field. FerretDB converts a document
 * per field and per byte: a region's 2,511 rows read as one 1.3 MB JSON string took 107–134 ms,
 * as 56 KB of gzip 10 ms (+ 10–25 ms to unzip and parse here), measured.
 */
export async function packRows(rows: Iterable<RosterRow>): Promise<Binary> {
  return new Binary(await gzipAsync(JSON.stringify([...rows])));
}

export async function unpackRows(packed: Binary | Uint8Array): Promise<RosterRow[]> {
  const bytes = packed instanceof Binary ? packed.buffer : packed;
  return JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as RosterRow[];
}
