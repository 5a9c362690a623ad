/**
 * The load generator's own costs over a measured window: how busy its thread was and its garbage
 * collections, as Node reports them. A receipt that arrives while the thread is busy, or paused by
 * a collection, is stamped late, as a slow message of the server measured.
 */
import { constants, performance, PerformanceObserver } from "node:perf_hooks";

/** Collections counted: how many, how many were full (mark-compact), their total and longest pause (ms). */
export interface GcCount {
  count: number;
  full: number;
  totalMs: number;
  maxMs: number;
}

export interface GeneratorCost {
  /** Share of the window the thread was busy (%). */
  busyPct: number;
  gc: GcCount;
}

/** Starts watching this thread; `stop()` returns what the window cost. */
export function watchGenerator(): { stop: () => GeneratorCost } {
  const gc: GcCount = { count: 0, full: 0, totalMs: 0, maxMs: 0 };
  const watch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.full++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
    }
  });
  watch.observe({ entryTypes: ["gc"] });
  const from = performance.eventLoopUtilization();
  return {
    stop: () => {
      watch.disconnect();
      return {
        busyPct: Math.round(performance.eventLoopUtilization(from).utilization * 1000) / 10,
        gc: { count: gc.count, full: gc.full, totalMs: Math.round(gc.totalMs), maxMs: Math.round(gc.maxMs * 10) / 10 },
      };
    },
  };
}

/** A full collection of the generator's heap, when Node runs with --expose-gc (else nothing). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
