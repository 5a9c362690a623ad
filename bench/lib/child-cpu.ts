/**
 * CPU time (Linux /proc) of this process's child processes of one name, e.g. the workerd that
 * Miniflare starts. Summed over many short intervals it gives the mean CPU cost of a request, a
 * figure that, unlike latency, hardly moves when other processes compete for the cores.
 */
import { readdirSync } from "node:fs";
import { readStat } from "./procs";

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
    const stat = readStat(Number(entry));
    if (stat?.comm === name && Number(stat.fields[1]) === process.pid) pids.push(Number(entry));
  }
  return pids;
}

/** User + system CPU of these processes so far, in ms (ticks of 10 ms). */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) ticks += Number(stat.fields[11]) + Number(stat.fields[12]);
  }
  return ticks * TICK_MS;
}
