/**
 * The bare relay baseline: a partyserver room that forwards every frame from one socket to the
 * other sockets of the room, and does nothing else (no auth, no validation, no storage). The
 * benchmark runs it with `wrangler dev`, exactly as it runs the product, so the ratio of the two
 * latencies is the cost of what Kefu Edge does per message.
 */
import { routePartykitRequest, Server, type Connection, type WSMessage } from "partyserver";

/** One room per benchmark thread; hibernation on, like the ConversationRoom. */
export class Relay extends Server {
  static override options = { hibernate: true };

  override onMessage(conn: Connection, message: WSMessage): void {
    this.broadcast(message, [conn.id]);
  }
}

/**
 * The relay storing each frame in its own SQLite before passing it on (one commit per frame), and
 * acking it to its sender: the least a relay that loses no message must do. A frame sent after a
 * write waits at the output gate for its commit, and the sender must hear that it was stored, or it
 * cannot know to stop resending (the product's `message.acked`; until 2026-11-23 this relay did not ack).
 */
export class StoringRelay extends Server {
  static override options = { hibernate: true };
  /** The last stored seq, read once per instance (an instance is this room's only writer). */
  private last: number | null = null;

  override onStart(): void {
    this.ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS frames (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
  }

  override onMessage(conn: Connection, message: WSMessage): void {
    this.last ??= Number(this.ctx.storage.sql.exec<{ seq: number | null }>(`SELECT max(seq) AS seq FROM frames`).one().seq ?? 0);
    const seq = ++this.last;
    this.ctx.storage.sql.exec(`INSERT INTO frames (seq, body) VALUES (?, ?)`, seq, typeof message === "string" ? message : "");
    this.broadcast(message, [conn.id]);
    // The ack names the frame by its clientId, as the product's does, so its sender can stop resending it.
    const clientId = typeof message === "string" ? (JSON.parse(message) as { clientId?: unknown }).clientId : undefined;
    conn.send(JSON.stringify({ type: "message.acked", clientId, seq }));
  }
}

export default {
  // partyserver types bindings as the product's generated Env; this worker binds only `Relay`,
  // which routePartykitRequest finds by looking at the bindings at run time.
  async fetch(request: Request, env: Env): Promise<Response> {
    return (await routePartykitRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
