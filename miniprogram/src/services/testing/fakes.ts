import type { Answers } from '@assess/shared';
import { applyDiff } from '../answers';
import type { DraftTransport, SaveRequest, ServerDraft, Timers } from '../draftSync';

/** Test doubles for the sync engine: a clock whose time only moves when told, and a fake BFF. */

export interface FakeTimers extends Timers {
  /** Moves time forward, running due timers in order and letting promises settle between them. */
  advance(ms: number): Promise<void>;
  pending(): number;
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

export function fakeTimers(): FakeTimers {
  let now = 1_000_000;
  let nextId = 1;
  const tasks = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      tasks.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      tasks.delete(handle as number);
    },
    pending: () => tasks.size,
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await settle();
        const due = [...tasks.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        tasks.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
      await settle();
    },
  };
}

export interface FakeServer {
  transport: DraftTransport;
  draft(): ServerDraft;
  /** Requests the server received, including failed ones. */
  saves: SaveRequest[];
  /** Another device saves these answers (revision + 1). */
  editElsewhere(set: Answers, unset?: string[]): void;
  /** What the next save does instead of succeeding (once per queued entry). */
  failNext(...errors: object[]): void;
  offline: boolean;
  /** Question ids whose values the server refuses, with a message. */
  refuse: Record<string, string>;
  exists: boolean;
}

export function fakeServer(initial: Answers = {}, revision = 0): FakeServer {
  let current: ServerDraft = { revision, answers: { ...initial }, updatedAt: '2026-06-01T10:00:00+08:00' };
  const queued: object[] = [];
  const copy = (): ServerDraft => ({ ...current, answers: { ...current.answers } });
  const server: FakeServer = {
    saves: [],
    offline: false,
    refuse: {},
    exists: true,
    draft: copy,
    editElsewhere(set, unset = []) {
      current = { revision: current.revision + 1, answers: applyDiff(current.answers, { set, unset }), updatedAt: '2026-06-01T11:00:00+08:00' };
    },
    failNext: (...errors) => void queued.push(...errors),
    transport: {
      async save(request) {
        server.saves.push(request);
        if (server.offline) throw { code: 'OFFLINE', message: '网络连接失败' };
        const failure = queued.shift();
        if (failure) throw failure;
        if (!server.exists) throw { code: 'NO_DRAFT' };
        const issues = Object.keys(request.set)
          .filter((id) => server.refuse[id])
          .map((id) => ({ questionId: id, code: 'BELOW_MIN', message: server.refuse[id] }));
        if (issues.length > 0) throw { code: 'ANSWERS_INVALID', details: { issues } };
        if (request.baseRevision !== current.revision) throw { code: 'DRAFT_CONFLICT', details: { draft: copy() } };
        current = { revision: current.revision + 1, answers: applyDiff(current.answers, request), updatedAt: `rev-${current.revision + 1}` };
        return { revision: current.revision, updatedAt: current.updatedAt as string };
      },
      async load() {
        if (server.offline) throw { code: 'OFFLINE' };
        return copy();
      },
      async start() {
        if (server.offline) throw { code: 'OFFLINE' };
        server.exists = true;
        current = { revision: 0, answers: {}, updatedAt: null };
        return copy();
      },
    },
  };
  return server;
}
