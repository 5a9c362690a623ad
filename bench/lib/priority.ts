/**
 * The server under test before the load generator, when the two share the machine's cores.
 *
 * In production the shoppers' and agents' clients run on other machines; here the load generator
 * runs beside the server, and on two cores its bursts (its garbage collections, a burst of
 * receipts) take the core the server's thread was about to run on. That time off the CPU lands in
 * the latencies of whichever server is running, and more in the one with more work per message.
 * Raising every thread of the server's process group (Linux nice is per thread) to a higher
 * priority than the generator's keeps the generator from pre-empting it; both servers of a run
 * get the same. It needs the privilege to raise priorities (root, or CAP_SYS_NICE); without it the
 * run goes on at equal priorities and says so.
 */
import { readdirSync } from "node:fs";
import os from "node:os";
import { groupPids } from "./procs";

/** The nice value the servers run at (the generator stays at its own, normally 0). */
export const SERVER_NICE = -10;

/** What `raiseServerPriority` did: threads raised, or why none were. */
export type PriorityResult = { threads: number; nice: number } | { threads: 0; refused: string };

/** Raises every thread of the process group to SERVER_NICE. */
export function raiseServerPriority(pgid: number): PriorityResult {
  let threads = 0;
  for (const pid of groupPids(pgid)) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const tid of tids) {
      try {
        os.setPriority(Number(tid), SERVER_NICE);
        threads++;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        if (code === "EACCES" || code === "EPERM" || /permission/i.test(String(code))) return { threads: 0, refused: String(code) };
        // ESRCH: the thread ended between listing and raising.
      }
    }
  }
  return { threads, nice: SERVER_NICE };
}

/** One line for the run's output. */
export function describePriority(r: PriorityResult): string {
  return "refused" in r
    ? `server priority: not raised (${r.refused}: needs root or CAP_SYS_NICE), server and load generator at equal priority`
    : `server priority: nice ${r.nice} on its ${r.threads} threads, the load generator at ${os.getPriority()}`;
}
