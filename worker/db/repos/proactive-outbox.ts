/**
 * The proactive outbox: the notice rows a new parcel step or a price drop gets, written in the
 * same D1 batch as the fact itself, so a notice is never lost between "stored" and "sent to the
 * queue", and then claimed for sending. The queue message is built from the row.
 */
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import {
  isNotifiableShipment, PRICE_DROP_AUDIENCE_MAX, PRICE_DROP_MIN_RATIO, PRICE_DROP_NOTICE_CODE, PRICE_DROP_REPEAT_AFTER_MS, PRICE_DROP_SHOPPER_GAP_MS, PRICE_DROP_VIEWED_WITHIN_MS, shipmentNoticeCode, shipmentNoticeId,
} from "../../../core/domain/proactive";
import type { MallTopicData } from "../../../core/protocol/mall";
import type { ProactiveMessage, ShipmentNoticeMessage } from "../../../core/protocol/proactive";
import type { Database } from "../client";
import { proactiveNotices } from "../schema";
import type { SyncStatement } from "./mall-sync";

export type NoticeRow = typeof proactiveNotices.$inferSelect;

/**
 * The notice of a parcel step, to batch right after the step's insert. It is written only when
 * that insert stored a new fact (`changes()` of the previous statement in the batch: a repeated
 * step changes nothing), the order is this shop's, and no later step of the order is stored
 * (a late, older step is history). The shopper is the order's customer. A status not worth
 * announcing, or a step older than a day, gets no statement at all.
 */
export function shipmentNoticeStatements(db: Database, d: MallTopicData<"shipment.event">, now: number): SyncStatement[] {
  if (!isNotifiableShipment(d.status, d.occurredAt, now)) return [];
  const params = JSON.stringify({ orderId: d.orderId, carrier: d.carrier, trackingNo: d.trackingNo, description: d.description, ...(d.location ? { location: d.location } : {}) });
  // Columns in the table's order: id, kind, shop_id, customer_id, order_id, source_id, code,
  // params, occurred_at, status, attempts, last_error, deferred_until, message_seq, created_at,
  // enqueued_at, delivered_at, updated_at.
  return [
    db
      .insert(proactiveNotices)
      .select(
        sql`SELECT ${shipmentNoticeId(d.shopId, d.id)}, 'shipment', o.shop_id, o.customer_id, o.id, ${d.id}, ${shipmentNoticeCode(d.status)},
            ${params}, ${d.occurredAt}, 'pending', 0, NULL, NULL, NULL, ${now}, NULL, NULL, ${now}
          FROM orders AS o
          WHERE changes() > 0 AND o.id = ${d.orderId} AND o.shop_id = ${d.shopId}
            AND NOT EXISTS (SELECT 1 FROM shipment_events AS e WHERE e.order_id = ${d.orderId} AND e.shop_id = ${d.shopId} AND e.occurred_at > ${d.occurredAt})`,
      )
      .onConflictDoNothing(),
  ];
}

/**
 * 降价提醒: the notices of a product's price drop, to batch right after the statement that wrote
 * its price. Written only when that statement changed the product (`changes()`: an older or
 * repeated event changes nothing) and the new price is at least `PRICE_DROP_MIN_RATIO` below the
 * one before it (`previous_price_cents`, kept by the same write). The audience: this shop's
 * shoppers with the product in their cart, then those who looked at it in the last 7 days, most
 * recent first, at most `PRICE_DROP_AUDIENCE_MAX`, leaving out whoever bought it from the shop in
 * those 7 days (an item of one of their orders: `orders_customer`, then the order's items) and
 * whoever had a reminder of this product in the last 7 days or of any product in the last day.
 * Opt-outs, the daily cap and quiet hours are the consumer's, as for parcels. Each row's id is drawn here (`pn_` + 32 hex digits) and is the message's clientId.
 */
