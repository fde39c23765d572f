import { createChunkedStore, memoryStore } from './chunkedStore';

describe('chunkedStore', () => {
  it('When a value is larger than a chunk, then it is split across keys and read back whole', () => {
    const kv = memoryStore();
    const store = createChunkedStore<{ text: string }>(kv, 'k', 10);
    const value = { text: '测评答案'.repeat(20) };
    store.write(value);
    expect(kv.keys().filter((k) => k.startsWith('k:')).length).toBeGreaterThan(5);
    expect(store.read()).toEqual(value);
  });

  it('When rewritten with a shorter value, then the old chunks are removed', () => {
    const kv = memoryStore();
    const store = createChunkedStore<string>(kv, 'k', 10);
    store.write('x'.repeat(100));
    store.write('short');
    expect(store.read()).toBe('short');
    expect(kv.keys().sort()).toEqual(['k', 'k:1:0']);
  });

  it('When a surrogate pair falls on a chunk edge, then it is not cut', () => {
    const kv = memoryStore();
    const store = createChunkedStore<string>(kv, 'k', 4);
    const text = 'a😀b😀c😀';
    store.write(text);
    for (const key of kv.keys()) {
      const part = kv.get(key) ?? '';
      expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false);
    }
    expect(store.read()).toBe(text);
  });

  it('When storage fills up during a write, then the previous value stays readable and no half-write is left', () => {
    const kv = memoryStore(120);
    const store = createChunkedStore<string>(kv, 'k', 20);
    store.write('old value');
    const before = kv.keys().length;
    expect(() => store.write('n'.repeat(200))).toThrow(/exceed/);
    expect(store.read()).toBe('old value');
    expect(kv.keys().length).toBe(before);
  });

  it('When a chunk is missing or the meta is garbage, then read gives null instead of throwing', () => {
    const kv = memoryStore();
    const store = createChunkedStore<string>(kv, 'k', 4);
    store.write('abcdefgh');
    kv.remove('k:0:1');
    expect(store.read()).toBeNull();
    kv.set('k', '{not json');
    expect(store.read()).toBeNull();
  });

  it('When cleared, then every key is gone', () => {
    const kv = memoryStore();
    const store = createChunkedStore<string>(kv, 'k', 4);
    store.write('abcdefgh');
    store.clear();
    expect(kv.keys()).toEqual([]);
    expect(store.read()).toBeNull();
  });
});
