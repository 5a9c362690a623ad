/**
 * The load generator's own garbage collections, as Node reports them: its thread is paused while
 * one runs, and a receipt due meanwhile is stamped late, as a slow message of the server measured.
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

/** Counts this thread's collections into `into` until the returned stop is called. */
export function watchGc(into: GcCount): () => void {
  const watch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      into.count++;
      if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) into.full++;
      into.totalMs += e.duration;
      into.maxMs = Math.max(into.maxMs, e.duration);
    }
  });
  watch.observe({ entryTypes: ["gc"] });
  return () => watch.disconnect();
}

/** Rounded for printing. */
export function roundGc(g: GcCount): GcCount {
  return { count: g.count, full: g.full, totalMs: Math.round(g.totalMs), maxMs: Math.round(g.maxMs * 10) / 10 };
}

/** A full collection of the generator's heap, when Node runs with --expose-gc (else nothing). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
