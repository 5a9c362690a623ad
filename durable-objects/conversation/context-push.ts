/**
 * The mall changed data about this thread's customer (the Worker calls after a webhook applied):
 * tell each staff connection that may see it which parts of the panel to reload. Shoppers'
 * connections are never told: the panel and the mall data behind it are staff-only.
 */
import type { Connection } from "partyserver";
import * as v from "valibot";
import { ContextPart, ShopId, parseInput, type ContextPart as Part } from "../../core/protocol";
import { seesShopData, sendEvent } from "./audience";
import type { ConnectionState } from "./connection-state";
import type { ConversationRoom } from "./room";

/** What changed, per shop; `shopId: null` is the customer's profile (every shop shows it). */
export const ContextChangeList = v.pipe(
  v.array(v.object({ shopId: v.nullable(ShopId), parts: v.pipe(v.array(ContextPart), v.minLength(1)) })),
  v.minLength(1),
  v.maxLength(100),
);
export type ContextChangeList = v.InferOutput<typeof ContextChangeList>;

/** Sends `context.changed` to the staff who may see some of the changes; returns how many were told. */
export function pushContextChanges(room: ConversationRoom, input: unknown): number {
  // An RPC argument crosses a trust boundary like a frame does: check it before acting on it.
  const changes = parseInput(ContextChangeList, input);
  if (!changes.ok) throw new Error(`bad context change list: ${changes.message}`);
  // The bot's memo of the shopper's orders follows every push about them, staff connected or not.
  if (changes.value.some((c) => c.parts.includes("orders") || c.parts.includes("tracking"))) room.orders.changed();
  let told = 0;
  for (const conn of room.getConnections<ConnectionState>("agent")) {
    const parts = visibleParts(conn, room.ref.shopId, changes.value);
    if (parts.length === 0) continue;
    sendEvent(conn, { type: "context.changed", parts });
    told++;
  }
  return told;
}

/** The parts this connection may hear about, in the protocol's order, each once. */
function visibleParts(conn: Connection<ConnectionState>, threadShop: string, changes: ContextChangeList): Part[] {
  const parts = new Set<Part>();
  for (const c of changes) if (seesShopData(conn.state, threadShop, c.shopId)) c.parts.forEach((p) => parts.add(p));
  return ContextPart.options.filter((p) => parts.has(p));
}
