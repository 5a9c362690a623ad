/**
 * Which of the customer's orders a message means (core/domain/order-reference), with each
 * candidate's card and track: what the agent panel highlights and the bot answers from.
 */
import type { OrderStatus } from "../../../core/domain/catalog";
import { resolveOrderReference, type OrderSummary } from "../../../core/domain/order-reference";
import type { Database } from "../../db/client";
import { listScopedOrders, listScopedTracks } from "../../db/repos/context";
import type { orders } from "../../db/schema";
import { toOrder, tracksByOrder } from "./shape";
import type { ContextScope, ResolvedReference } from "./types";

/** Orders the resolver weighs: the newest ones; "双十一那单" reaches back months, rarely further. */
export const RESOLVE_ORDERS_MAX = 200;

export interface ResolveQuery {
  message: string;
  /** Epoch ms of the message. */
  now: number;
  /** The order page the chat was opened from. */
  entryOrderId?: string;
  /** IANA zone of the shopper's calendar words; the resolver's default is Asia/Shanghai. */
  timeZone?: string;
}

function toSummary(o: typeof orders.$inferSelect): OrderSummary {
  return {
    id: o.id, shopId: o.shopId, status: o.status as OrderStatus, totalCents: o.totalCents, createdAt: o.createdAt,
    paidAt: o.paidAt ?? undefined, shippedAt: o.shippedAt ?? undefined, deliveredAt: o.deliveredAt ?? undefined, items: o.items,
  };
}

/** Ranked candidates for a message within `scope` (a shop's agent never sees another shop's orders). */
export async function resolveForThread(db: Database, scope: ContextScope, q: ResolveQuery): Promise<ResolvedReference> {
  const rows = await listScopedOrders(db, scope, RESOLVE_ORDERS_MAX);
  const result = resolveOrderReference({ message: q.message, orders: rows.map(toSummary), now: q.now, timeZone: q.timeZone, entryOrderId: q.entryOrderId });
  const byId = new Map(rows.map((o) => [o.id, o]));
  const tracks = tracksByOrder(await listScopedTracks(db, scope, result.candidates.map((c) => c.orderId)));
  return {
    referenced: result.referenced,
    ambiguous: result.ambiguous,
    candidates: result.candidates.map((c) => ({ ...c, order: toOrder(byId.get(c.orderId)!, tracks.get(c.orderId)) })),
  };
}
