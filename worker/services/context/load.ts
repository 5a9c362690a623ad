/**
 * The agent panel's context of a thread: who the customer is, the chat's entry, orders with
 * their tracks, browsing, cart, past sessions and complaints. One D1 batch, then shaping.
 */
import type { Entry } from "../../../core/protocol";
import type { Database } from "../../db/client";
import { loadContextRows, type ContextRows } from "../../db/repos/context";
import { orderCursor } from "./orders";
import { collapseBrowsing, productIndex, toContextTicket, toOrder, toSession, tracksByOrder } from "./shape";
import type { ContextScope, ThreadContext } from "./types";

export interface EntryQuery {
  type?: Entry["type"];
  id?: string;
}

/** Loads a thread's context within `scope` (from `contextScope`, which did the tenancy check). */
export async function loadThreadContext(db: Database, scope: ContextScope, entry: EntryQuery = {}, now = Date.now()): Promise<ThreadContext> {
  const rows = await loadContextRows(db, scope, {
    productId: entry.type === "product" ? entry.id : undefined,
    orderId: entry.type === "order" ? entry.id : undefined,
  });
  const tracks = tracksByOrder(rows.tracks);
  const history = rows.history.map((r) => toSession(r.session, r.agentName));
  const products = productIndex(rows.productRows);
  return {
    threadId: scope.threadId,
    shopId: scope.shopId,
    scope: scope.shops === null ? "all" : "shop",
    entry: entryOf(entry, rows, products),
    customer: customerOf(scope, rows),
    orders: { total: rows.orderCount, items: rows.orderRows.map((o) => toOrder(o, tracks.get(o.id))), next: nextOrders(rows) },
    browsing: collapseBrowsing(rows.browsing, products),
    cart: {
      updatedAt: rows.cartUpdatedAt,
      items: rows.cart.map((l) => ({ product: products.of(l.productId, l.shopId), productId: l.productId, shopId: l.shopId, qty: l.qty, addedAt: l.addedAt })),
    },
    sessions: history,
    complaints: {
      sessions: rows.complaints.map((r) => toSession(r.session, r.agentName)),
      leaveMessages: rows.leave.map((m) => ({ id: m.id, shopId: m.shopId, text: m.text, status: m.status, createdAt: m.createdAt })),
      tickets: rows.ticketRows.map((t) => toContextTicket(t, now)),
    },
    shops: rows.shopRows,
  };
}

/** Where `GET /api/context/orders` continues, when there are more orders than the first page. */
function nextOrders(rows: ContextRows): string | null {
  const last = rows.orderRows.at(-1);
  return last && rows.orderCount > rows.orderRows.length ? orderCursor(last) : null;
}

function customerOf(scope: ContextScope, rows: ContextRows): ThreadContext["customer"] {
  const c = rows.customer;
  const channels = rows.channels.map((ch) => ({ channel: ch.channel, sessions: ch.sessions, lastAt: ch.lastAt ?? 0 }));
  if (!c) return { id: scope.customerId, known: false, name: scope.customerId, level: "normal", tags: [], locale: "zh-CN", channels };
  return { id: c.id, known: true, name: c.name, level: c.level, tags: c.tags, locale: c.locale, channels };
}

/** The chat's entry, resolved within scope; a product or order that is not there comes back null. */
function entryOf(entry: EntryQuery, rows: ContextRows, products: ReturnType<typeof productIndex>): ThreadContext["entry"] {
  if (!entry.type) return null;
  if (entry.type === "product") return entry.id ? { type: "product", id: entry.id, product: products.byId(entry.id) } : null;
  if (entry.type === "order") {
    return entry.id ? { type: "order", id: entry.id, order: rows.entryOrder ? toOrder(rows.entryOrder, rows.entryTrack) : null } : null;
  }
  return { type: entry.type, id: entry.id ?? null };
}
