/**
 * The main thread's handle on the agents' thread (agent-thread.ts): connects agents, asks them to
 * take sessions over, and puts what they received into the run's tally.
 */
import { Worker } from "node:worker_threads";
import type { Tally } from "./tally";
import type { ServedBy, SocketTarget } from "./sockets";
import { addGc, noGc, type GcCount } from "./gc-watch";

/** Main thread → agents' thread. */
export type ToAgents =
  | { type: "connect"; index: number; target: SocketTarget; token?: string; servedBy: ServedBy }
  | { type: "takeOver"; index: number }
  | { type: "close"; index: number }
  | { type: "closeAll" };

/** Agents' thread → main thread. `deliveries` alternates clientId and receipt time (clockMs). */
export type FromAgents =
  | { type: "joined"; index: number }
  | { type: "tookOver"; index: number }
  | { type: "news"; deliveries: (string | number)[]; handOffs: number; closes: number; gc: GcCount }
  | { type: "closed" };

export class AgentThread {
  private readonly worker: Worker;
  /** Who waits for which answer, by `${type}:${index}`. */
  private readonly waiting = new Map<string, { resolve: () => void; reject: (err: Error) => void }>();
  private failure: Error | null = null;
  /** The thread's garbage collections reported since this was last reset. */
  gc: GcCount = noGc();

  constructor(private readonly tally: Tally) {
    // The thread runs TypeScript as the main thread does (tsx), registered before its module loads.
    const entry = new URL("./agent-thread.ts", import.meta.url).href;
    this.worker = new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
    this.worker.on("message", (m: FromAgents) => this.onMessage(m));
    this.worker.on("error", (err) => {
      this.failure = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  /** Connects thread `index`'s agent; resolves once it has joined the room. */
  connect(index: number, target: SocketTarget, token: string | undefined, servedBy: ServedBy): Promise<void> {
    return this.ask("joined", index, { type: "connect", index, target, token, servedBy });
  }

  /** The agent of thread `index` answers once and so takes the session; resolves on the room's ack. */
  takeOver(index: number): Promise<void> {
    return this.ask("tookOver", index, { type: "takeOver", index });
  }

  close(index: number): void {
    this.tell({ type: "close", index });
  }

  /** Closes every agent, takes the last receipts, and ends the thread. */
  async stop(): Promise<void> {
    await this.ask("closed", -1, { type: "closeAll" });
    await this.worker.terminate();
  }

  private ask(answer: FromAgents["type"], index: number, m: ToAgents): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(`${answer}:${index}`, { resolve, reject });
      this.tell(m);
    });
  }

  private tell(m: ToAgents): void {
    this.worker.postMessage(m);
  }

  private onMessage(m: FromAgents): void {
    if (m.type === "news") {
      for (let i = 0; i < m.deliveries.length; i += 2) this.tally.recordDelivery(m.deliveries[i] as string, m.deliveries[i + 1] as number);
      this.tally.botHandOffs += m.handOffs;
      this.tally.closes += m.closes;
      addGc(this.gc, m.gc);
      return;
    }
    const key = `${m.type}:${m.type === "closed" ? -1 : m.index}`;
    this.waiting.get(key)?.resolve();
    this.waiting.delete(key);
  }
}
