/**
 * Memory of a server under load, from /proc (Linux only): each process's peak resident set
 * (VmHWM, which the kernel keeps), summed over a process group, with the workerd processes apart
 * from wrangler's own Node process. Read once, after the run: sampling VmRSS every 500 ms, as
 * this did until 2026-11-23, scanned all of /proc on the load generator's thread, 2.6 ms each
 * time, during which every receipt due was stamped late.
 */
import { readFileSync } from "node:fs";
import { groupPids, readStat } from "./procs";

/** A process's peak resident set so far (kB), or null once it has exited. */
function peakKb(pid: number): number | null {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return null;
  }
}

/** Peak resident memory, in MB. */
export interface RssPeak {
  /** Sum over the workerd processes (the runtime that holds the Worker and its objects). */
  workerdMb: number;
  /** Sum over the whole group, wrangler's Node process included. */
  groupMb: number;
}

/**
 * The group's peak resident memory so far: each process's own peak, summed (an upper bound of
 * what was resident at once; workerd's is nearly all of it, the Worker's process most of that).
 */
export function peakRss(pgid: number): RssPeak {
  const kb = { workerd: 0, all: 0 };
  for (const pid of groupPids(pgid)) {
    const comm = readStat(pid)?.comm;
    const peak = peakKb(pid);
    if (comm === undefined || peak === null) continue;
    kb.all += peak;
    if (comm === "workerd") kb.workerd += peak;
  }
  return { workerdMb: Math.round(kb.workerd / 1024), groupMb: Math.round(kb.all / 1024) };
}
