/**
 * A small least-recently-used cache (a Map keeps insertion order: re-inserting on read moves an
 * entry to the back, and the front is the oldest). Per isolate (or process), so it only saves
 * repeated work.
 * Bounded by entry count, or by a weight of each value (e.g. its size) when `weigh` is given.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; weight: number }>();
  #total = 0;

  /** `capacity`: most entries, or most total weight with `weigh`. */
  constructor(
    readonly capacity: number,
    readonly weigh: (value: V) => number = () => 1,
  ) {}

  /** The value, marked as just used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value, evicting the least recently used entries while over capacity. */
  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    if (weight > this.capacity) return; // would evict everything else and still not fit
    this.#entries.set(key, { value, weight });
    this.#total += weight;
    while (this.#total > this.capacity) this.delete(this.#entries.keys().next().value as K);
  }

  /** Forgets a key. */
  delete(key: K): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#total -= entry.weight;
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
    this.#total = 0;
  }

  get size(): number {
    return this.#entries.size;
  }
}
