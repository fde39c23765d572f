import type { AnswerValue, Answers } from '@assess/shared';
import {
  applyDiff,
  diffAnswers,
  isEmptyDiff,
  mergeDrafts,
  resolveConflicts,
  sameValue,
  type AnswerDiff,
  type ConflictChoice,
  type ConflictItem,
} from './answers';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';

/**
 * The autosave engine for one enterprise's draft. Framework-free: storage, HTTP and timers are
 * injected, so the same code runs in the mini-program, on H5 and in unit tests.
 *
 * The promise to the user is "an answer is never lost":
 * - every change is written to local storage synchronously, before anything else happens;
 * - changed answers go to the server within `maxWaitMs` (≤3 s) of the first unsent change,
 *   debounced while typing, as a diff against the last revision the server acknowledged;
 * - no network or a server fault → retry with backoff (and at once when the network returns);
 * - another device saved in between (409) → three-way merge against that revision: one-sided
 *   changes merge silently, different changes to the same question wait for the user's choice;
 * - window closed or session over → stop sending, keep the local copy.
 */

export interface ServerDraft {
  revision: number;
  answers: Answers;
  updatedAt: string | null;
}

export interface SaveRequest {
  baseRevision: number;
  set: Answers;
  unset: string[];
}

/** What the engine needs from the API; failures are thrown as `{ code, details?, status? }`. */
export interface DraftTransport {
  save(request: SaveRequest): Promise<{ revision: number; updatedAt: string }>;
  load(): Promise<ServerDraft>;
  /** Creates the server draft when there is none (NO_DRAFT). */
  start(): Promise<ServerDraft>;
}

/** The copy kept on the device. `base` is the server's answers at `baseRevision`, as last known. */
export interface LocalDraft {
  v: 1;
  answers: Answers;
  base: Answers;
  baseRevision: number;
  savedAt: string | null;
}

