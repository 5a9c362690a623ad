/**
 * Paging the customer's orders beyond the panel's first page. The cursor names the last order
 * shown (`<createdAt>.<orderId>`); clients treat it as opaque and pass back `next` as `before`.
 * A cursor is only a position: it reveals nothing and reaches nothing outside the caller's scope.
 */
import * as v from "valibot";
import type { Database } from "../../db/client";
import { loadOrdersPage, type OrderPosition } from "../../db/repos/context";
import { toOrder, tracksByOrder } from "./shape";
import type { ContextScope, OrdersPage } from "./types";

/** Orders per page when the caller does not say; and the most one page may hold. */
export const ORDERS_PAGE = { default: 50, max: 100 } as const;

const CURSOR = /^(\d{1,15})\.([A-Za-z0-9_.:-]{1,64})$/;

/** The `before` query parameter: a cursor this API handed out. */
export const OrderCursor = v.pipe(v.string(), v.regex(CURSOR, "must be a cursor from `orders.next` of an earlier answer"));

/** The cursor that continues after this order. */
export function orderCursor(o: OrderPosition): string {
  return `${o.createdAt}.${o.id}`;
}

function positionOf(cursor: string): OrderPosition {
  const [, at, id] = CURSOR.exec(cursor)!;
  return { createdAt: Number(at), id: id! };
}

/** The page after `before` (or the first page), newest first, with tracks and cards. */
export async function loadOrders(db: Database, scope: ContextScope, before: string | undefined, limit: number): Promise<OrdersPage> {
  const page = await loadOrdersPage(db, scope, before ? positionOf(before) : null, limit);
  const tracks = tracksByOrder(page.tracks);
  const last = page.rows.at(-1);
  return {
    total: page.total,
    items: page.rows.map((o) => toOrder(o, tracks.get(o.id))),
    next: page.more && last ? orderCursor(last) : null,
  };
}
