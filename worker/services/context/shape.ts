/**
 * Rows to the panel's shapes: orders with their tracks and cards, sessions with their outcome,
 * browsing collapsed to distinct products. No I/O.
 */
import type { OrderCard } from "../../../core/protocol";
import { orderCardOf } from "../../../core/domain/order-card";
import { isOverdue } from "../../../core/domain/tickets";
import type { TicketCategory, TicketPriority, TicketStatus } from "../../../core/protocol/tickets";
import type { ContextRows, TrackRow } from "../../db/repos/context";
import type { orders, products, sessions } from "../../db/schema";
import type { ContextOrder, ContextProduct, ContextSession, ContextTicket, ThreadContext, TrackEvent } from "./types";

type OrderRow = typeof orders.$inferSelect;
type ProductRow = typeof products.$inferSelect;
type SessionRow = typeof sessions.$inferSelect;
type BrowsingRow = { productId: string; shopId: string; channel: string; occurredAt: number };

/** Distinct products shown under "recently browsed". */
export const BROWSING_SHOWN = 20;

/** The card an agent sends for an order: the same snapshot the room stores in an order_card message. */
export function orderCard(o: OrderRow): OrderCard {
  return orderCardOf(o);
}

/** Groups tracking events (already oldest first) by order id. */
export function tracksByOrder(events: TrackRow[]): Map<string, TrackRow[]> {
  const byOrder = new Map<string, TrackRow[]>();
  for (const e of events) {
    const list = byOrder.get(e.orderId);
    if (list) list.push(e);
    else byOrder.set(e.orderId, [e]);
  }
  return byOrder;
}

/** An order with its track; carrier and number are the latest event's (a parcel may be re-sent). */
export function toOrder(o: OrderRow, track: TrackRow[] = []): ContextOrder {
  const events: TrackEvent[] = track.map((e) => ({ status: e.status, description: e.description, location: e.location, occurredAt: e.occurredAt }));
  const last = track.at(-1);
  return {
    id: o.id, shopId: o.shopId, status: o.status, totalCents: o.totalCents, items: o.items, createdAt: o.createdAt,
    paidAt: o.paidAt, shippedAt: o.shippedAt, deliveredAt: o.deliveredAt, updatedAt: o.updatedAt, card: orderCard(o),
    shipment: last ? { carrier: last.carrier, trackingNo: last.trackingNo, latest: events.at(-1)!, events } : null,
  };
}

export function toProduct(p: ProductRow | null | undefined): ContextProduct | null {
  if (!p) return null;
  return { id: p.id, shopId: p.shopId, title: p.title, titleEn: p.titleEn, category: p.category, priceCents: p.priceCents, stock: p.stock, image: p.image };
}

export function toSession(s: SessionRow, agentName: string | null): ContextSession {
  const outcome = s.status !== "resolved" ? "open" : s.closeReason === "idle" ? "closed_idle" : "resolved";
  const handledBy = s.agentId !== null || s.agentMessages > 0 ? "agent" : s.botMessages > 0 ? "bot" : null;
  return {
    id: s.id, shopId: s.shopId, channel: s.channel, status: s.status, outcome, handledBy, groupKey: s.groupId,
    agent: s.agentId ? { id: s.agentId, name: agentName ?? s.agentId } : null,
    entry: s.entryType ? { type: s.entryType, id: s.entryId } : null,
    openedAt: s.openedAt, resolvedAt: s.resolvedAt, closeReason: s.closeReason, rating: s.rating, ratingComment: s.ratingComment,
  };
}

/** Products by id; `of(id, shopId)` only answers for the shop a line names (ids are the mall's). */
export function productIndex(rows: ProductRow[]) {
  const byId = new Map(rows.map((p) => [p.id, p]));
  return {
    byId: (id: string | undefined) => (id ? toProduct(byId.get(id)) : null),
    of: (id: string, shopId: string) => {
      const p = byId.get(id);
      return p && p.shopId === shopId ? toProduct(p) : null;
    },
  };
}

/** Page views (newest first) as distinct products: the latest view of each, with a count. */
export function collapseBrowsing(rows: BrowsingRow[], products: ReturnType<typeof productIndex>): ThreadContext["browsing"] {
  const seen = new Map<string, ThreadContext["browsing"][number]>();
  for (const e of rows) {
    const key = `${e.shopId}/${e.productId}`;
    const item = seen.get(key);
    if (item) item.views++;
    else if (seen.size < BROWSING_SHOWN) {
      seen.set(key, { product: products.of(e.productId, e.shopId), productId: e.productId, shopId: e.shopId, views: 1, lastViewedAt: e.occurredAt, channel: e.channel });
    }
  }
  return [...seen.values()];
}

/** A ticket as the panel lists it, overdue as of `now`. */
export function toContextTicket(t: ContextRows["ticketRows"][number], now: number): ContextTicket {
  const status = t.status as TicketStatus;
  return { ...t, category: t.category as TicketCategory, status, priority: t.priority as TicketPriority, overdue: isOverdue({ status, dueAt: t.dueAt }, now) };
}
