/**
 * Statements that apply the mall's webhook events, built but not run: the service batches them
 * with the delivery's receipt so a delivery is applied whole or not at all. Each upsert compares
 * the event's time with the stored one in the same statement, so an older event never
 * overwrites a newer state, whatever order deliveries arrive in.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { MallTopicData } from "../../../core/protocol/mall";
import type { Database } from "../client";
import { browsingEvents, carts, cartSnapshots, customers, orders, products, shipmentEvents, shopperTokenRevocations, shops, webhookReceipts } from "../schema";

export type SyncStatement = BatchItem<"sqlite">;

/** The delivery's receipt: a plain insert, so a concurrent duplicate fails (and rolls back) its whole batch. */
export function insertReceipt(db: Database, id: string, topic: string, now: number): SyncStatement {
  return db.insert(webhookReceipts).values({ id, topic, receivedAt: now });
}

/** Whether a delivery id was applied before. */
export async function receiptExists(db: Database, id: string): Promise<boolean> {
  return (await db.select({ id: webhookReceipts.id }).from(webhookReceipts).where(eq(webhookReceipts.id, id)).get()) !== undefined;
}

/**
 * Forgets receipts older than `before` (a cron job's work). Keep them longer than the mall
 * retries a delivery: after that, only the timestamp window and the upserts' ordering guard
 * against replays.
 */
export async function pruneReceipts(db: Database, before: number): Promise<number> {
  return (await db.delete(webhookReceipts).where(lt(webhookReceipts.receivedAt, before)).run()).meta.changes;
}

export function upsertCustomer(db: Database, d: MallTopicData<"customer.upserted">): SyncStatement {
  const optOut = d.proactiveOptOut === undefined ? {} : { proactiveOptOut: d.proactiveOptOut };
  const email = d.email === undefined ? {} : { email: d.email };
  const set = { name: d.name, level: d.level, tags: d.tags, locale: d.locale, ...optOut, ...email, updatedAt: d.updatedAt };
  return db
    .insert(customers)
    .values({ id: d.id, ...set, createdAt: d.updatedAt })
    .onConflictDoUpdate({ target: customers.id, set, setWhere: lt(customers.updatedAt, d.updatedAt) });
}

/** Only a later revocation moves the time: an older one arriving late changes nothing (and is skipped). */
export function revokeShopperTokens(db: Database, d: MallTopicData<"customer.tokens_revoked">): SyncStatement {
  return db
    .insert(shopperTokenRevocations)
    .values({ customerId: d.customerId, revokedAt: d.occurredAt })
    .onConflictDoUpdate({ target: shopperTokenRevocations.customerId, set: { revokedAt: d.occurredAt }, setWhere: lt(shopperTokenRevocations.revokedAt, d.occurredAt) });
}

export function upsertShop(db: Database, d: MallTopicData<"shop.upserted">): SyncStatement {
  const set = { name: d.name, nameEn: d.nameEn, category: d.category, updatedAt: d.updatedAt };
  return db
    .insert(shops)
    .values({ id: d.id, ...set, createdAt: d.updatedAt })
    .onConflictDoUpdate({ target: shops.id, set, setWhere: lt(shops.updatedAt, d.updatedAt) });
}

/** A product never moves to another shop: such an event is skipped, not applied. */
export function upsertProduct(db: Database, d: MallTopicData<"product.upserted">): SyncStatement {
  const row = { shopId: d.shopId, title: d.title, titleEn: d.titleEn ?? d.title, category: d.category, priceCents: d.priceCents, stock: d.stock, image: d.image ?? null, updatedAt: d.updatedAt };
  return db
    .insert(products)
    .values({ id: d.id, ...row })
    // The stored price (the row before this write) becomes the previous one: a price drop is measured against it.
    .onConflictDoUpdate({ target: products.id, set: { ...row, previousPriceCents: sql`${products.priceCents}` }, setWhere: and(lt(products.updatedAt, d.updatedAt), eq(products.shopId, d.shopId)) });
}

