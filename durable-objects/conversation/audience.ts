/**
 * Frames to single connections, and error frames. Who receives which room event is decided in
 * `post.ts` and `commands.ts` through `ConversationRoom.broadcastEvent(event, side?)`:
 * messages, reads, sessions and unread counts go to both sides; typing only to the other side.
 * Mall data changes go to staff only, and only to staff who may see that shop's data
 * (`seesShopData`, used by `context-push.ts`).
 */
import type { Connection } from "partyserver";
import { PLATFORM_SHOP_ID, type ChatMessage, type ServerEvent, type Unread } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import type { ConnectionState } from "./connection-state";

/**
 * Whether a connection may learn that data of `dataShop` changed (`null`: the customer's
 * profile, shared by every shop) in a thread of `threadShop`. Shoppers never: the panel is
 * staff-only. Platform staff see every shop's; a shop's staff only their own shop's, the same
 * rule as the context API's scope.
 */
export function seesShopData(state: ConnectionState | null, threadShop: string, dataShop: string | null): boolean {
  if (state?.role !== "agent") return false;
  if (state.shopId === PLATFORM_SHOP_ID) return true;
  return state.shopId === threadShop && (dataShop === null || dataShop === threadShop);
}

export function sendEvent(conn: Connection, event: ServerEvent): void {
  sendFrame(conn, JSON.stringify(event));
}

/** Sends an encoded event (`messageFrames`). */
export function sendFrame(conn: Connection, frame: string): void {
  try {
    conn.send(frame);
  } catch {
    // The socket is closing; the client resyncs on reconnect.
  }
}

/**
 * The frames of one stored message, `message.created` for the others and `message.acked` for its
 * sender, each the JSON of that event, with the message serialized once: it is most of either
 * frame, and the frames' JSON was a fifth of the rooms' allocations under `npm run bench`.
 */
export function messageFrames(message: ChatMessage, unread?: Unread): { created: string; acked: (duplicate: boolean) => string } {
  const body = JSON.stringify(message);
  const counts = unread ? `,"unread":${JSON.stringify(unread)}` : "";
  return {
    created: `{"type":"message.created","message":${body}${counts}}`,
    acked: (duplicate) => `{"type":"message.acked","clientId":${JSON.stringify(message.clientId)},"seq":${message.seq},"duplicate":${duplicate},"message":${body}${counts}}`,
  };
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
