import type { Answers } from '@assess/shared';
import { createDraftSync, type DraftSyncOptions, type LocalDraft } from './draftSync';
import { createChunkedStore, memoryStore, type KeyValueStore } from './chunkedStore';
import { fakeServer, fakeTimers, settle, type FakeServer } from './testing/fakes';

function setup(opts: { server?: FakeServer; kv?: KeyValueStore; extra?: Partial<DraftSyncOptions> } = {}) {
  const server = opts.server ?? fakeServer();
  const kv = opts.kv ?? memoryStore();
  const timers = fakeTimers();
  const store = createChunkedStore<LocalDraft>(kv, 'draft:e1:c1');
  const sync = createDraftSync({ transport: server.transport, store, timers, random: () => 1, ...opts.extra });
  return { server, kv, timers, store, sync };
}

async function open(env: ReturnType<typeof setup>): Promise<void> {
  env.sync.start(await env.server.transport.load());
  await settle();
}

describe('draftSync', () => {
  describe('saving', () => {
    it('When an answer changes, then it is in local storage at once and on the server within 3 s', async () => {
      const env = setup();
      await open(env);
      env.sync.set('q1', 'a');
      expect(env.store.read()?.answers).toEqual({ q1: 'a' });
      expect(env.sync.getSnapshot().state).toBe('pending');
      await env.timers.advance(3000);
      expect(env.server.draft().answers).toEqual({ q1: 'a' });
      expect(env.sync.getSnapshot()).toMatchObject({ state: 'synced', unsynced: 0, savedAt: 'rev-1' });
    });

    it('When the user keeps typing, then a save still goes out within the 3 s limit', async () => {
      const env = setup();
      await open(env);
      for (let i = 1; i <= 10; i++) {
        env.sync.set('q_text', 'x'.repeat(i));
        await env.timers.advance(400);
      }
      // 4 s of typing, a keystroke every 400 ms: at least one save must have started by 2.5 s.
      expect(env.server.saves.length).toBeGreaterThanOrEqual(1);
      await env.timers.advance(3000);
      expect(env.server.draft().answers.q_text).toBe('x'.repeat(10));
    });

    it('When one answer changes after a save, then only that answer is sent, on the acknowledged revision', async () => {
      const env = setup({ server: fakeServer({ q1: 'a', q2: 5 }, 3) });
      await open(env);
      env.sync.set('q2', 6);
      await env.timers.advance(3000);
      expect(env.server.saves).toEqual([{ baseRevision: 3, set: { q2: 6 }, unset: [] }]);
      env.sync.set('q1', undefined);
      await env.timers.advance(3000);
      expect(env.server.saves[1]).toEqual({ baseRevision: 4, set: {}, unset: ['q1'] });
      expect(env.server.draft().answers).toEqual({ q2: 6 });
    });

    it('When a multiple choice is re-ordered or blank text typed, then nothing is sent', async () => {
      const env = setup({ server: fakeServer({ m: ['a', 'b'] }, 1) });
      await open(env);
      env.sync.set('m', ['b', 'a']);
      env.sync.set('t', '   ');
      await env.timers.advance(3000);
      expect(env.server.saves).toHaveLength(0);
    });
  });

  describe('offline', () => {
    it('When the network drops during autosave and returns, then nothing is lost', async () => {
      const env = setup();
      await open(env);
      env.server.offline = true;
      env.sync.set('q1', 'a');
      await env.timers.advance(3000);
      expect(env.sync.getSnapshot().state).toBe('offline');
      env.sync.set('q2', 2);
      env.sync.set('q3', true);
      await env.timers.advance(10_000);
      expect(env.sync.getSnapshot().state).toBe('offline');
      expect(env.store.read()?.answers).toEqual({ q1: 'a', q2: 2, q3: true });
      env.server.offline = false;
      await env.timers.advance(60_000);
      expect(env.server.draft().answers).toEqual({ q1: 'a', q2: 2, q3: true });
      expect(env.sync.getSnapshot().state).toBe('synced');
    });

    it('When offline, then retries back off (1 s, 2 s, 4 s …) instead of hammering the server', async () => {
      const env = setup();
      await open(env);
      env.server.offline = true;
      env.sync.set('q1', 'a');
      // First try after the 1 s debounce, then retries 1 s, 2 s and 4 s after each failure.
      await env.timers.advance(1000 + 1000 + 2000 + 4000);
      expect(env.server.saves).toHaveLength(4);
      await env.timers.advance(7999);
      expect(env.server.saves).toHaveLength(4);
    });

    it('When the network comes back, then notifyOnline retries at once', async () => {
      const env = setup();
      await open(env);
      env.server.offline = true;
      env.sync.set('q1', 'a');
      await env.timers.advance(2500);
      await env.timers.advance(20_000);
      env.server.offline = false;
      env.sync.notifyOnline();
      await settle();
      expect(env.server.draft().answers).toEqual({ q1: 'a' });
    });

    it('When the server asks to slow down, then the retry waits Retry-After', async () => {
      const env = setup();
      await open(env);
      env.server.failNext({ code: 'RATE_LIMITED', retryAfterSeconds: 20 });
      env.sync.set('q1', 'a');
      await env.timers.advance(1000); // the debounce: the save goes out and is refused
      expect(env.sync.getSnapshot().state).toBe('retrying');
      await env.timers.advance(19_500);
      expect(env.server.saves).toHaveLength(1);
      await env.timers.advance(500);
      expect(env.server.draft().answers).toEqual({ q1: 'a' });
    });

    it('When the app restarts with unsent changes, then they are restored and sent', async () => {
      const kv = memoryStore();
      const server = fakeServer({ q1: 'a' }, 2);
      const first = setup({ server, kv });
      await open(first);
      server.offline = true;
      first.sync.set('q2', 7);
      first.sync.dispose();

      server.offline = false;
      const second = setup({ server, kv });
      await open(second);
      expect(second.sync.getSnapshot().answers).toEqual({ q1: 'a', q2: 7 });
      await second.timers.advance(3000);
      expect(server.draft()).toMatchObject({ revision: 3, answers: { q1: 'a', q2: 7 } });
    });

    it('When the app starts offline with a local copy, then it shows the local copy', () => {
      const kv = memoryStore();
      createChunkedStore<LocalDraft>(kv, 'draft:e1:c1').write({ v: 1, answers: { q1: 'x' }, base: {}, baseRevision: 0, savedAt: null });
      const env = setup({ kv });
      expect(env.sync.start(null)).toBe(true);
      expect(env.sync.getSnapshot().answers).toEqual({ q1: 'x' });
    });

    it('When the app starts offline with no local copy, then there is nothing to show', () => {
      expect(setup().sync.start(null)).toBe(false);
    });
  });

  describe('two devices', () => {
    it('When another device saved other answers, then they merge silently and both survive', async () => {
      const env = setup({ server: fakeServer({ q1: 'a' }, 1) });
      await open(env);
      env.server.editElsewhere({ q9: 'from-pc' });
      env.sync.set('q2', 'from-phone');
      await env.timers.advance(6000);
      expect(env.server.draft().answers).toEqual({ q1: 'a', q9: 'from-pc', q2: 'from-phone' });
      expect(env.sync.getSnapshot()).toMatchObject({ state: 'synced', answers: { q1: 'a', q9: 'from-pc', q2: 'from-phone' } });
    });

    it('When both devices changed the same answer, then the conflict shows both values and the user choice is saved', async () => {
      const env = setup({ server: fakeServer({ q1: 'a', q2: 1 }, 1) });
      await open(env);
      env.server.editElsewhere({ q1: 'pc', q3: 'pc-only' });
      env.sync.set('q1', 'phone');
      env.sync.set('q2', 2);
      await env.timers.advance(3000);
      const snapshot = env.sync.getSnapshot();
      expect(snapshot.state).toBe('conflict');
      expect(snapshot.conflicts).toEqual([{ questionId: 'q1', mine: 'phone', theirs: 'pc' }]);
      // Nothing more is sent until the user decides; local edits continue to be kept.
      env.sync.set('q4', 'typed meanwhile');
      await env.timers.advance(10_000);
      expect(env.server.saves).toHaveLength(1);

      env.sync.resolveConflicts({ q1: 'theirs' });
      await env.timers.advance(3000);
      expect(env.server.draft().answers).toEqual({ q1: 'pc', q2: 2, q3: 'pc-only', q4: 'typed meanwhile' });
      expect(env.sync.getSnapshot().state).toBe('synced');
    });

    it('When the conflict is resolved keeping mine, then my value replaces theirs on the server', async () => {
      const env = setup({ server: fakeServer({ q1: 'a' }, 1) });
      await open(env);
      env.server.editElsewhere({}, ['q1']);
      env.sync.set('q1', 'mine');
      await env.timers.advance(3000);
      expect(env.sync.getSnapshot().conflicts).toEqual([{ questionId: 'q1', mine: 'mine', theirs: undefined }]);
      env.sync.resolveConflicts({ q1: 'mine' });
      await env.timers.advance(3000);
      expect(env.server.draft().answers).toEqual({ q1: 'mine' });
    });

    it('When a page reloads during a conflict, then the same conflict is shown again', async () => {
      const kv = memoryStore();
      const server = fakeServer({ q1: 'a' }, 1);
      const first = setup({ server, kv });
      await open(first);
      server.editElsewhere({ q1: 'pc' });
      first.sync.set('q1', 'phone');
      await first.timers.advance(3000);
      first.sync.dispose();
      const second = setup({ server, kv });
      await open(second);
      expect(second.sync.getSnapshot().conflicts).toEqual([{ questionId: 'q1', mine: 'phone', theirs: 'pc' }]);
    });

    it('When opening on a second device with no local copy, then the server draft is resumed', async () => {
      const env = setup({ server: fakeServer({ q1: 'a', q2: 3 }, 5) });
      await open(env);
      expect(env.sync.getSnapshot()).toMatchObject({ state: 'synced', answers: { q1: 'a', q2: 3 } });
    });

    it('When the device copy is older than the server draft, then the server changes are taken on open', async () => {
      const kv = memoryStore();
      const server = fakeServer({ q1: 'a' }, 1);
      const phone = setup({ server, kv });
      await open(phone);
      phone.sync.dispose();
      server.editElsewhere({ q1: 'b', q2: 'pc' });
      const again = setup({ server, kv });
      await open(again);
      expect(again.sync.getSnapshot()).toMatchObject({ state: 'synced', answers: { q1: 'b', q2: 'pc' }, mergedFromServer: 2 });
    });

    it('When pull() runs after an upload changed the server draft, then the uploaded answers appear', async () => {
      const env = setup({ server: fakeServer({}, 0) });
      await open(env);
      env.sync.set('q1', 'typed');
      env.server.editElsewhere({ q5: 100, q6: 'imported' });
      await env.sync.pull();
      await env.timers.advance(3000);
      expect(env.sync.getSnapshot().answers).toEqual({ q1: 'typed', q5: 100, q6: 'imported' });
      expect(env.server.draft().answers).toEqual({ q1: 'typed', q5: 100, q6: 'imported' });
    });
  });

  describe('refusals and limits', () => {
    it('When the server refuses one answer, then the others are saved and the refusal is reported', async () => {
      const env = setup();
      await open(env);
      env.server.refuse = { q_num: '不能小于 0' };
      env.sync.setMany({ q1: 'a', q_num: -5 });
      await env.timers.advance(6000);
      expect(env.server.draft().answers).toEqual({ q1: 'a' });
      expect(env.sync.getSnapshot()).toMatchObject({ state: 'synced', refused: { q_num: '不能小于 0' }, unsynced: 1 });
      env.server.refuse = {};
      env.sync.set('q_num', 5);
      await env.timers.advance(3000);
      expect(env.server.draft().answers).toEqual({ q1: 'a', q_num: 5 });
      expect(env.sync.getSnapshot().refused).toEqual({});
    });

    it('When holdBack flags an answer, then it stays local and the rest are sent', async () => {
      const holdBack = (set: Answers): Record<string, string> => (typeof set.q_num === 'number' && set.q_num < 0 ? { q_num: '不能小于 0' } : {});
      const env = setup({ extra: { holdBack } });
      await open(env);
      env.sync.setMany({ q1: 'a', q_num: -1 });
      await env.timers.advance(3000);
      expect(env.server.saves).toEqual([{ baseRevision: 0, set: { q1: 'a' }, unset: [] }]);
      expect(env.store.read()?.answers).toEqual({ q1: 'a', q_num: -1 });
    });

    it('When the window closes, then nothing more is sent and the draft turns read-only', async () => {
      const env = setup();
      await open(env);
      env.server.failNext({ code: 'WINDOW_CLOSED', message: '测评系统已关闭' });
      env.sync.set('q1', 'a');
      await env.timers.advance(3000);
      expect(env.sync.getSnapshot()).toMatchObject({ state: 'closed', lastError: '测评系统已关闭' });
      env.sync.set('q2', 'b');
      await env.timers.advance(30_000);
      expect(env.server.saves).toHaveLength(1);
      expect(env.sync.getSnapshot().answers).toEqual({ q1: 'a' });
    });

    it('When the session is over, then syncing stops and the local copy keeps every change', async () => {
      const env = setup();
      await open(env);
      env.server.failNext({ code: 'TOKEN_INVALID' });
      env.sync.set('q1', 'a');
      await env.timers.advance(3000);
      env.sync.set('q2', 'b');
      expect(env.sync.getSnapshot().state).toBe('expired');
      expect(env.store.read()?.answers).toEqual({ q1: 'a', q2: 'b' });
    });

    it('When the server lost the draft, then a new one is started and every answer sent again', async () => {
      const env = setup({ server: fakeServer({ q1: 'a' }, 4) });
      await open(env);
      env.server.exists = false;
      env.sync.set('q2', 'b');
      await env.timers.advance(6000);
      expect(env.server.draft().answers).toEqual({ q1: 'a', q2: 'b' });
    });

    it('When local storage is full, then the user is told and the server still gets the answers', async () => {
      const env = setup({ kv: memoryStore(200) });
      await open(env);
      env.sync.set('q_text', '很长的文字'.repeat(100));
      expect(env.sync.getSnapshot().localError).toMatch(/存储空间不足/);
      await env.timers.advance(3000);
      expect(env.server.draft().answers.q_text).toBe('很长的文字'.repeat(100));
    });
  });
});
