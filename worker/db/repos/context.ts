/**
 * Reads for the agent's context panel, all scoped to the customer and to the shops the caller
 * may see (`shops: null` = every shop, platform staff only). The panel's reads go to D1 as one
 * batch: one round trip, and one consistent snapshot of the customer's data.
 *
 * In a batch, drizzle maps rows through objects keyed by column name, so a join selecting two
 * columns of the same name (`id`, `shop_id`) silently shifts values. Joins here select no
 * clashing names; products come from their own query (`IN (subquery)`) and are matched in code.
 */
import { and, asc, count, desc, eq, inArray, lt, max, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database } from "../client";
import { browsingEvents, carts, cartSnapshots, customers, leaveMessages, orders, products, sessions, shipmentEvents, shops, staff, tickets } from "../schema";

/** Who and what a read may cover (see worker/services/context/types.ts ContextScope). */
export interface RowScope {
  threadId: string;
  customerId: string;
  shopId: string;
  shops: string | null;
}

export const CONTEXT_LIMITS = { orders: 50, sessions: 20, complaints: 20, leaveMessages: 20, tickets: 20, browsingEvents: 100 } as const;

/** Complaints: routed to the platform's complaints group, or closed as one. */
const COMPLAINTS_GROUP = "complaints";
const COMPLAINT_REASON = "complaint";

const shopIs = (col: SQLiteColumn, s: RowScope): SQL | undefined => (s.shops === null ? undefined : eq(col, s.shops));
const ordersOf = (s: RowScope) => and(eq(orders.customerId, s.customerId), shopIs(orders.shopId, s));
/** Newest first; the id breaks ties so pages cut between orders placed in the same millisecond stay exact. */
const newestFirst = [desc(orders.createdAt), desc(orders.id)] as const;
/** One shop's sessions of a customer are its thread's: use the thread index. */
const sessionsOf = (s: RowScope) => (s.shops === null ? eq(sessions.customerId, s.customerId) : and(eq(sessions.threadId, s.threadId), eq(sessions.shopId, s.shops)));

function sessionRows(db: Database, s: RowScope, extra: SQL | undefined, limit: number) {
  return db
    .select({ session: sessions, agentName: sql<string | null>`${staff.name}`.as("agent_name") })
    .from(sessions)
    .leftJoin(staff, eq(staff.id, sessions.agentId))
    .where(and(sessionsOf(s), extra))
    .orderBy(desc(sessions.openedAt))
    .limit(limit);
}

/** Ids and shops of the customer's orders in scope that `filter` picks (newest first when limited). */
function pickOrders(db: Database, s: RowScope, filter?: SQL, limit?: number) {
  const q = db.select({ id: orders.id, shopId: orders.shopId }).from(orders).where(and(filter, ordersOf(s))).orderBy(...newestFirst);
  return limit === undefined ? q : q.limit(limit);
}

/**
 * Tracking events of the picked orders, oldest first. Matching the pair (order id, shop id)
 * keeps an event whose shop is not its order's out, and drives the plan from the few orders
 * picked rather than from all of the customer's orders.
 */
function trackRows(db: Database, picked: ReturnType<typeof pickOrders>) {
  const e = shipmentEvents;
  // Only what the panel shows: every value crosses D1's wire, and tracks are most of the rows.
  return db
    .select({ orderId: e.orderId, carrier: e.carrier, trackingNo: e.trackingNo, status: e.status, description: e.description, location: e.location, occurredAt: e.occurredAt })
    .from(shipmentEvents)
    .where(sql`(${shipmentEvents.orderId}, ${shipmentEvents.shopId}) IN ${picked}`)
    .orderBy(asc(shipmentEvents.occurredAt));
}

/**
 * Everything the panel shows, in one batch. The entry's product and order are looked up even
 * when absent (by an id that matches nothing) so the batch keeps one fixed, typed shape.
 * `productRows` holds the products of the browsing, the cart and the entry; a row only counts
 * for a line of the same shop.
 */
