/**
 * One benchmark thread: a shopper socket that sends and an agent socket that receives, both
 * partysocket clients (Node's `ws` underneath) as the widget and the console use them. Against the
 * product they speak the room protocol; against the bare relay the same frames just pass through.
 */
import PartySocket from "partysocket";
import WS from "ws";
import type { Phase, Tally } from "./tally";

/** The product (room protocol, acks, resume) or the bare relay (frames pass through). */
export type TargetKind = "kefu" | "relay";

/** One thread's sockets: where they connect and with which tokens. */
export interface PairConfig {
  kind: TargetKind;
  /** `127.0.0.1:<port>` */
  host: string;
  index: number;
  /** The room: a thread id for the product, any name for the relay. */
  room: string;
  /** Which relay serves the room: the bare one, or the one storing each frame first. */
  party?: "relay" | "storing-relay";
  shopperToken?: string;
  agentToken?: string;
  /** Who serves the thread once it is open: the bot answers, or the agent takes it over. */
  servedBy: "bot" | "agent";
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


/**
 * A `ws` WebSocket that sends `CF-Connecting-IP`: locally nothing sets it for us, and each
 * simulated shopper and agent is a different client, as per-IP limits would see them in
 * production (where Cloudflare sets the header and a client cannot). It offers no per-message
 * compression: the product turns it off (wrangler.toml, `no_web_socket_compression`), but
 * locally wrangler's dev proxy would still negotiate it on its own hop to workerd and deflate
 * every frame there, for the relay and the product alike, which production never does.
 */
function wsFrom(ip: string) {
  return class extends WS {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { "CF-Connecting-IP": ip }, perMessageDeflate: false });
    }
  };
}

