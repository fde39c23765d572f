import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { Binary } from 'mongodb';
import type { ListEntry, PackageState, ReviewOutcome, ReviewPurpose, StaffRole, Title } from '@assess/shared';
import type { PackageFields } from './model';

/** Who made a mark and when (ISO time: the state is JSON). */
export interface Mark {
  by: string;
  byRole: StaffRole;
  /** The city bureau that proposed it, when one did. */
  cityCode: string | null;
  at: string;
  /** When the region took a city's proposal as its own. */
  confirmedBy?: string | null;
  confirmedAt?: string | null;
}

export interface DecisionRecord extends Mark {
  outcome: ReviewOutcome;
  reason: string | null;
}

export interface ApplicantReviewRecord extends Mark {
  score: number | null;
  opinion: string | null;
}

export interface PackageRecord {
  state: PackageState;
  /** The latest submitted version (0: never submitted). */
  version: number;
  submittedAt: string | null;
  documentNumber: string | null;
  digest: string | null;
  returnedReason: string | null;
  counts: PackageFields['counts'];
  scans: number;
}

/**
 * One region's review work for one campaign (review_regions.state, unpacked). A type rather than
 * an interface, so it is also a map of its sections: `applyOps` walks it by path.
 */
export type ReviewState = {
  decisions: Record<string, Partial<Record<ReviewPurpose, DecisionRecord>>>;
  proposals: Record<string, Partial<Record<ReviewPurpose, DecisionRecord>>>;
  reviews: Record<string, ApplicantReviewRecord>;
  reviewProposals: Record<string, ApplicantReviewRecord>;
  lists: Record<Title, ListEntry[]>;
  summary: string;
  package: PackageRecord;
};

export const noCounts = (): PackageFields['counts'] => ({ advantage: 0, demonstration: 0, outsideQuota: 0, reviewPassed: 0 });

export function emptyState(): ReviewState {
  return {
    decisions: {},
    proposals: {},
    reviews: {},
    reviewProposals: {},
    lists: { advantage: [], demonstration: [] },
    summary: '',
    package: { state: 'not_started', version: 0, submittedAt: null, documentNumber: null, digest: null, returnedReason: null, counts: noCounts(), scans: 0 },
  };
}

/** One change: the value at `path` becomes `value` (null removes it; an emptied object goes too). */
export interface Op {
  path: string[];
  value: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Applies ops to a copy of the state; the same ops on the same state always give the same state. */
export function applyOps(state: ReviewState, ops: readonly Op[]): ReviewState {
  const next = structuredClone(state);
  // The ops address the state as nested maps, by path (changed in place: `next` is a copy).
  const root: Record<string, unknown> = next;
  for (const { path, value } of ops) {
    if (path.length === 0) throw new Error('an op needs a path');
    const parents: Array<Record<string, unknown>> = [root];
    let node = root;
    for (const key of path.slice(0, -1)) {
      if (!isRecord(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown>;
      parents.push(node);
    }
    const last = path[path.length - 1]!;
    if (value === null || value === undefined) {
      delete node[last];
      // Remove emptied maps on the way up (never the top-level sections).
      for (let depth = path.length - 1; depth >= 2; depth--) {
        const parent = parents[depth - 1]!;
        const key = path[depth - 1]!;
        if (isRecord(parent[key]) && Object.keys(parent[key] as object).length === 0) delete parent[key];
        else break;
      }
    } else node[last] = structuredClone(value);
  }
  return next;
}

/** The clear fields of review_regions, from the state (so a roll-forward re-derives them too). */
export function packageFields(state: ReviewState): PackageFields {
  const pkg = state.package;
  return {
    packageState: pkg.state,
    version: pkg.version,
    submittedAt: pkg.submittedAt ? new Date(pkg.submittedAt) : null,
    documentNumber: pkg.documentNumber,
    digest: pkg.digest,
    counts: pkg.counts,
    scans: pkg.scans,
  };
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export async function packJson(value: unknown): Promise<Binary> {
  return new Binary(await gzipAsync(JSON.stringify(value)));
}

export async function unpackJson<T>(packed: Binary | Uint8Array): Promise<T> {
  const bytes = packed instanceof Binary ? packed.buffer : packed;
  return JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as T;
}

/** A stored state, with any section a newer version added filled in. */
export async function unpackState(packed: Binary | Uint8Array): Promise<ReviewState> {
  const stored = await unpackJson<Partial<ReviewState>>(packed);
  const empty = emptyState();
  return { ...empty, ...stored, lists: { ...empty.lists, ...stored.lists }, package: { ...empty.package, ...stored.package } };
}
