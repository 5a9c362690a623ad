/**
 * Who used the CPU during a run (Linux /proc): the server's process group, this load generator,
 * and everything else on the machine. On a shared 2-core machine "everything else" is what makes
 * a run noisy, so every result carries it.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { groupPids, readStat } from "./procs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function machineBusyTicks(): number {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return user + nice + system + irq + softirq + (steal ?? 0);
}

/** CPU ticks of these processes: the workerd ones, and all (wrangler's Node, esbuild too). */
function groupTicks(pids: number[]): { workerd: number; all: number } {
  const ticks = { workerd: 0, all: 0 };
  for (const pid of pids) {
    const stat = readStat(pid);
    if (!stat) continue;
    const t = Number(stat.fields[11]) + Number(stat.fields[12]);
    ticks.all += t;
    if (stat.comm === "workerd") ticks.workerd += t;
  }
  return ticks;
}

/** CPU use in percent of the whole machine (100 % = every core busy). */
export interface CpuShare {
  /** The whole server process group; `workerd` is the runtime's part of it (the rest is wrangler printing logs). */
  server: number;
  workerd: number;
  loadGenerator: number;
  other: number;
}

/**
 * Starts counting; `stop()` returns the shares over the interval. The group's processes are
 * listed once, here: `stop()` reads only theirs, as it runs when the window's last receipts are
 * due (a scan of all /proc would hold them up).
 */
export function measureCpu(pgid: number): { stop(): CpuShare } {
  const pids = groupPids(pgid);
  const t0 = performance.now();
  const busy0 = machineBusyTicks();
  const group0 = groupTicks(pids);
  const self0 = process.cpuUsage();
  return {
    stop() {
      const capacityMs = (performance.now() - t0) * os.cpus().length;
      const busyMs = (machineBusyTicks() - busy0) * TICK_MS;
      const group = groupTicks(pids);
      const serverMs = (group.all - group0.all) * TICK_MS;
      const self = process.cpuUsage(self0);
      const selfMs = (self.user + self.system) / 1000;
      const pct = (ms: number) => Math.round((Math.max(0, ms) / capacityMs) * 1000) / 10;
      return { server: pct(serverMs), workerd: pct((group.workerd - group0.workerd) * TICK_MS), loadGenerator: pct(selfMs), other: pct(busyMs - serverMs - selfMs) };
    },
  };
}
