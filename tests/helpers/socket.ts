/**
 * A test client for a room socket, opened through the real Worker. Frames are queued and
 * awaited by type with a timeout; nothing sleeps.
 */
import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { ServerEvent, type ServerEvent as Event } from "../../core/protocol";
import { frameQueue } from "./frame-queue";

export interface SocketClient {
  ws: WebSocket;
  frames: Event[];
  send(frame: unknown): void;
  /** Resolves with the next unseen frame of `type` matching `where`. */
  next<T extends Event["type"]>(type: T, where?: (e: Extract<Event, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<Event, { type: T }>>;
  /** Frames of a type received so far. */
  all<T extends Event["type"]>(type: T): Extract<Event, { type: T }>[];
  close(): void;
}

export interface ConnectOptions {
  channel?: string;
  entryType?: string;
  entryId?: string;
  since?: number;
  /** Connect with this socket ticket instead of asking one for the token (which is then unused). */
  ticket?: string;
  /** The client's address, as Cloudflare's edge would set it (`CF-Connecting-IP`); none by default. */
  ip?: string;
}

/**
 * A socket ticket for `token`, as the console and widget ask one before every (re)connect; rejects
 * with the HTTP status (and body) when it is refused, as a refused upgrade would.
 */
export async function socketTicketFor(token: string, party: "conversation-room" | "agent-queue", name: string): Promise<string> {
  const res = await exports.default.fetch("http://kefu.test/api/socket-tickets", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ party, name }),
  });
  if (!res.ok) throw Object.assign(new Error(`socket ticket refused: ${res.status}`), { status: res.status, body: await res.text() });
  return ((await res.json()) as { ticket: string }).ticket;
}

/** Opens a socket with a fresh ticket for `token`; rejects with the HTTP status when the ticket or the upgrade is refused. */
export async function connect(threadId: string, token: string, opts: ConnectOptions = {}): Promise<SocketClient> {
  const ticket = opts.ticket ?? (await socketTicketFor(token, "conversation-room", threadId));
  const q = new URLSearchParams({ ticket, channel: opts.channel ?? "pc" });
  if (opts.entryType) q.set("entryType", opts.entryType);
  if (opts.entryId) q.set("entryId", opts.entryId);
  if (opts.since !== undefined) q.set("since", String(opts.since));
  const res = await exports.default.fetch(`http://kefu.test/parties/conversation-room/${threadId}?${q}`, { headers: { upgrade: "websocket", ...(opts.ip ? { "cf-connecting-ip": opts.ip } : {}) } });
  const ws = res.webSocket;
  if (!ws) throw Object.assign(new Error(`upgrade refused: ${res.status}`), { status: res.status, body: await res.text() });
  ws.accept();
  const queue = frameQueue(ws, ServerEvent);
  const client: SocketClient = {
    ws,
    ...queue,
    send: (frame) => ws.send(typeof frame === "string" ? frame : JSON.stringify(frame)),
    close: () => ws.close(1000, "done"),
  };
  return client;
}

let counter = 0;
/** A fresh idempotency key. */
export function cid(): string {
  return `cid_${Date.now().toString(36)}_${(counter++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Resolves once the room has finished with every message stored so far: bot turns, hand-offs
 * and their queue calls, the D1 writes of session transitions. A sender's ack goes out before
 * all of these, as soon as the message is stored.
 */
export async function roomSettled(threadId: string): Promise<void> {
  const stub = await getServerByName(env.ConversationRoom, threadId);
  await runInDurableObject(stub, async (room) => {
    await room.botChain;
    await room.syncChain;
  });
}

/** Resolves with the close code and reason when the server closes the socket (listen before what closes it). */
export function closedBy(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })));
}
