/**
 * The per-isolate memo behind the bot's remembered answers and the shops' routing: what it
 * serves from memory, when it reads again, and that a burst of misses reads once.
 */
import { describe, expect, it } from "vitest";
import { ChangeCounts, FreshMemo } from "../../core/lib/fresh-memo";

/** A loader that counts its reads and answers with the read's number. */
function counter() {
  let reads = 0;
  return { load: async () => ++reads, reads: () => reads };
}

describe("FreshMemo", () => {
  it("serves a value until it is ttl old, then reads again", async () => {
    const memo = new FreshMemo<number>(1_000, 10);
    const c = counter();
    expect(await memo.get("k", "0", 0, c.load)).toBe(1);
    expect(await memo.get("k", "0", 999, c.load)).toBe(1);
    expect(await memo.get("k", "0", 1_000, c.load)).toBe(2);
    expect(c.reads()).toBe(2);
  });

  it("reads again at once when the version moved (a change made through this isolate)", async () => {
    const memo = new FreshMemo<number>(60_000, 10);
    const c = counter();
    await memo.get("k", "0", 0, c.load);
    expect(await memo.get("k", "1", 1, c.load)).toBe(2);
    expect(await memo.get("k", "1", 2, c.load)).toBe(2);
  });

  it("keeps keys apart", async () => {
    const memo = new FreshMemo<string>(60_000, 10);
    expect(await memo.get("apparel", "0", 0, async () => "a")).toBe("a");
    expect(await memo.get("electronics", "0", 0, async () => "e")).toBe("e");
    expect(await memo.get("apparel", "0", 1, async () => "x")).toBe("a");
  });

  it("shares one read among misses that arrive while it is out", async () => {
    const memo = new FreshMemo<number>(60_000, 10);
    let release!: (n: number) => void;
    let reads = 0;
    const load = () => {
      reads++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const waiting = [memo.get("k", "0", 0, load), memo.get("k", "0", 1, load), memo.get("k", "0", 2, load)];
    release(7);
    expect(await Promise.all(waiting)).toEqual([7, 7, 7]);
    expect(reads).toBe(1);
  });

  it("does not remember a failed read: the next get tries again", async () => {
    const memo = new FreshMemo<number>(60_000, 10);
    await expect(memo.get("k", "0", 0, async () => Promise.reject(new Error("D1 down")))).rejects.toThrow("D1 down");
    expect(await memo.get("k", "0", 1, async () => 5)).toBe(5);
  });

  it("reads again when the clock stepped back, and holds at most its capacity", async () => {
    const memo = new FreshMemo<number>(60_000, 2);
    const c = counter();
    await memo.get("k", "0", 10_000, c.load);
    expect(await memo.get("k", "0", 5_000, c.load)).toBe(2);
    await memo.get("a", "0", 5_000, c.load);
    await memo.get("b", "0", 5_000, c.load);
    expect(memo.size).toBe(2);
    expect(await memo.get("k", "0", 5_001, c.load)).toBe(5); // the oldest key was dropped
  });
});

describe("ChangeCounts as a memo's version", () => {
  it("makes the next read of a bumped key go to the loader, and only that key's", async () => {
    const memo = new FreshMemo<number>(60_000, 10);
    const changes = new ChangeCounts();
    const c = counter();
    const read = (key: string) => memo.get(key, String(changes.of(key)), 1_000, c.load);
    expect([await read("a"), await read("b")]).toEqual([1, 2]);
    changes.bump("a");
    expect([await read("a"), await read("b"), await read("a")]).toEqual([3, 2, 3]);
  });
});