export async function loadContextRows(db: Database, s: RowScope, entry: { productId?: string; orderId?: string }) {
  const [customer, channels, history, complaints, leave, ticketRows, orderRows, orderCount, tracks, browsing, cart, productRows, cartVersion, shopRows, entryOrder, entryTrack] = await db.batch([
    db.select().from(customers).where(eq(customers.id, s.customerId)).limit(1),
    db.select({ channel: sessions.channel, sessions: count(), lastAt: max(sessions.openedAt) }).from(sessions).where(sessionsOf(s)).groupBy(sessions.channel).orderBy(desc(count())),
    sessionRows(db, s, undefined, CONTEXT_LIMITS.sessions),
    sessionRows(db, s, or(eq(sessions.groupId, COMPLAINTS_GROUP), eq(sessions.closeReason, COMPLAINT_REASON)), CONTEXT_LIMITS.complaints),
    db.select().from(leaveMessages).where(and(eq(leaveMessages.customerId, s.customerId), shopIs(leaveMessages.shopId, s))).orderBy(desc(leaveMessages.createdAt)).limit(CONTEXT_LIMITS.leaveMessages),
    ticketsOf(db, s),
    db.select().from(orders).where(ordersOf(s)).orderBy(...newestFirst).limit(CONTEXT_LIMITS.orders),
    db.select({ n: count() }).from(orders).where(ordersOf(s)),
    trackRows(db, pickOrders(db, s, undefined, CONTEXT_LIMITS.orders)),
    db
      .select({ productId: browsingEvents.productId, shopId: browsingEvents.shopId, channel: browsingEvents.channel, occurredAt: browsingEvents.occurredAt })
      .from(browsingEvents)
      .where(browsedBy(s))
      .orderBy(desc(browsingEvents.occurredAt))
      .limit(CONTEXT_LIMITS.browsingEvents),
    db.select().from(carts).where(and(eq(carts.customerId, s.customerId), shopIs(carts.shopId, s))).orderBy(desc(carts.addedAt)),
    db.select().from(products).where(productsShown(db, s, entry.productId)),
    db.select({ at: max(cartSnapshots.updatedAt) }).from(cartSnapshots).where(and(eq(cartSnapshots.customerId, s.customerId), shopIs(cartSnapshots.shopId, s))),
    db.select({ id: shops.id, name: shops.name, nameEn: shops.nameEn }).from(shops).where(shopsShown(s)),
    db.select().from(orders).where(and(eq(orders.id, entry.orderId ?? ""), ordersOf(s))).limit(1),
    trackRows(db, pickOrders(db, s, eq(orders.id, entry.orderId ?? ""))),
  ]);
  return {
    customer: customer[0], channels, history, complaints, leave, ticketRows, orderRows, orderCount: orderCount[0]?.n ?? 0, tracks, browsing, cart, productRows,
    cartUpdatedAt: cartVersion[0]?.at ?? null, shopRows, entryOrder: entryOrder[0], entryTrack,
  };
}
export type ContextRows = Awaited<ReturnType<typeof loadContextRows>>;
/** A tracking event as the panel reads it. */
export type TrackRow = ContextRows["tracks"][number];

/** The customer's tickets in scope: active ones first, then newest. */
function ticketsOf(db: Database, s: RowScope) {
  const t = tickets;
  const active = sql`CASE WHEN ${inArray(t.status, ["open", "in_progress", "pending"])} THEN 0 ELSE 1 END`;
  return db
    .select({ id: t.id, number: t.number, shopId: t.shopId, title: t.title, category: t.category, status: t.status, priority: t.priority, createdAt: t.createdAt, dueAt: t.dueAt })
    .from(tickets)
    .where(and(eq(t.customerId, s.customerId), shopIs(t.shopId, s)))
    .orderBy(active, desc(t.createdAt))
    .limit(CONTEXT_LIMITS.tickets);
}

const browsedBy = (s: RowScope) => and(eq(browsingEvents.customerId, s.customerId), shopIs(browsingEvents.shopId, s));

/**
 * Products the panel names: recently browsed, in the cart, or the chat's entry: a primary-key
 * lookup per id. Without statistics SQLite preferred `products_shop` and walked the whole
 * catalogue of the shop; the unary `+` on the shop filter keeps that index out of the plan.
 */
function productsShown(db: Database, s: RowScope, entryProductId: string | undefined): SQL {
  const browsed = db.select({ id: browsingEvents.productId }).from(browsingEvents).where(browsedBy(s)).orderBy(desc(browsingEvents.occurredAt)).limit(CONTEXT_LIMITS.browsingEvents);
  const carted = db.select({ id: carts.productId }).from(carts).where(and(eq(carts.customerId, s.customerId), shopIs(carts.shopId, s)));
  const ids = sql`SELECT product_id FROM ${browsed} AS b UNION SELECT product_id FROM ${carted} AS c UNION SELECT ${entryProductId ?? ""}`;
  return and(sql`${products.id} IN (${ids})`, s.shops === null ? undefined : sql`+${products.shopId} = ${s.shops}`)!;
}

/** The thread's shop, plus (for platform staff) every shop the customer ordered from or talked to. */
function shopsShown(s: RowScope): SQL {
  if (s.shops !== null) return eq(shops.id, s.shops);
  return or(
    eq(shops.id, s.shopId),
    sql`${shops.id} IN (SELECT shop_id FROM orders WHERE customer_id = ${s.customerId})`,
    sql`${shops.id} IN (SELECT shop_id FROM sessions WHERE customer_id = ${s.customerId})`,
  )!;
}

/** Where a page of orders starts: strictly after this order in newest-first order. */
export interface OrderPosition {
  createdAt: number;
  id: string;
}

/**
 * A page of the customer's orders in scope after `before`, with their tracks and the total, in one
 * batch. One row more than the page is read to learn whether another page follows.
 */
export async function loadOrdersPage(db: Database, s: RowScope, before: OrderPosition | null, limit: number) {
  const after = before ? or(lt(orders.createdAt, before.createdAt), and(eq(orders.createdAt, before.createdAt), lt(orders.id, before.id))) : undefined;
  const [rows, total, tracks] = await db.batch([
    db.select().from(orders).where(and(after, ordersOf(s))).orderBy(...newestFirst).limit(limit + 1),
    db.select({ n: count() }).from(orders).where(ordersOf(s)),
    trackRows(db, pickOrders(db, s, after, limit)),
  ]);
  return { rows: rows.slice(0, limit), more: rows.length > limit, total: total[0]?.n ?? 0, tracks };
}

/** The customer's orders in scope, newest first, for order-reference resolution. */
export async function listScopedOrders(db: Database, s: RowScope, limit: number) {
  return db.select().from(orders).where(ordersOf(s)).orderBy(...newestFirst).limit(limit).all();
}

/** Tracking events of some of the customer's orders in scope, oldest first. */
export async function listScopedTracks(db: Database, s: RowScope, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return trackRows(db, pickOrders(db, s, inArray(orders.id, orderIds))).all();
}
