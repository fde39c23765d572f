import { answersFingerprint, submitOnce, type PendingSubmit, type PendingSubmitStore } from './submission';

function memory(): PendingSubmitStore & { value: PendingSubmit | null } {
  const m = { value: null as PendingSubmit | null, read: () => m.value, write: (p: PendingSubmit) => void (m.value = p), clear: () => void (m.value = null) };
  return m;
}
const instant = { setTimeout: (fn: () => void) => (fn(), 0) };
let counter = 0;
const newKey = () => `key${++counter}xxxxxx`;

describe('submitOnce', () => {
  it('When the network fails mid-submit, then every retry reuses the same idempotency key', async () => {
    const keys: string[] = [];
    const store = memory();
    const send = async (key: string) => {
      keys.push(key);
      if (keys.length < 3) throw { code: 'OFFLINE' };
      return { receipt: 'r1' };
    };
    await expect(submitOnce({ send, store, fingerprint: 'f', newKey, timers: instant })).resolves.toEqual({ receipt: 'r1' });
    expect(new Set(keys).size).toBe(1);
    expect(store.value).toBeNull();
  });

  it('When the page reloads after a lost response, then the stored key is reused for the same answers', async () => {
    const store = memory();
    await expect(submitOnce({ send: async () => Promise.reject({ code: 'OFFLINE' }), store, fingerprint: 'f', newKey, timers: instant, maxTries: 2 })).rejects.toMatchObject({ code: 'OFFLINE' });
    const kept = store.value?.key;
    const used: string[] = [];
    await submitOnce({ send: async (k) => (used.push(k), 'ok'), store, fingerprint: 'f', newKey, timers: instant });
    expect(used).toEqual([kept]);
  });

  it('When the answers changed since the stored key, then a new key is made', async () => {
    const store = memory();
    store.write({ key: 'stalekey1', fingerprint: 'old' });
    const used: string[] = [];
    await submitOnce({ send: async (k) => (used.push(k), 'ok'), store, fingerprint: 'new', newKey, timers: instant });
    expect(used[0]).not.toBe('stalekey1');
  });

  it('When the server refuses the answers, then it is not retried', async () => {
    let calls = 0;
    const send = async () => {
      calls++;
      throw { code: 'ANSWERS_INVALID', status: 422 };
    };
    await expect(submitOnce({ send, store: memory(), fingerprint: 'f', newKey, timers: instant })).rejects.toMatchObject({ code: 'ANSWERS_INVALID' });
    expect(calls).toBe(1);
  });

  it('When the fingerprint is computed, then key order and choice order do not matter', () => {
    expect(answersFingerprint({ a: 1, m: ['x', 'y'] })).toBe(answersFingerprint({ m: ['y', 'x'], a: 1 }));
    expect(answersFingerprint({ a: 1 })).not.toBe(answersFingerprint({ a: 2 }));
  });
});
