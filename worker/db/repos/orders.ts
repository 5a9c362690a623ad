/**
 * A customer's orders with a shop, as the bot needs them to resolve "我昨天买的衣服" and answer
 * with the logistics track.
 */
import { and, desc, eq } from "drizzle-orm";
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import type { Database } from "../client";
import { orders, shipmentEvents } from "../schema";

/** The customer's most recent orders with this shop (all shops for the platform desk). */
export async function recentCustomerOrders(db: Database, shopId: string, customerId: string, limit = 50) {
  const scope = shopId === PLATFORM_SHOP_ID ? [] : [eq(orders.shopId, shopId)];
  return db.select().from(orders).where(and(eq(orders.customerId, customerId), ...scope)).orderBy(desc(orders.createdAt)).limit(limit).all();
}

/** An order's tracking events, newest first; scoped to the order's shop. */
export async function orderTrack(db: Database, shopId: string, orderId: string) {
  return db.select().from(shipmentEvents).where(and(eq(shipmentEvents.orderId, orderId), eq(shipmentEvents.shopId, shopId))).orderBy(desc(shipmentEvents.occurredAt)).all();
}