export interface LocalDraftStore {
  read(): LocalDraft | null;
  /** May throw (storage full). */
  write(draft: LocalDraft): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export type SyncState =
  /** The server has every answer it will take. */
  | 'synced'
  /** Changes wait for the debounce. */
  | 'pending'
  | 'saving'
  /** No network: kept locally, retrying. */
  | 'offline'
  /** The server failed or asked to slow down: retrying. */
  | 'retrying'
  /** Another device changed the same answers: the user must choose. */
  | 'conflict'
  /** The window is closed (or not open): read-only, nothing is sent. */
  | 'closed'
  /** The session is over: log in again; the local copy is kept. */
  | 'expired';

export interface SyncSnapshot {
  state: SyncState;
  answers: Answers;
  /** Server time of the last acknowledged save. */
  savedAt: string | null;
  /** Questions whose local answer the server does not have yet. */
  unsynced: number;
  /** Answers the server refused, by question id (only while the value is unchanged). */
  refused: Readonly<Record<string, string>>;
  conflicts: readonly ConflictItem[];
  /** Device time of the next automatic retry. */
  retryAt: number | null;
  /** Set when the local copy could not be written (storage full). */
  localError: string | null;
  /** The last failure's message (offline, server error, window closed …). */
  lastError: string | null;
  /** Set after changes from another device were merged in, until the next local change. */
  mergedFromServer: number;
}

export interface DraftSyncOptions {
  transport: DraftTransport;
  store: LocalDraftStore;
  timers: Timers;
  /** Quiet time after the last change before saving. */
  debounceMs?: number;
  /** Longest wait from the first unsent change to the save request (the brief: within 3 s). */
  maxWaitMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /**
   * Answers the server would refuse as a draft (same rules as its draft validation), by question
   * id → message. They stay local until corrected, so one bad number never blocks the others.
   */
  holdBack?: (set: Answers) => Readonly<Record<string, string>>;
}

export interface DraftSync {
  getSnapshot(): SyncSnapshot;
  subscribe(listener: (snapshot: SyncSnapshot) => void): () => void;
  /**
   * Reconciles the local copy with the server draft (null when offline) and starts syncing.
   * Returns false when there is neither (nothing to show).
   */
  start(server: ServerDraft | null): boolean;
  /** Sets (or with `undefined`, clears) one answer. Ignored when read-only. */
  set(questionId: string, value: AnswerValue | undefined): void;
  setMany(changes: Readonly<Record<string, AnswerValue | undefined>>): void;
  /** Sends pending changes now; resolves when the server has them or the attempt failed. */
  flush(): Promise<void>;
  /** Fetches the server draft and merges it in (after a workbook upload changed it). */
  pull(): Promise<void>;
  /** The network is back: retry now instead of waiting for the backoff. */
  notifyOnline(): void;
  resolveConflicts(choices: Readonly<Record<string, ConflictChoice>>): void;
  /** Marks the draft read-only (the window closed while the page was open). */
  close(message: string): void;
  dispose(): void;
}

const BLOCKED: ReadonlySet<SyncState> = new Set(['conflict', 'closed', 'expired']);
const WINDOW_CODES = new Set(['WINDOW_CLOSED', 'WINDOW_NOT_OPEN']);
const SESSION_CODES = new Set(['TOKEN_INVALID', 'UNAUTHENTICATED', 'FORBIDDEN']);

interface Failure {
  code?: string;
  message?: string;
  details?: unknown;
  retryAfterSeconds?: number;
}

function isEmptyValue(value: AnswerValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function asServerDraft(value: unknown): ServerDraft | null {
  const d = value as Partial<ServerDraft> | null;
  if (!d || typeof d !== 'object' || typeof d.revision !== 'number' || !d.answers || typeof d.answers !== 'object') return null;
  return { revision: d.revision, answers: d.answers, updatedAt: typeof d.updatedAt === 'string' ? d.updatedAt : null };
}

function asLocalDraft(value: LocalDraft | null): LocalDraft | null {
  if (!value || value.v !== 1 || typeof value.baseRevision !== 'number' || !value.answers || !value.base) return null;
  return value;
}

export function createDraftSync(options: DraftSyncOptions): DraftSync {
  const { transport, store, timers } = options;
  const debounceMs = options.debounceMs ?? 1000;
  const maxWaitMs = options.maxWaitMs ?? 2500;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;

  let answers: Answers = {};
  let base: Answers = {};
  let baseRevision = 0;
  let savedAt: string | null = null;
  let state: SyncState = 'synced';
  let refused = new Map<string, { value: AnswerValue; message: string }>();
  let conflicts: ConflictItem[] = [];
  let theirs: ServerDraft | null = null;
  let timer: unknown = null;
  let retryAt: number | null = null;
  let firstPendingAt: number | null = null;
  let failures = 0;
  let inFlight: Promise<void> | null = null;
  let localError: string | null = null;
  let lastError: string | null = null;
  let mergedFromServer = 0;
  let disposed = false;
  let snapshot: SyncSnapshot | null = null;
  const listeners = new Set<(s: SyncSnapshot) => void>();

  function emit(): void {
    snapshot = null;
    if (disposed) return;
    const current = getSnapshot();
    listeners.forEach((listener) => listener(current));
  }

  function getSnapshot(): SyncSnapshot {
    if (snapshot) return snapshot;
    const pending = diffAnswers(base, answers);
    const refusedNow: Record<string, string> = {};
    refused.forEach((entry, id) => {
      if (sameValue(entry.value, answers[id])) refusedNow[id] = entry.message;
    });
    snapshot = {
      state,
      answers,
      savedAt,
      unsynced: Object.keys(pending.set).length + pending.unset.length,
      refused: refusedNow,
      conflicts,
      retryAt,
      localError,
      lastError,
      mergedFromServer,
    };
    return snapshot;
  }

  function persist(): void {
    try {
      store.write({ v: 1, answers, base, baseRevision, savedAt });
      localError = null;
    } catch {
      localError = '本机存储空间不足，答案暂未保存在本机；联网时仍会保存到服务器';
    }
  }

  function clearTimer(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }

  /** The diff the server will accept now: minus refused values and held-back answers. */
  function sendable(): AnswerDiff {
    const diff = diffAnswers(base, answers);
    const held = options.holdBack && Object.keys(diff.set).length > 0 ? options.holdBack(diff.set) : {};
    for (const id of Object.keys(diff.set)) {
      const was = refused.get(id);
      if ((was && sameValue(was.value, diff.set[id])) || held[id] !== undefined) delete diff.set[id];
    }
    return diff;
  }

  function schedule(): void {
    if (disposed || BLOCKED.has(state) || inFlight) return;
    // A backoff timer is running: changes ride along with the retry.
    if (retryAt !== null) return;
    clearTimer();
    if (isEmptyDiff(sendable())) {
      state = 'synced';
      firstPendingAt = null;
      return;
    }
    const now = timers.now();
    firstPendingAt ??= now;
    const delay = Math.max(0, Math.min(debounceMs, firstPendingAt + maxWaitMs - now));
    state = 'pending';
    timer = timers.setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  }

  function retryLater(failure: Failure): void {
    const delay =
      typeof failure.retryAfterSeconds === 'number' && failure.retryAfterSeconds > 0
        ? failure.retryAfterSeconds * 1000
        : backoffDelay(failures, backoff, random);
    failures += 1;
    state = failure.code === 'OFFLINE' ? 'offline' : 'retrying';
    retryAt = timers.now() + delay;
    clearTimer();
    timer = timers.setTimeout(() => {
      timer = null;
      retryAt = null;
      void flush();
    }, delay);
  }

  /** Three-way merge of the server's draft into ours; conflicts wait for the user. */
  function reconcile(server: ServerDraft): void {
    const { merged, conflicts: items } = mergeDrafts(base, answers, server.answers);
    const change = diffAnswers(answers, merged);
    const taken = Object.keys(change.set).length + change.unset.length;
    answers = merged;
    if (items.length > 0) {
      theirs = server;
      conflicts = items;
      state = 'conflict';
    } else {
      base = server.answers;
      baseRevision = server.revision;
      savedAt = server.updatedAt ?? savedAt;
      state = 'synced';
    }
    mergedFromServer = taken;
    persist();
  }

  /** The server has no draft (or a fresh one): ours is the truth, send all of it. */
  function rebase(server: ServerDraft): void {
    base = server.answers;
    baseRevision = server.revision;
    savedAt = server.updatedAt ?? savedAt;
    state = 'synced';
    persist();
  }

  async function handleFailure(error: unknown, sent: AnswerDiff): Promise<void> {
    const failure = (error ?? {}) as Failure;
    lastError = failure.message ?? null;
    const code = failure.code ?? '';
    if (code === 'DRAFT_CONFLICT') {
      let server = asServerDraft((failure.details as { draft?: unknown } | undefined)?.draft);
      if (!server) {
        try {
          server = await transport.load();
        } catch (loadError) {
          return retryLater((loadError ?? {}) as Failure);
        }
      }
      lastError = null;
      return reconcile(server);
    }
    if (code === 'NO_DRAFT') {
      try {
        return rebase(await transport.start());
      } catch (startError) {
        return handleFailure(startError, sent);
      }
    }
    if (code === 'ANSWERS_INVALID') {
      const issues = (failure.details as { issues?: Array<{ questionId?: unknown; message?: unknown }> } | undefined)?.issues ?? [];
      let matched = false;
      for (const issue of issues) {
        const id = typeof issue.questionId === 'string' ? issue.questionId : '';
        const value = sent.set[id];
        if (value !== undefined) {
          refused.set(id, { value, message: typeof issue.message === 'string' ? issue.message : '该答案未被服务器接受' });
          matched = true;
        } else if (sent.unset.includes(id)) {
          // The server does not know this question: nothing to remove there.
          const { [id]: _dropped, ...rest } = base;
          base = rest;
          matched = true;
        }
      }
      if (matched) {
        state = 'synced';
        persist();
        return;
      }
      return retryLater(failure);
    }
    if (WINDOW_CODES.has(code)) {
      state = 'closed';
      return;
    }
    if (SESSION_CODES.has(code)) {
      state = 'expired';
      return;
    }
    retryLater(failure);
  }

  async function flush(): Promise<void> {
    if (disposed) return;
    if (inFlight) {
      await inFlight;
      return flush();
    }
    if (BLOCKED.has(state)) return;
    clearTimer();
    retryAt = null;
    const diff = sendable();
    if (isEmptyDiff(diff)) {
      state = 'synced';
      firstPendingAt = null;
      emit();
      return;
    }
    state = 'saving';
    firstPendingAt = null;
    emit();
    const run = (async () => {
      try {
        const saved = await transport.save({ baseRevision, set: diff.set, unset: diff.unset });
        if (disposed) return;
        base = applyDiff(base, diff);
        baseRevision = saved.revision;
        savedAt = saved.updatedAt;
        failures = 0;
        lastError = null;
        state = 'synced';
        persist();
      } catch (error) {
        if (disposed) return;
        await handleFailure(error, diff);
      }
    })();
    inFlight = run;
    try {
      await run;
    } finally {
      inFlight = null;
    }
    // `run` moved the state on (TypeScript cannot see through the await).
    if ((state as SyncState) === 'synced') schedule();
    emit();
  }

  function apply(changes: Readonly<Record<string, AnswerValue | undefined>>): void {
    if (disposed || state === 'closed') return;
    let next: Answers | null = null;
    for (const [id, value] of Object.entries(changes)) {
      const target = isEmptyValue(value) ? undefined : value;
      if (sameValue(answers[id], target)) continue;
      next ??= { ...answers };
      if (target === undefined) delete next[id];
      else next[id] = target;
    }
    if (!next) return;
    answers = next;
    mergedFromServer = 0;
    firstPendingAt ??= timers.now();
    persist();
    schedule();
    emit();
  }

  return {
    getSnapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    start(server) {
      const local = asLocalDraft(store.read());
      if (local) {
        answers = local.answers;
        base = local.base;
        baseRevision = local.baseRevision;
        savedAt = local.savedAt;
      } else if (server) {
        answers = server.answers;
        base = server.answers;
        baseRevision = server.revision;
        savedAt = server.updatedAt;
      } else {
        return false;
      }
      if (local && server && server.revision !== local.baseRevision) reconcile(server);
      else persist();
      schedule();
      emit();
      return true;
    },

    set(questionId, value) {
      apply({ [questionId]: value });
    },
    setMany: apply,
    flush,

    async pull() {
      await flush();
      if (BLOCKED.has(state) || disposed) return;
      try {
        reconcile(await transport.load());
      } catch (error) {
        await handleFailure(error, { set: {}, unset: [] });
      }
      schedule();
      emit();
    },

    notifyOnline() {
      if (state !== 'offline' && state !== 'retrying') return;
      clearTimer();
      retryAt = null;
      void flush();
    },

    resolveConflicts(choices) {
      if (state !== 'conflict' || !theirs) return;
      answers = resolveConflicts(answers, conflicts, choices);
      base = theirs.answers;
      baseRevision = theirs.revision;
      savedAt = theirs.updatedAt ?? savedAt;
      conflicts = [];
      theirs = null;
      state = 'synced';
      persist();
      schedule();
      emit();
    },

    close(message) {
      clearTimer();
      retryAt = null;
      state = 'closed';
      lastError = message;
      emit();
    },

    dispose() {
      disposed = true;
      clearTimer();
      listeners.clear();
    },
  };
}