/** A ticket for one (re)connect to a thread's socket (POST /api/socket-tickets), from the client's address. */
async function socketTicket(host: string, token: string, ip: string, threadId: string): Promise<string> {
  const res = await fetch(`http://${host}/api/socket-tickets`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "CF-Connecting-IP": ip },
    body: JSON.stringify({ party: "conversation-room", name: threadId }),
  });
  if (!res.ok) throw new Error(`socket ticket refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** A distinct documentation-range address (198.18.0.0/15, reserved for benchmarks) per client. */
export function benchIp(n: number): string {
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

const startsWith = (data: string, type: string) => data.startsWith(`{"type":"${type}"`);

/** A shopper and an agent socket of one thread, recording into a shared tally. */
export class Pair {
  readonly shopper: PartySocket;
  readonly agent: PartySocket;
  /** Resolves when both sides are connected (and, for the product, joined the room). */
  readonly ready: Promise<void>;
  private agentSeq = 0;
  private shopperSeq = 0;
  private sendCount = 0;
  private agentSendCount = 0;
  /** The agent's take-over reply, resolved when the room acks it. */
  private takeOverAck: (() => void) | null = null;
  /** Frames sent and not acked yet: resent after a reconnect with their clientIds, as the widget does. */
  private readonly unacked = new Map<string, string>();
  /** Resends after reconnects (the server acks what it already had as a duplicate). */
  resent = 0;
  private handedOff = false;

  constructor(private readonly cfg: PairConfig) {
    const product = cfg.kind === "kefu";
    const party = product ? "conversation-room" : (cfg.party ?? "relay");
    const common = { host: cfg.host, party, room: cfg.room, maxEnqueuedMessages: 0, connectionTimeout: 20_000, minReconnectionDelay: 500 + Math.random() * 1000 };
    // Each (re)connect asks a fresh socket ticket, as the console and widget do; a reconnecting
    // client says the last seq it holds and the room replays what it missed.
    const query = (token: string | undefined, ip: string, channel: string, seq: () => number) => async () => ({
      ticket: await socketTicket(cfg.host, token ?? "", ip, cfg.room),
      channel,
      since: seq() > 0 ? String(seq()) : undefined,
    });
    const [shopperIp, agentIp] = [benchIp(2 * cfg.index), benchIp(2 * cfg.index + 1)];
    this.shopper = new PartySocket({ ...common, WebSocket: wsFrom(shopperIp), ...(product ? { query: query(cfg.shopperToken, shopperIp, "h5", () => this.shopperSeq) } : {}) });
    this.agent = new PartySocket({ ...common, WebSocket: wsFrom(agentIp), ...(product ? { query: query(cfg.agentToken, agentIp, "pc", () => this.agentSeq) } : {}) });
    this.ready = Promise.all([this.joined(this.shopper), this.joined(this.agent)]).then(() => undefined);
    this.shopper.addEventListener("message", (e) => this.onShopperFrame(String(e.data)));
    this.agent.addEventListener("message", (e) => this.onAgentFrame(String(e.data)));
    for (const s of [this.shopper, this.agent]) s.addEventListener("close", () => cfg.tally.closes++);
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

  get servedBy(): "bot" | "agent" {
    return this.cfg.servedBy;
  }

  private joined(socket: PartySocket): Promise<void> {
    const first = this.cfg.kind === "kefu" ? "message" : "open";
    return new Promise((resolve) => {
      const on = (e: Event) => {
        if (first === "message" && !startsWith(String((e as MessageEvent).data), "room.joined")) return;
        socket.removeEventListener(first, on);
        resolve();
      };
      socket.addEventListener(first, on);
    });
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
    const now = performance.now();
    this.cfg.tally.recordSend(clientId, phase, now, this.cfg.servedBy);
    if (phase === "measure") this.cfg.tally.sendLag.push(now - scheduledAt);
    const frame = JSON.stringify({ type: "message.send", clientId, kind: "text", text });
    if (this.cfg.kind === "kefu") this.unacked.set(clientId, frame);
    this.shopper.send(frame);
    return true;
  }

  /**
   * In an agent-served thread, the agent answers once after the shopper's first message and so
   * takes the session from the bot, as an agent picking up a chat does. Resolves on the room's ack.
   */
  takeOver(): Promise<void> {
    if (this.cfg.kind !== "kefu" || this.cfg.servedBy !== "agent") return Promise.resolve();
    const clientId = `a${this.cfg.index.toString(36).padStart(4, "0")}_${(this.agentSendCount++).toString(36).padStart(4, "0")}`;
    return new Promise((resolve) => {
      this.takeOverAck = resolve;
      this.agent.send(JSON.stringify({ type: "message.send", clientId, kind: "text", text: "您好，我是客服，这就为您处理" }));
    });
  }

  // Frames are told apart by their first bytes (`{"type":"…"`, as the room serialises them) so
  // the load generator only parses what it measures: it shares two cores with the server.
  private onShopperFrame(data: string): void {
    if (startsWith(data, "message.acked")) {
      const e = JSON.parse(data) as { clientId: string; seq: number };
      this.cfg.tally.recordAck(e.clientId);
      this.unacked.delete(e.clientId);
      this.shopperSeq = Math.max(this.shopperSeq, e.seq);
    } else if (this.cfg.kind !== "kefu") {
      return; // the relays send their senders nothing else
    } else if (startsWith(data, "error")) {
      const e = JSON.parse(data) as { error: { code: string }; clientId?: string };
      this.cfg.tally.recordError(e.error.code, e.clientId);
      if (e.clientId) this.unacked.delete(e.clientId);
    } else if (startsWith(data, "message.created") || startsWith(data, "messages.synced")) {
      const seq = /"seq":(\d+)/g;
      for (let m = seq.exec(data); m; m = seq.exec(data)) this.shopperSeq = Math.max(this.shopperSeq, Number(m[1]));
    }
  }

  private onAgentFrame(data: string): void {
    const now = performance.now();
    if (this.takeOverAck && startsWith(data, "message.acked")) {
      this.takeOverAck();
      this.takeOverAck = null;
      return;
    }
    if (this.cfg.kind === "relay") {
      this.cfg.tally.recordDelivery((JSON.parse(data) as { clientId: string }).clientId, now);
      return;
    }
    // A bot-served thread leaving the bot (a hand-off) means the run no longer has the mix it says.
    if (this.cfg.servedBy === "bot" && startsWith(data, "session.changed") && !data.includes('"status":"bot"') && !this.handedOff) {
      this.handedOff = true;
      this.cfg.tally.botHandOffs++;
    }
    type Msg = { seq: number; clientId: string; sender: { role: string } };
    let messages: Msg[] = [];
    // Only shoppers' messages are timed: a frame without a customer sender (the bot's answers, with
    // their article, are most frames) is not parsed, so the generator's own work does not delay
    // the receipts it times.
    if (!data.includes('"role":"customer"')) return;
    if (startsWith(data, "message.created")) messages = [(JSON.parse(data) as { message: Msg }).message];
    else if (startsWith(data, "messages.synced")) messages = (JSON.parse(data) as { messages: Msg[] }).messages;
    for (const m of messages) {
      this.agentSeq = Math.max(this.agentSeq, m.seq);
      if (m.sender.role === "customer") this.cfg.tally.recordDelivery(m.clientId, now);
    }
  }

  close(): void {
    this.shopper.close();
    this.agent.close();
  }
}
