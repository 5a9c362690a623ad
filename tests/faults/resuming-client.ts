/**
 * A chat client that behaves like the widget and the console after a network fault: it remembers
 * every message it has seen (its view), the highest seq it holds, and the messages it sent but saw
 * no ack for; after a drop it reconnects with `since` and resends the unacked ones with their
 * original clientIds. Waiting is on frames, never on timers.
 */
import { api } from "../helpers/fixtures";
import { cid, connect, type SocketClient } from "../helpers/socket";
import type { ChatMessage, ServerEvent } from "../../core/protocol";

/** One client (a shopper channel or a console) of one thread, across any number of reconnects. */
export class ResumingClient {
  private conn: SocketClient | null = null;
  /** Stops listening to the current socket: a real client ignores a socket it has given up on. */
  private detach: () => void = () => undefined;
  /** Every message this client has been shown, by seq. */
  readonly view = new Map<number, ChatMessage>();
  /** Times a seq was shown again (a server-side duplicate delivery). */
  redelivered = 0;
  /** Acked clientIds and the seq the room gave them (the last ack wins; they must agree). */
  readonly acked = new Map<string, number>();
  /** Acks saying the room already had the message (a resend). */
  duplicateAcks = 0;
  /** Acks that named a different seq for a clientId than an earlier ack did. */
  readonly conflictingAcks: string[] = [];
  /** Sent, not acked yet: resent after every reconnect. */
  readonly pending = new Map<string, string>();
  /** The text of every message sent, by clientId. */
  readonly texts = new Map<string, string>();
  readonly errors: string[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly thread: string,
    private readonly token: string,
    readonly label: string,
  ) {}

  get maxSeq(): number {
    return Math.max(0, ...this.view.keys());
  }

  get connected(): boolean {
    return this.conn !== null;
  }

  /** Connects (with `since` when it holds messages), waits for the join and the replay, resends pending. */
  async open(): Promise<void> {
    const since = this.maxSeq;
    const conn = await connect(this.thread, this.token, since > 0 ? { since } : {});
    this.conn = conn;
    let seen = 0;
    let live = true;
    this.detach = () => (live = false);
    const drain = () => {
      for (; live && seen < conn.frames.length; seen++) this.onFrame(conn.frames[seen]!);
      this.waiters.splice(0).forEach((w) => w());
    };
    conn.ws.addEventListener("message", () => queueMicrotask(drain));
    drain();
    await conn.next("messages.synced");
    for (const [clientId, text] of this.pending) conn.send({ type: "message.send", clientId, kind: "text", text });
  }

  /** Sends a new text message; returns its clientId. */
  send(text: string): string {
    const clientId = cid();
    this.pending.set(clientId, text);
    this.texts.set(clientId, text);
    this.conn?.send({ type: "message.send", clientId, kind: "text", text });
    return clientId;
  }

  /** Sends an already-acked message again, as a client that lost the ack would. */
  resendAcked(clientId: string): void {
    this.conn?.send({ type: "message.send", clientId, kind: "text", text: this.texts.get(clientId) });
  }

  /** Forgets that these were acked, as a client whose socket died before the acks arrived. */
  forgetAcks(clientIds: string[]): void {
    for (const id of clientIds) {
      this.acked.delete(id);
      this.pending.set(id, this.texts.get(id)!);
    }
  }

  /** Drops the socket without waiting for anything in flight. */
  drop(): void {
    this.detach();
    this.conn?.close();
    this.conn = null;
  }

  /** Resolves once `done()` holds, re-checking on every frame; rejects after `timeoutMs`. */
  until(done: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.label}: timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }

  private onFrame(f: ServerEvent): void {
    if (f.type === "message.created") this.show(f.message);
    else if (f.type === "messages.synced") {
      f.messages.forEach((m) => this.show(m));
      if (f.more) this.conn?.send({ type: "history.sync", afterSeq: this.maxSeq });
    } else if (f.type === "message.acked") {
      const before = this.acked.get(f.clientId);
      if (before !== undefined && before !== f.seq) this.conflictingAcks.push(f.clientId);
      this.acked.set(f.clientId, f.seq);
      this.pending.delete(f.clientId);
      // The ack carries the stored message (the sender gets no message.created for it). A
      // duplicate ack repeats one the room stored earlier, which this client may have seen.
      if (f.duplicate) {
        this.duplicateAcks++;
        if (!this.view.has(f.seq)) this.view.set(f.seq, f.message);
      } else this.show(f.message);
    } else if (f.type === "error") this.errors.push(`${f.error.code}: ${f.error.message}`);
  }

  private show(m: ChatMessage): void {
    if (this.view.has(m.seq)) this.redelivered++;
    this.view.set(m.seq, m);
  }
}

/** The whole log of a thread as `token`'s holder may read it, paged over HTTP, oldest first. */
export async function fullLog(thread: string, token: string): Promise<ChatMessage[]> {
  const out: ChatMessage[] = [];
  let before = "";
  for (;;) {
    const res = await api(`/api/threads/${thread}/messages?limit=100${before}`, { token });
    if (res.status !== 200) throw new Error(`history ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { messages: ChatMessage[]; hasOlder: boolean };
    out.unshift(...page.messages);
    if (!page.hasOlder || page.messages.length === 0) return out;
    before = `&before=${page.messages[0]!.seq}`;
  }
}
