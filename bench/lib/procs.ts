/** The processes of a process group, from /proc (Linux only); shared by the CPU, memory and priority readings. */
import { readdirSync, readFileSync } from "node:fs";

/** A process's `stat` line split after its `comm` (in parentheses, which may hold spaces): state(0) ppid(1) pgrp(2) … utime(11) stime(12). */
export function readStat(pid: number): { comm: string; fields: string[] } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    return { comm: stat.slice(stat.indexOf("(") + 1, close), fields: stat.slice(close + 2).split(" ") };
  } catch {
    return null; // exited meanwhile
  }
}

/** The group's processes now: one scan of /proc, a few ms, so done where no receipt is due. */
export function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    if (Number(readStat(Number(name))?.fields[2]) === pgid) pids.push(Number(name));
  }
  return pids;
}