/**
 * A price change is a partial update of a product we know; it moves the product's version
 * forward, so a full upsert older than it is skipped (row-level, last event wins). The price it
 * replaces is kept as the previous one (SQLite reads the right-hand sides from the row before).
 */
export function changePrice(db: Database, d: MallTopicData<"product.price_changed">): SyncStatement {
  return db
    .update(products)
    .set({ priceCents: d.priceCents, previousPriceCents: sql`${products.priceCents}`, updatedAt: d.occurredAt })
    .where(and(eq(products.id, d.productId), eq(products.shopId, d.shopId), lt(products.updatedAt, d.occurredAt)));
}

/** An order never changes shop or customer: such an event is skipped (tenancy), not applied. */
export function upsertOrder(db: Database, d: MallTopicData<"order.upserted">): SyncStatement {
  const set = {
    status: d.status, totalCents: d.totalCents, items: d.items, createdAt: d.createdAt,
    paidAt: d.paidAt ?? null, shippedAt: d.shippedAt ?? null, deliveredAt: d.deliveredAt ?? null, updatedAt: d.updatedAt,
  };
  return db
    .insert(orders)
    .values({ id: d.id, shopId: d.shopId, customerId: d.customerId, ...set })
    .onConflictDoUpdate({
      target: orders.id,
      set,
      setWhere: and(lt(orders.updatedAt, d.updatedAt), eq(orders.shopId, d.shopId), eq(orders.customerId, d.customerId)),
    });
}

/** Tracking events are facts: the first delivery of an id wins, repeats change nothing. */
export function insertShipmentEvent(db: Database, d: MallTopicData<"shipment.event">): SyncStatement {
  return db
    .insert(shipmentEvents)
    .values({ id: d.id, orderId: d.orderId, shopId: d.shopId, carrier: d.carrier, trackingNo: d.trackingNo, status: d.status, description: d.description, location: d.location ?? null, occurredAt: d.occurredAt })
    .onConflictDoNothing();
}

export function insertBrowsingEvent(db: Database, d: MallTopicData<"browsing.event">): SyncStatement {
  return db.insert(browsingEvents).values(d).onConflictDoNothing();
}

/**
 * A cart snapshot as three statements: move the cart's version forward (skipped when the stored
 * one is newer), then replace the lines only if the version is now this event's. Repeating the
 * same snapshot re-applies the same lines, which changes nothing. Lines come from one JSON
 * parameter because D1 binds at most 100 parameters per statement. (Query builders, not
 * `db.run(sql)`: drizzle 0.45 cannot batch raw SQL that has parameters.)
 */
export function replaceCart(db: Database, d: MallTopicData<"cart.updated">): [SyncStatement, SyncStatement, SyncStatement] {
  const current = sql`EXISTS (SELECT 1 FROM cart_snapshots WHERE customer_id = ${d.customerId} AND shop_id = ${d.shopId} AND updated_at = ${d.updatedAt})`;
  const mine = and(eq(carts.customerId, d.customerId), eq(carts.shopId, d.shopId));
  return [
    db
      .insert(cartSnapshots)
      .values({ customerId: d.customerId, shopId: d.shopId, updatedAt: d.updatedAt })
      .onConflictDoUpdate({ target: [cartSnapshots.customerId, cartSnapshots.shopId], set: { updatedAt: d.updatedAt }, setWhere: lt(cartSnapshots.updatedAt, d.updatedAt) }),
    db.delete(carts).where(and(mine, current)),
    // Columns in the table's order: customer_id, shop_id, product_id, qty, added_at.
    db
      .insert(carts)
      .select(
        sql`SELECT ${d.customerId}, ${d.shopId}, json_extract(j.value, '$.productId'), json_extract(j.value, '$.qty'), json_extract(j.value, '$.addedAt')
          FROM json_each(${JSON.stringify(d.items)}) AS j WHERE ${current}`,
      )
      .onConflictDoUpdate({
        target: [carts.customerId, carts.productId],
        set: { shopId: sql`excluded.shop_id`, qty: sql`excluded.qty`, addedAt: sql`excluded.added_at` },
      }),
  ];
}
