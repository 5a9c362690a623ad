/**
 * What both sides of a benchmark thread share: the clock, the client sockets (partysocket over
 * Node's `ws`, as the widget and the console use it), socket tickets and client addresses. The
 * shopper side runs on the generator's main thread, the agent side on a thread of its own
 * (agent-thread.ts), so the clock must be one both threads read alike.
 */
import PartySocket from "partysocket";
import WS from "ws";

/** The product (room protocol, acks, resume) or the bare relay (frames pass through). */
export type TargetKind = "kefu" | "relay";

/** Who serves a thread once it is open: the bot answers, or the agent takes it over. */
export type ServedBy = "bot" | "agent";

/**
 * Milliseconds on the machine's monotonic clock: the same in every thread of the process (a
 * send is stamped on the main thread, its receipt on the agents' thread).
 */
export function clockMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

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

/** Where one side of a thread connects. */
export interface SocketTarget {
  kind: TargetKind;
  /** `127.0.0.1:<port>` */
  host: string;
  /** The room: a thread id for the product, any name for the relay. */
  room: string;
  /** Which relay serves the room: the bare one, or the one storing each frame first. */
  party?: "relay" | "storing-relay";
}

/**
 * One side's socket. Against the product each (re)connect asks a fresh socket ticket, as the
 * console and widget do, and a reconnecting client says the last seq it holds so the room
 * replays what it missed; the relay needs neither.
 */
export function openSocket(target: SocketTarget, side: { token?: string; ip: string; channel: string; seq: () => number }): PartySocket {
  const product = target.kind === "kefu";
  return new PartySocket({
    host: target.host,
    party: product ? "conversation-room" : (target.party ?? "relay"),
    room: target.room,
    maxEnqueuedMessages: 0,
    connectionTimeout: 20_000,
    minReconnectionDelay: 500 + Math.random() * 1000,
    WebSocket: wsFrom(side.ip),
    ...(product
      ? {
          query: async () => ({
            ticket: await socketTicket(target.host, side.token ?? "", side.ip, target.room),
            channel: side.channel,
            since: side.seq() > 0 ? String(side.seq()) : undefined,
          }),
        }
      : {}),
  });
}

/** Frames are told apart by their first bytes (`{"type":"…"`, as the room serialises them), so only what is needed gets parsed. */
export const startsWith = (data: string, type: string) => data.startsWith(`{"type":"${type}"`);

/** Resolves once the socket has joined: the room's `room.joined` frame (product), or open (relay). */
export function joined(socket: PartySocket, kind: TargetKind): Promise<void> {
  const first = kind === "kefu" ? "message" : "open";
  return new Promise((resolve) => {
    const on = (e: Event) => {
      if (first === "message" && !startsWith(String((e as MessageEvent).data), "room.joined")) return;
      socket.removeEventListener(first, on);
      resolve();
    };
    socket.addEventListener(first, on);
  });
}
