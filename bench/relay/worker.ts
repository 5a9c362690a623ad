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

/** The relay storing each frame in its own SQLite before passing it on (one commit per frame). */
export class StoringRelay extends Server {
  static override options = { hibernate: true };

  override onStart(): void {
    this.ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS frames (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
  }

  override onMessage(conn: Connection, message: WSMessage): void {
    this.ctx.storage.sql.exec(`INSERT INTO frames (body) VALUES (?)`, typeof message === "string" ? message : "");
    this.broadcast(message, [conn.id]);
  }
}

export default {
  // partyserver types bindings as the product's generated Env; this worker binds only `Relay`,
  // which routePartykitRequest finds by looking at the bindings at run time.
  async fetch(request: Request, env: Env): Promise<Response> {
    return (await routePartykitRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
