/**
 * Memory of a server under load: the resident set (VmRSS) of every process in a process group,
 * sampled from /proc (Linux only). The peak of the sum is what the machine had to hold at once;
 * the workerd processes are reported apart from wrangler's own Node process.
 */
import { readdirSync, readFileSync } from "node:fs";

interface ProcRss {
  pid: number;
  comm: string;
  rssKb: number;
}

function readProc(pid: number): { pgid: number; comm: string; rssKb: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // `comm` is in parentheses and may contain spaces; the fields after it are space-separated.
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const pgid = Number(stat.slice(close + 2).split(" ")[2]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return { pgid, comm, rssKb: m ? Number(m[1]) : 0 };
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
    if (p && p.pgid === pgid) out.push({ pid: Number(name), comm: p.comm, rssKb: p.rssKb });
  }
  return out;
}

/** Peak resident memory seen while sampling, in MB. */
export interface RssPeak {
  /** Sum over the workerd processes (the runtime that holds the Worker and its objects). */
  workerdMb: number;
  /** Sum over the whole group, wrangler's Node process included. */
  groupMb: number;
  samples: number;
}

/** Samples a process group every `intervalMs` until stopped; returns the peaks. */
export function sampleRss(pgid: number, intervalMs = 500): { stop(): RssPeak } {
  const peak: RssPeak = { workerdMb: 0, groupMb: 0, samples: 0 };
  const take = () => {
    const procs = groupRss(pgid);
    const mb = (list: ProcRss[]) => list.reduce((n, p) => n + p.rssKb, 0) / 1024;
    peak.workerdMb = Math.max(peak.workerdMb, mb(procs.filter((p) => p.comm === "workerd")));
    peak.groupMb = Math.max(peak.groupMb, mb(procs));
    peak.samples++;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { ...peak, workerdMb: Math.round(peak.workerdMb), groupMb: Math.round(peak.groupMb) };
    },
  };
}
