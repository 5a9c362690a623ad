/**
 * One benchmark thread: a shopper socket that sends, on the generator's main thread, and an
 * agent socket that receives, on the agents' thread (agent-thread.ts). Against the product they
 * speak the room protocol; against the bare relay the same frames just pass through.
 */
import type PartySocket from "partysocket";
import WS from "ws";
import type { AgentThread } from "./agents";
import type { Phase, Tally } from "./tally";
import { benchIp, clockMs, joined, openSocket, startsWith, type ServedBy, type SocketTarget } from "./sockets";

/** One thread's sockets: where they connect and with which tokens. */
export interface PairConfig extends SocketTarget {
  index: number;
  shopperToken?: string;
  agentToken?: string;
  /** Who serves the thread once it is open: the bot answers, or the agent takes it over. */
  servedBy: ServedBy;
  tally: Tally;
}

/**
 * What shoppers ask in a bot-served thread: the frequent questions every shop's knowledge covers
 * (the platform's rules, reworded as shoppers type them), each one the bot answers. In an
 * agent-served thread they write free text the bot would not know. (Not "优惠券用不了": the mood
 * scorer reads it as a complaint and the bot hands the thread to a person, so the thread would
 * stop being bot-served; the run counts such hand-offs to show the mix held.)
 */
const FREQUENT_QUESTIONS = [
  "怎么退货", "退款什么时候到", "发票怎么开", "地址填错了怎么改", "优惠券怎么用", "可以用花呗吗",
  "退货要自己付运费吗", "不想要了能取消吗", "降价了能退差价吗", "How do I return an item?",
];

/** A thread's shopper socket, with its agent on the agents' thread, recording into a shared tally. */
export class Pair {
  readonly shopper: PartySocket;
  /** Resolves when both sides are connected (and, for the product, joined the room). */
  readonly ready: Promise<void>;
  private shopperSeq = 0;
  private sendCount = 0;
  /** Frames sent and not acked yet: resent after a reconnect with their clientIds, as the widget does. */
  private readonly unacked = new Map<string, string>();
  /** Resends after reconnects (the server acks what it already had as a duplicate). */
  resent = 0;

  constructor(
    private readonly cfg: PairConfig,
    private readonly agents: AgentThread,
  ) {
    this.shopper = openSocket(cfg, { token: cfg.shopperToken, ip: benchIp(2 * cfg.index), channel: "h5", seq: () => this.shopperSeq });
    const target: SocketTarget = { kind: cfg.kind, host: cfg.host, room: cfg.room, party: cfg.party };
    this.ready = Promise.all([joined(this.shopper, cfg.kind), agents.connect(cfg.index, target, cfg.agentToken, cfg.servedBy)]).then(() => undefined);
    this.shopper.addEventListener("message", (e) => this.onShopperFrame(String(e.data)));
    this.shopper.addEventListener("close", () => cfg.tally.closes++);
    let opened = 0;
    this.shopper.addEventListener("open", () => {
      if (opened++ === 0 || cfg.kind !== "kefu") return;
      for (const frame of this.unacked.values()) this.shopper.send(frame);
      this.resent += this.unacked.size;
    });
  }

  get index(): number {
    return this.cfg.index;
  }

  get servedBy(): ServedBy {
    return this.cfg.servedBy;
  }

  /** Sends one text message; false when the shopper's socket is not open (nothing was sent). */
  send(phase: Phase, scheduledAt: number): boolean {
    if (this.shopper.readyState !== WS.OPEN) return false;
    const clientId = `b${this.cfg.index.toString(36).padStart(4, "0")}_${(this.sendCount++).toString(36).padStart(4, "0")}`;
    const text =
      phase === "first"
        ? "你好，请问这件商品什么时候发货？"
        : this.cfg.servedBy === "bot"
          ? FREQUENT_QUESTIONS[(this.cfg.index + this.sendCount) % FREQUENT_QUESTIONS.length]!
          : `bench message ${this.sendCount} of thread ${this.cfg.index}`;
    this.cfg.tally.recordSend(clientId, phase, clockMs(), this.cfg.servedBy);
    if (phase === "measure") this.cfg.tally.sendLag.push(performance.now() - scheduledAt);
    const frame = JSON.stringify({ type: "message.send", clientId, kind: "text", text });
    if (this.cfg.kind === "kefu") this.unacked.set(clientId, frame);
    this.shopper.send(frame);
    return true;
  }

  /** In an agent-served thread of the product, the agent answers once and takes the session (agent-thread.ts). */
  takeOver(): Promise<void> {
    if (this.cfg.kind !== "kefu" || this.cfg.servedBy !== "agent") return Promise.resolve();
    return this.agents.takeOver(this.cfg.index);
  }

  private onShopperFrame(data: string): void {
    if (this.cfg.kind !== "kefu") return;
    if (startsWith(data, "message.acked")) {
      const e = JSON.parse(data) as { clientId: string; seq: number };
      this.cfg.tally.recordAck(e.clientId);
      this.unacked.delete(e.clientId);
      this.shopperSeq = Math.max(this.shopperSeq, e.seq);
    } else if (startsWith(data, "error")) {
      const e = JSON.parse(data) as { error: { code: string }; clientId?: string };
      this.cfg.tally.recordError(e.error.code, e.clientId);
      if (e.clientId) this.unacked.delete(e.clientId);
    } else if (startsWith(data, "message.created") || startsWith(data, "messages.synced")) {
      const seq = /"seq":(\d+)/g;
      for (let m = seq.exec(data); m; m = seq.exec(data)) this.shopperSeq = Math.max(this.shopperSeq, Number(m[1]));
    }
  }

  close(): void {
    this.shopper.close();
    this.agents.close(this.cfg.index);
  }
}
