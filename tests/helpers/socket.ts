/**
 * A test client for a room socket, opened through the real Worker. Frames are queued and
 * awaited by type with a timeout; nothing sleeps.
 */
import { exports } from "cloudflare:workers";
import { parseInput, ServerEvent, type ServerEvent as Event } from "../../core/protocol";

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
}

/** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
export async function connect(threadId: string, token: string, opts: ConnectOptions = {}): Promise<SocketClient> {
  const q = new URLSearchParams({ token, channel: opts.channel ?? "pc" });
  if (opts.entryType) q.set("entryType", opts.entryType);
  if (opts.entryId) q.set("entryId", opts.entryId);
  if (opts.since !== undefined) q.set("since", String(opts.since));
  const res = await exports.default.fetch(`http://kefu.test/parties/conversation-room/${threadId}?${q}`, { headers: { upgrade: "websocket" } });
  const ws = res.webSocket;
  if (!ws) throw Object.assign(new Error(`upgrade refused: ${res.status}`), { status: res.status, body: await res.text() });
  ws.accept();
  const frames: Event[] = [];
  const consumed = new Set<Event>();
  const waiters: (() => void)[] = [];
  ws.addEventListener("message", (e) => {
    const parsed = parseInput(ServerEvent, JSON.parse(e.data as string));
    if (!parsed.ok) throw new Error(`server sent an invalid frame: ${parsed.message}: ${e.data}`);
    frames.push(parsed.value);
    waiters.splice(0).forEach((w) => w());
  });
  const client: SocketClient = {
    ws,
    frames,
    send: (frame) => ws.send(typeof frame === "string" ? frame : JSON.stringify(frame)),
    all: (type) => frames.filter((f) => f.type === type) as never,
    close: () => ws.close(1000, "done"),
    next: (type, where, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}; got ${frames.map((f) => f.type).join(", ")}`)), timeoutMs);
        const check = () => {
          const hit = frames.find((f) => f.type === type && !consumed.has(f) && (!where || where(f as never)));
          if (hit) {
            consumed.add(hit);
            clearTimeout(timer);
            resolve(hit as never);
          } else waiters.push(check);
        };
        check();
      }),
  };
  return client;
}

let counter = 0;
/** A fresh idempotency key. */
export function cid(): string {
  return `cid_${Date.now().toString(36)}_${(counter++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
