/**
 * A JSON value kept in a string key-value store, split into chunks.
 *
 * WeChat limits one storage key to 1 MB and all keys to 10 MB (H5 localStorage: ~5 MB in all).
 * A UTF-16 code unit takes at most 3 bytes in UTF-8, so chunks of 250 000 code units stay under
 * 1 MB. Chunks are written under a fresh generation before the meta key is switched to it, so a
 * write interrupted half-way (app killed, quota hit) leaves the previous value readable.
 */

/** Synchronous string storage: Taro's *StorageSync on both platforms, a Map in tests. */
export interface KeyValueStore {
  get(key: string): string | null;
  /** May throw when storage is full. */
  set(key: string, value: string): void;
  remove(key: string): void;
}

export const CHUNK_CHARS = 250_000;

interface Meta {
  /** Generation holding the current chunks: 0 or 1, alternating. */
  g: 0 | 1;
  /** Number of chunks. */
  n: number;
  /** Total length, to detect a torn read. */
  len: number;
}

export interface ChunkedStore<T> {
  read(): T | null;
  /** Throws when storage is full; the previous value then stays readable. */
  write(value: T): void;
  clear(): void;
}

function split(text: string, size: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    // Never cut a surrogate pair: a lone half does not survive UTF-8 storage.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks.length > 0 ? chunks : [''];
}

function parseMeta(raw: string | null): Meta | null {
  if (!raw) return null;
  try {
    const meta = JSON.parse(raw) as Partial<Meta>;
    if ((meta.g === 0 || meta.g === 1) && Number.isInteger(meta.n) && Number.isInteger(meta.len)) return meta as Meta;
  } catch {
    // fall through: an unreadable meta is no value
  }
  return null;
}

export function createChunkedStore<T>(kv: KeyValueStore, key: string, chunkChars = CHUNK_CHARS): ChunkedStore<T> {
  const chunkKey = (g: number, i: number) => `${key}:${g}:${i}`;
  const removeGeneration = (meta: Meta | null) => {
    if (!meta) return;
    for (let i = 0; i < meta.n; i++) kv.remove(chunkKey(meta.g, i));
  };

  return {
    read() {
      const meta = parseMeta(kv.get(key));
      if (!meta) return null;
      let text = '';
      for (let i = 0; i < meta.n; i++) {
        const part = kv.get(chunkKey(meta.g, i));
        if (part === null) return null;
        text += part;
      }
      if (text.length !== meta.len) return null;
      try {
        return JSON.parse(text) as T;
      } catch {
        return null;
      }
    },

    write(value) {
      const text = JSON.stringify(value);
      const previous = parseMeta(kv.get(key));
      const g: 0 | 1 = previous?.g === 0 ? 1 : 0;
      const chunks = split(text, chunkChars);
      try {
        chunks.forEach((chunk, i) => kv.set(chunkKey(g, i), chunk));
      } catch (error) {
        // Free what was half-written; the previous generation is untouched.
        for (let i = 0; i < chunks.length; i++) kv.remove(chunkKey(g, i));
        throw error;
      }
      kv.set(key, JSON.stringify({ g, n: chunks.length, len: text.length } satisfies Meta));
      removeGeneration(previous);
    },

    clear() {
      removeGeneration(parseMeta(kv.get(key)));
      kv.remove(key);
    },
  };
}

/** An in-memory KeyValueStore with an optional quota in characters (tests, and a fallback). */
export function memoryStore(quotaChars = Infinity): KeyValueStore & { size(): number; keys(): string[] } {
  const map = new Map<string, string>();
  const size = () => [...map.values()].reduce((sum, v) => sum + v.length, 0);
  return {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => {
      const after = size() - (map.get(k)?.length ?? 0) + v.length;
      if (after > quotaChars) throw new Error('setStorage:fail exceed storage max size');
      map.set(k, v);
    },
    remove: (k) => void map.delete(k),
    size,
    keys: () => [...map.keys()],
  };
}
