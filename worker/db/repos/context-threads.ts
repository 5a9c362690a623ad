/**
 * Whose open panels a webhook touches: the customers of changed orders and the threads of
 * customers. Ids travel as one JSON parameter each, because D1 binds at most 100 parameters per
 * statement and a delivery holds up to 50 events.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { orders, sessions } from "../schema";

/** An order named by a shipment step: the pair, because an order id never changes shop. */
export interface OrderRef {
  orderId: string;
  shopId: string;
}

/**
 * The orders' customers (matched on order id and shop, so a step claiming another shop's order
 * reaches nobody), and every thread of those customers and of `customerIds`, in one batch.
 * Threads are every shop's on purpose: platform staff in any of the customer's threads see every
 * shop's data; the room decides which connection may hear about which shop's change.
 */
export async function findChangedThreads(db: Database, customerIds: string[], refs: OrderRef[]) {
  const refJson = JSON.stringify(refs);
  const picked = sql`(${orders.id}, ${orders.shopId}) IN (SELECT json_extract(j.value, '$.orderId'), json_extract(j.value, '$.shopId') FROM json_each(${refJson}) AS j)`;
  const [owners, threads] = await db.batch([
    db.select({ orderId: orders.id, shopId: orders.shopId, customerId: orders.customerId }).from(orders).where(picked),
    db
      .selectDistinct({ threadId: sessions.threadId, customerId: sessions.customerId })
      .from(sessions)
      .where(
        sql`${sessions.customerId} IN (SELECT j.value FROM json_each(${JSON.stringify(customerIds)}) AS j
          UNION SELECT o.customer_id FROM orders AS o WHERE (o.id, o.shop_id) IN (SELECT json_extract(j.value, '$.orderId'), json_extract(j.value, '$.shopId') FROM json_each(${refJson}) AS j))`,
      ),
  ]);
  return { owners, threads };
}
