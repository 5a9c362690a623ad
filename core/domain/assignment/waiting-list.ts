/**
 * The waiting list's order and the figures shown to waiting shoppers.
 */

export interface WaitingEntry {
  sessionId: string;
  groupKey: string;
  priority: number;
  enqueuedAt: number;
}

/** Higher priority first, then who waited longest, then id (stable). */
export function compareWaiting(a: WaitingEntry, b: WaitingEntry): number {
  return b.priority - a.priority || a.enqueuedAt - b.enqueuedAt || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);
}

/** 1-based positions within each group, in queue order. */
export function positionsByGroup(entries: readonly WaitingEntry[]): Map<string, number> {
  const sorted = [...entries].sort(compareWaiting);
  const counters = new Map<string, number>();
  const out = new Map<string, number>();
  for (const e of sorted) {
    const n = (counters.get(e.groupKey) ?? 0) + 1;
    counters.set(e.groupKey, n);
    out.set(e.sessionId, n);
  }
  return out;
}

/**
 * Estimated wait: the sessions ahead are served `servers` at a time (online agents' free
 * and soon-free seats), each taking about `avgHandleSec`.
 */
export function estimateWaitSec(position: number, servers: number, avgHandleSec: number): number {
  return Math.ceil(position / Math.max(1, servers)) * Math.round(avgHandleSec);
}

/** Exponentially weighted moving average, for handle times. */
export function ewma(previous: number, sample: number, weight = 0.2): number {
  return previous + weight * (sample - previous);
}
