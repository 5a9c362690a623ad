/**
 * CPU time (Linux /proc) of this process's child processes of one name, e.g. the workerd that
 * Miniflare starts. Summed over many short intervals it gives the mean CPU cost of a request, a
 * figure that, unlike latency, hardly moves when other processes compete for the cores.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The pids of this process's children called `name` (none off Linux). */
export function childPids(name: string): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (comm === name && ppid === process.pid) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** User + system CPU of these processes so far, in ms (ticks of 10 ms). */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const rest = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      // After the comm: state(0) ppid(1) … utime(11) stime(12).
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // exited
    }
  }
  return ticks * TICK_MS;
}
