/**
 * The per-connection message limiter (durable-objects/conversation/rate-limit.ts) stays bounded
 * without ever handing a busy connection a fresh burst: eviction drops refilled buckets, then the
 * least recently used, never everyone.
 */
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../durable-objects/conversation/rate-limit";

const BURST = 20;
const PER_SECOND = 5;

/** Sends until refused; returns how many were allowed. */
function drain(limiter: RateLimiter, key: string, now: number): number {
  let n = 0;
  while (limiter.take(key, now)) n++;
  return n;
}

describe("RateLimiter", () => {
  it("allows a burst, then the refill rate", () => {
    const limiter = new RateLimiter(BURST, PER_SECOND);
    expect(drain(limiter, "a", 0)).toBe(BURST);
    expect(limiter.take("a", 100)).toBe(false);
    expect(limiter.take("a", 200)).toBe(true); // 200 ms at 5/s is one token
  });

  it("keeps limiting a busy connection while 30,000 others come and go", () => {
    const limiter = new RateLimiter(BURST, PER_SECOND, 10_000);
    const t = 1_000_000;
    expect(drain(limiter, "busy", t)).toBe(BURST);
    for (let i = 0; i < 30_000; i++) {
      limiter.take(`other-${i}`, t); // each sends one message and leaves
      if (i % 100 === 0) expect(limiter.take("busy", t), `after ${i} others`).toBe(false);
    }
    expect(limiter.take("busy", t)).toBe(false);
    expect(limiter.size).toBeLessThanOrEqual(10_000);
  });

  it("evicts refilled buckets before any that are still draining", () => {
    const limiter = new RateLimiter(BURST, PER_SECOND, 100);
    // An attacker empties its bucket, then falls silent while a crowd arrives after it.
    expect(drain(limiter, "quiet", 0)).toBe(BURST);
    for (let i = 0; i < 99; i++) limiter.take(`old-${i}`, 0);
    // One second later: "quiet" has 5 tokens back, the old crowd is full again (19 + 5 ≥ 20).
    for (let i = 0; i < 20; i++) limiter.take(`new-${i}`, 1000);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // "quiet" was the oldest entry but not refilled, so it was kept: 5 tokens, not a fresh 20.
    expect(drain(limiter, "quiet", 1000)).toBe(5);
  });

  it("drops the least recently used when none has refilled", () => {
    const limiter = new RateLimiter(BURST, PER_SECOND, 10);
    for (let i = 0; i < 10; i++) drain(limiter, `k${i}`, 0);
    expect(limiter.take("k0", 0)).toBe(false); // k0 is now the most recent
    limiter.take("new", 0); // over the bound: k1 (least recent) goes, k0 stays
    expect(limiter.take("k0", 0)).toBe(false);
    expect(limiter.take("k1", 0)).toBe(true); // forgotten: a new bucket
  });
});
