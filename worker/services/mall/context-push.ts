/**
 * After a delivery applied, tell the staff looking at the affected customers that their panel
 * is stale: find the customers' threads in D1 and call each thread's room, which sends
 * `context.changed` to the staff connections that may see the change. Runs after the webhook
 * has answered (waitUntil); a room with nobody connected just returns.
 */
import type { MallEvent } from "../../../core/protocol";
import { database } from "../../db/client";
import { findChangedThreads } from "../../db/repos/context-threads";
import { callRooms } from "../room-fanout";
import { changesOf, groupByCustomer, type CustomerChange } from "./context-changes";

/** Pushes the changes of the applied events; never throws (the data is stored either way). */
export async function notifyContextChanges(env: Env, applied: readonly MallEvent[]): Promise<void> {
  const { customers, orders } = changesOf(applied);
  if (customers.length === 0 && orders.length === 0) return;
  try {
    const found = await findChangedThreads(database(env.DB), [...new Set(customers.map((c) => c.customerId))], orders);
    const tracked: CustomerChange[] = found.owners.map((o) => ({ customerId: o.customerId, shopId: o.shopId, part: "tracking" }));
    const byCustomer = groupByCustomer([...customers, ...tracked]);
    // A missed push is caught by the panel's slow refresh.
    const changed = found.threads.filter((t) => byCustomer.has(t.customerId));
    await callRooms(env, changed, "context push", (room, t) => room.contextChanged(byCustomer.get(t.customerId)!));
  } catch (err) {
    console.error("context push failed", (err as Error).message);
  }
}
