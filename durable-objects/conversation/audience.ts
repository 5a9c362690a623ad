/**
 * Frames to single connections, and error frames. Who receives which room event is decided in
 * `post.ts` and `commands.ts` through `ConversationRoom.broadcastEvent(event, side?)`:
 * messages, reads, sessions and unread counts go to both sides; typing only to the other side.
 * Mall data changes go to staff only, and only to staff who may see that shop's data
 * (`seesShopData`, used by `context-push.ts`).
 */
import type { Connection } from "partyserver";
import { PLATFORM_SHOP_ID, type ServerEvent } from "../../core/protocol";
import { commandErrorBody } from "../shared/command-error";
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
  try {
    conn.send(JSON.stringify(event));
  } catch {
    // The socket is closing; the client resyncs on reconnect.
  }
}

/** The error frame for a failure; unexpected errors are not described to the client. */
export function errorFrame(err: unknown, clientId?: string): ServerEvent {
  return {
    type: "error",
    error: commandErrorBody(err, "room command failed"),
    ...(clientId ? { clientId } : {}),
  };
}
