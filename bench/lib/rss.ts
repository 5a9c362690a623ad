/**
 * Memory of a server under load, from /proc (Linux only): each process's peak resident set
 * (VmHWM, which the kernel keeps), summed over a process group, with the workerd processes apart
 * from wrangler's own Node process. Read once, after the run: sampling VmRSS every 500 ms, as
 * this did until 2026-11-23, scanned all of /proc on the load generator's thread, 2.6 ms each
 * time, during which every receipt due was stamped late.
 */
import { readdirSync, readFileSync } from "node:fs";

interface ProcRss {
  pid: number;
  comm: string;
  rssKb: number;
  /** The process's peak resident set so far. */
  hwmKb: number;
}

function readProc(pid: number): { pgid: number; comm: string; rssKb: number; hwmKb: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // `comm` is in parentheses and may contain spaces; the fields after it are space-separated.
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const pgid = Number(stat.slice(close + 2).split(" ")[2]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { pgid, comm, rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
  } catch {
    return null; // exited between listing and reading
  }
}

/** The processes of a group and their resident memory now. */
export function groupRss(pgid: number): ProcRss[] {
  const out: ProcRss[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name));
    if (p && p.pgid === pgid) out.push({ pid: Number(name), comm: p.comm, rssKb: p.rssKb, hwmKb: p.hwmKb });
  }
  return out;
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
  const procs = groupRss(pgid);
  const mb = (list: ProcRss[]) => Math.round(list.reduce((n, p) => n + p.hwmKb, 0) / 1024);
  return { workerdMb: mb(procs.filter((p) => p.comm === "workerd")), groupMb: mb(procs) };
}
