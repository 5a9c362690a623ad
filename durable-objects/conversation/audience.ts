/**
 * Frames to single connections, and error frames. Who receives which room event is decided in
 * `post.ts` and `commands.ts` through `ConversationRoom.broadcastEvent(event, side?)`:
 * messages, reads, sessions and unread counts go to both sides; typing only to the other side.
 */
import type { Connection } from "partyserver";
import type { ServerEvent } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";

export function sendEvent(conn: Connection, event: ServerEvent): void {
  try {
    conn.send(JSON.stringify(event));
  } catch {
    // The socket is closing; the client resyncs on reconnect.
  }
}

/** The error frame for a failure; unexpected errors are not described to the client. */
export function errorFrame(err: unknown, clientId?: string): ServerEvent {
  const e = err instanceof DomainError ? err : new DomainError("internal", "internal error");
  if (!(err instanceof DomainError)) console.error("room command failed", err);
  return {
    type: "error",
    error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) },
    ...(clientId ? { clientId } : {}),
  };
}
