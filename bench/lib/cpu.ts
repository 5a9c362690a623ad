/**
 * Who used the CPU during a run (Linux /proc): the server's process group, this load generator,
 * and everything else on the machine. On a shared 2-core machine "everything else" is what makes
 * a run noisy, so every result carries it.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function machineBusyTicks(): number {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return user + nice + system + irq + softirq + (steal ?? 0);
}

/** The processes of a group now (one scan of /proc, a few ms: done where no receipt is due). */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid) pids.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** CPU ticks of these processes: the workerd ones, and all (wrangler's Node, esbuild too). */
function groupTicks(pids: number[]): { workerd: number; all: number } {
  const ticks = { workerd: 0, all: 0 };
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the comm: state(0) ppid(1) pgrp(2) … utime(11) stime(12).
      const t = Number(rest[11]) + Number(rest[12]);
      ticks.all += t;
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) === "workerd") ticks.workerd += t;
    } catch {
      // exited meanwhile
    }
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
