/**
 * Values remembered for a short while, per isolate or per room: what many requests read and few
 * change (a shop's routing rules, whether it has knowledge, the answer to a frequent question, a
 * shopper's orders). An entry serves while it is younger than `ttlMs` and its `version` (the
 * caller's change counter, bumped when the caller learns that what the value was read from
 * changed) is unchanged; `ttlMs` bounds how late a change it is not told of is seen. Concurrent
 * misses of one key share a single load (a burst of sessions opening at once costs one read, not
 * one each); a failed load is not remembered.
 */
import { LruCache } from "./lru";

interface Entry<V> {
  value: Promise<V>;
  at: number;
  version: string;
}

export class FreshMemo<V> {
  readonly #entries: LruCache<string, Entry<V>>;

  constructor(
    readonly ttlMs: number,
    maxEntries: number,
  ) {
    this.#entries = new LruCache(maxEntries);
  }

  /**
   * The remembered value for `key`, or `load()`'s (then remembered). Read `version` before
   * loading: a change landing during the load then leaves an entry that is already stale.
   */
  get(key: string, version: string, now: number, load: () => Promise<V>): Promise<V> {
    const known = this.#entries.get(key);
    // `now < at`: a clock that stepped back would otherwise keep an entry fresh for too long.
    if (known && known.version === version && now - known.at < this.ttlMs && now >= known.at) return known.value;
    const entry: Entry<V> = { value: load(), at: now, version };
    this.#entries.set(key, entry);
    entry.value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry.value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Change counters per key, as FreshMemo versions: bump a key when what its values were read from changed. */
export class ChangeCounts {
  readonly #counts = new Map<string, number>();

  of(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  bump(key: string): void {
    this.#counts.set(key, this.of(key) + 1);
  }
}
