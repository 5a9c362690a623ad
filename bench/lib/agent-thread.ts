/**
 * The agents' sockets, on a thread of their own (started by agents.ts). Each agent socket times
 * the shopper messages it receives, so its receipts must not wait behind the generator's other
 * work: the shoppers' frames (acks, the bot's answers) and, above all, the main thread's garbage
 * collections, which under the product's traffic paused it for up to 20 ms a few times a run
 * (`npm run bench` prints them). Here a receipt is stamped as it arrives and reported in batches.
 */
import { parentPort } from "node:worker_threads";
import type PartySocket from "partysocket";
import type { FromAgents, ToAgents } from "./agents";
import { noGc, watchGc } from "./gc-watch";
import { benchIp, clockMs, joined, openSocket, startsWith, type ServedBy, type SocketTarget } from "./sockets";

/** What the thread tells the main thread at the next batch. */
const news = { deliveries: [] as (string | number)[], handOffs: 0, closes: 0, gc: noGc() };
const stopGcWatch = watchGc(news.gc);
const BATCH_MS = 20;

/** One thread's agent: receives, times shopper messages, and can take the session over. */
class AgentSide {
  readonly socket: PartySocket;
  readonly ready: Promise<void>;
  /** The last seq held, for the room to replay what a reconnect missed. */
  private seq = 0;
  private sendCount = 0;
  private handedOff = false;
  /** The take-over reply, resolved when the room acks it. */
  private takeOverAck: (() => void) | null = null;

  constructor(
    private readonly index: number,
    private readonly target: SocketTarget,
    token: string | undefined,
    private readonly servedBy: ServedBy,
  ) {
    this.socket = openSocket(target, { token, ip: benchIp(2 * index + 1), channel: "pc", seq: () => this.seq });
    this.ready = joined(this.socket, target.kind);
    this.socket.addEventListener("message", (e) => this.onFrame(String(e.data)));
    this.socket.addEventListener("close", () => news.closes++);
  }

  /**
   * In an agent-served thread, the agent answers once after the shopper's first message and so
   * takes the session from the bot, as an agent picking up a chat does. Resolves on the room's ack.
   */
  takeOver(): Promise<void> {
    const clientId = `a${this.index.toString(36).padStart(4, "0")}_${(this.sendCount++).toString(36).padStart(4, "0")}`;
    return new Promise((resolve) => {
      this.takeOverAck = resolve;
      this.socket.send(JSON.stringify({ type: "message.send", clientId, kind: "text", text: "您好，我是客服，这就为您处理" }));
    });
  }

  private onFrame(data: string): void {
    const now = clockMs();
    if (this.takeOverAck && startsWith(data, "message.acked")) {
      this.takeOverAck();
      this.takeOverAck = null;
      return;
    }
    if (this.target.kind === "relay") {
      news.deliveries.push((JSON.parse(data) as { clientId: string }).clientId, now);
      return;
    }
    // A bot-served thread leaving the bot (a hand-off) means the run no longer has the mix it says.
    if (this.servedBy === "bot" && startsWith(data, "session.changed") && !data.includes('"status":"bot"') && !this.handedOff) {
      this.handedOff = true;
      news.handOffs++;
    }
    // Only shoppers' messages are timed: a frame without a customer sender (the bot's answers, with
    // their article, are most frames) is not parsed.
    if (!data.includes('"role":"customer"')) return;
    type Msg = { seq: number; clientId: string; sender: { role: string } };
    let messages: Msg[] = [];
    if (startsWith(data, "message.created")) messages = [(JSON.parse(data) as { message: Msg }).message];
    else if (startsWith(data, "messages.synced")) messages = (JSON.parse(data) as { messages: Msg[] }).messages;
    for (const m of messages) {
      this.seq = Math.max(this.seq, m.seq);
      if (m.sender.role === "customer") news.deliveries.push(m.clientId, now);
    }
  }
}

const agents = new Map<number, AgentSide>();
const port = parentPort!;
const tell = (m: FromAgents) => port.postMessage(m);

function flush(): void {
  if (!news.deliveries.length && !news.handOffs && !news.closes && !news.gc.count) return;
  tell({ type: "news", ...news });
  news.deliveries = [];
  news.handOffs = 0;
  news.closes = 0;
  Object.assign(news.gc, noGc());
}
const batches = setInterval(flush, BATCH_MS);

port.on("message", (m: ToAgents) => {
  switch (m.type) {
    case "connect": {
      const agent = new AgentSide(m.index, m.target, m.token, m.servedBy);
      agents.set(m.index, agent);
      void agent.ready.then(() => tell({ type: "joined", index: m.index }));
      return;
    }
    case "takeOver":
      void agents.get(m.index)?.takeOver().then(() => tell({ type: "tookOver", index: m.index }));
      return;
    case "close":
      agents.get(m.index)?.socket.close();
      agents.delete(m.index);
      return;
    case "closeAll":
      for (const a of agents.values()) a.socket.close();
      agents.clear();
      clearInterval(batches);
      stopGcWatch();
      flush();
      tell({ type: "closed" });
      return;
  }
});
