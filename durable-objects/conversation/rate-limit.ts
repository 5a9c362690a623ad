/**
 * A token bucket per connection id. Kept in memory: after hibernation a bucket starts full,
 * which only ever errs in the sender's favour by one burst.
 *
 * The map is bounded. It is kept in last-use order (a Map iterates in insertion order, and every
 * use re-inserts its key), so when it outgrows `maxBuckets` the buckets dropped are the ones that
 * refilled completely (forgetting them changes nothing: a new bucket starts full) and then, only
 * if that is not enough, the longest idle. A connection that keeps sending is always the most
 * recently used, so others coming and going never hand it a fresh burst.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly maxBuckets = 10_000,
  ) {}

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * this.perSecond);
    b.at = now;
    // Re-insert: this key is now the most recently used (and never evicted by its own call).
    this.buckets.delete(key);
    if (this.buckets.size >= this.maxBuckets) this.evict(now);
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Buckets held now (for tests and diagnostics). */
  get size(): number {
    return this.buckets.size;
  }

  /**
   * Brings the map down to 90% of its bound, so the O(n) sweep runs once per 10% of new keys:
   * first every bucket that has refilled, then the least recently used.
   */
  private evict(now: number): void {
    const target = Math.floor(this.maxBuckets * 0.9);
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
    }
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(k);
    }
  }
}
