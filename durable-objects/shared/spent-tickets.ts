/**
 * Socket tickets are single-use. The Worker opens a ticket at admission and passes its id and
 * expiry to the object the socket is for (the only place every use of that ticket meets); the
 * object records the id in its SQLite and refuses a second upgrade with the same one, so a ticket
 * read from a proxy or access log opens nothing once its owner has used it. Rows are dropped once
 * the ticket has expired (it would be refused as expired anyway), so the table holds a minute of
 * connections at most.
 */
import { DomainError, errorBody, statusOf } from "../../core/domain/errors";

/** Set by the Worker only (a client's own is removed): `<ticket id>.<expires at, epoch ms>`. */
export const TICKET_HEADER = "x-kefu-ticket";

export function encodeTicketHeader(id: string, expiresAt: number): string {
  return `${id}.${expiresAt}`;
}

export class SpentTickets {
  private ready = false;

  constructor(private readonly sql: SqlStorage) {}

  /** Records the ticket; false when it was recorded before (a replay). */
  spend(id: string, expiresAt: number, now: number): boolean {
    if (!this.ready) {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS spent_tickets (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)`);
      this.ready = true;
    }
    this.sql.exec(`DELETE FROM spent_tickets WHERE expires_at <= ?`, now);
    // `rowsWritten`, as the room's message insert: RETURNING would open a temporary b-tree per statement.
    return this.sql.exec(`INSERT INTO spent_tickets (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`, id, expiresAt).rowsWritten > 0;
  }

  /**
   * For an object's `fetch`: the refusal of an upgrade whose ticket was spent before, or null to
   * go on. A request without the header did not come through admission and carries no identity
   * either; the object refuses it when it connects.
   */
  refuseReplay(request: Request, now = Date.now()): Response | null {
    const header = request.headers.get(TICKET_HEADER);
    if (!header || request.headers.get("upgrade")?.toLowerCase() !== "websocket") return null;
    const dot = header.lastIndexOf(".");
    const id = header.slice(0, dot);
    const expiresAt = Number(header.slice(dot + 1));
    if (dot > 0 && Number.isFinite(expiresAt) && this.spend(id, expiresAt, now)) return null;
    const replay = new DomainError("unauthorized", "this socket ticket was used already: ask POST /api/socket-tickets for a new one at every (re)connect");
    return Response.json({ error: errorBody(replay) }, { status: statusOf(replay.code) });
  }
}
