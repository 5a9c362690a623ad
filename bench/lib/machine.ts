/**
 * What the numbers were measured on, printed with every run and stored in its result file: a
 * figure means nothing without the cores, the runtime versions and how busy the machine already was.
 */
import { readFileSync } from "node:fs";
import os from "node:os";

/** The machine a run was measured on. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  wrangler: string;
  /** 1-minute load average when the run started: above ~0.5 something else was using the CPU. */
  loadAvgAtStart: number;
  summary: string;
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** Cores, CPU model, memory, OS, Node and wrangler versions, and the load average now. */
export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  const info = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    wrangler: packageVersion("wrangler"),
    loadAvgAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
  };
  return {
    ...info,
    summary: `${info.cpus} × ${info.cpuModel}, ${info.memoryGb} GB, ${info.os}, Node ${info.node}, wrangler ${info.wrangler}, load average ${info.loadAvgAtStart}`,
  };
}
