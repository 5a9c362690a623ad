/**
 * The generator's own garbage collections, as Node reports them: a thread is paused while one
 * runs, and whatever it would have timed then is stamped late.
 */
import { constants, PerformanceObserver } from "node:perf_hooks";

/** Collections counted: how many, how many were full (mark-compact), their total and longest pause (ms). */
export interface GcCount {
  count: number;
  full: number;
  totalMs: number;
  maxMs: number;
}

export const noGc = (): GcCount => ({ count: 0, full: 0, totalMs: 0, maxMs: 0 });

/** Adds one count to another. */
export function addGc(to: GcCount, from: GcCount): void {
  to.count += from.count;
  to.full += from.full;
  to.totalMs += from.totalMs;
  to.maxMs = Math.max(to.maxMs, from.maxMs);
}

/** Counts this thread's collections into `into` until the returned stop is called. */
export function watchGc(into: GcCount): () => void {
  const watch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const full = (e as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
      addGc(into, { count: 1, full: full ? 1 : 0, totalMs: e.duration, maxMs: e.duration });
    }
  });
  watch.observe({ entryTypes: ["gc"] });
  return () => watch.disconnect();
}

/** Rounded for printing. */
export function roundGc(g: GcCount): GcCount {
  return { count: g.count, full: g.full, totalMs: Math.round(g.totalMs), maxMs: Math.round(g.maxMs * 10) / 10 };
}