export function priceDropNoticeStatements(db: Database, d: { productId: string; shopId: string; occurredAt: number }, now: number): SyncStatement[] {
  const ratio = sql.raw(String(1 - PRICE_DROP_MIN_RATIO));
  const params = sql`json_object('productId', p.id, 'title', p.title, 'titleEn', p.title_en, 'was', printf('%.2f', p.previous_price_cents / 100.0), 'now', printf('%.2f', p.price_cents / 100.0))`;
  return [
    db
      .insert(proactiveNotices)
      .select(
        sql`SELECT 'pn_' || lower(hex(randomblob(16))), 'price_drop', p.shop_id, a.customer_id, '', p.id, ${PRICE_DROP_NOTICE_CODE},
            ${params}, ${d.occurredAt}, 'pending', 0, NULL, NULL, NULL, ${now}, NULL, NULL, ${now}
          FROM products AS p
          JOIN (
            SELECT customer_id, min(rank) AS rank, max(seen) AS seen FROM (
              SELECT customer_id, 0 AS rank, added_at AS seen FROM carts WHERE product_id = ${d.productId} AND shop_id = ${d.shopId}
              UNION ALL
              SELECT customer_id, 1, occurred_at FROM browsing_events WHERE product_id = ${d.productId} AND shop_id = ${d.shopId} AND occurred_at >= ${now - PRICE_DROP_VIEWED_WITHIN_MS}
            ) GROUP BY customer_id
          ) AS a
          WHERE changes() > 0 AND p.id = ${d.productId} AND p.shop_id = ${d.shopId}
            AND p.previous_price_cents > 0 AND p.price_cents <= p.previous_price_cents * ${ratio}
            AND NOT EXISTS (
              SELECT 1 FROM proactive_notices AS n
              WHERE n.customer_id = a.customer_id AND n.kind = 'price_drop'
                AND (n.created_at >= ${now - PRICE_DROP_SHOPPER_GAP_MS} OR (n.source_id = p.id AND n.created_at >= ${now - PRICE_DROP_REPEAT_AFTER_MS}))
            )
            AND NOT EXISTS (
              SELECT 1 FROM orders AS o, json_each(o.items) AS item
              WHERE o.customer_id = a.customer_id AND o.shop_id = p.shop_id AND o.created_at >= ${now - PRICE_DROP_VIEWED_WITHIN_MS}
                AND json_extract(item.value, '$.productId') = p.id
            )
          ORDER BY a.rank, a.seen DESC
          LIMIT ${PRICE_DROP_AUDIENCE_MAX}`,
      )
      .onConflictDoNothing(),
  ];
}

/** The queue message of a notice row. */
export function noticeMessage(row: NoticeRow): ProactiveMessage {
  if (row.kind === "price_drop") {
    return { type: "price_drop", noticeId: row.id, shopId: row.shopId, customerId: row.customerId, productId: row.sourceId, code: "price.dropped", params: row.params, occurredAt: row.occurredAt };
  }
  if (row.kind === "campaign") {
    return { type: "campaign", noticeId: row.id, shopId: row.shopId, customerId: row.customerId, campaignId: row.sourceId, code: "campaign.message", params: row.params, occurredAt: row.occurredAt };
  }
  return {
    type: "shipment_notice", noticeId: row.id, shopId: row.shopId, customerId: row.customerId, orderId: row.orderId,
    status: row.code.slice("shipment.".length) as ShipmentNoticeMessage["status"], code: row.code, params: row.params, occurredAt: row.occurredAt,
  };
}

/**
 * Claims up to `limit` notices to send: `pending` ones created before `createdBefore`, and
 * `enqueued` ones sent before `staleBefore` that never reached an outcome (a send whose process
 * died after the claim). Claiming is one UPDATE, so two callers never claim the same row; a
 * row sent twice anyway is harmless, as the consumer is idempotent.
 */
export async function claimNotices(db: Database, now: number, o: { createdBefore: number; staleBefore: number; limit: number }): Promise<NoticeRow[]> {
  const due = db
    .select({ id: proactiveNotices.id })
    .from(proactiveNotices)
    .where(
      or(
        and(eq(proactiveNotices.status, "pending"), lt(proactiveNotices.createdAt, o.createdBefore)),
        and(eq(proactiveNotices.status, "enqueued"), lt(proactiveNotices.enqueuedAt, o.staleBefore)),
      ),
    )
    .orderBy(proactiveNotices.createdAt)
    .limit(o.limit);
  return db.update(proactiveNotices).set({ status: "enqueued", enqueuedAt: now, updatedAt: now }).where(inArray(proactiveNotices.id, due)).returning().all();
}

/** Gives claimed notices back when the send failed, for the next sweep. */
export async function unclaimNotices(db: Database, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.update(proactiveNotices).set({ status: "pending", enqueuedAt: null, updatedAt: now }).where(and(inArray(proactiveNotices.id, ids), eq(proactiveNotices.status, "enqueued"))).run();
}
