/**
 * The shopper's orders and their logistics tracks as the bot reads them, remembered by the room.
 * An order dialogue asks several times within a minute ("到哪了", a tapped order card, "还要多久"),
 * and each lookup was a D1 read of the orders and one of the track. Locally those reads were also
 * behind the longest pauses of the rooms' shared thread (`npm run bench`, docs/architecture.md).
 *
 * Exact while the mall's context pushes arrive: after a webhook changes this customer's orders or
 * an order's shipment steps, the Worker tells the thread's room (`contextChanged`), which calls
 * `changed()`, and the next turn reads afresh. A read still under way when the push comes is not
 * served after it (FreshMemo's version). A push that is lost (the Worker's call failed, or the
 * session's D1 row was not written yet when the push looked for the thread) is bounded by
 * ORDERS_TTL_MS. The memo dies with the room's instance.
 */
import { FreshMemo } from "../../core/lib/fresh-memo";
import type { OrderSummary } from "../../core/domain/order-reference";
import type { Database } from "../../worker/db/client";
import { orderTrack, recentCustomerOrders } from "../../worker/db/repos/orders";

export const ORDERS_TTL_MS = 60_000;
/** Tracks of the orders a shopper asked about in the last minute: a handful at most. */
const MAX_TRACKS = 20;

export type OrderTrack = Awaited<ReturnType<typeof orderTrack>>;

export class CustomerOrders {
  #version = 0;
  readonly #orders = new FreshMemo<OrderSummary[]>(ORDERS_TTL_MS, 1);
  readonly #tracks = new FreshMemo<OrderTrack>(ORDERS_TTL_MS, MAX_TRACKS);

  constructor(
    /** The room's D1 at the time of each read, as the rest of the room reaches it (fault tests swap it). */
    private readonly db: () => Database,
    private readonly shopId: string,
    private readonly customerId: string,
  ) {}

  /** The customer's recent orders with this shop (every shop's in the platform desk's thread). */
  list(now: number): Promise<OrderSummary[]> {
    return this.#orders.get("orders", String(this.#version), now, async () => {
      const rows = await recentCustomerOrders(this.db(), this.shopId, this.customerId);
      return rows.map((o) => ({
        id: o.id, shopId: o.shopId, status: o.status as OrderSummary["status"], totalCents: o.totalCents, createdAt: o.createdAt,
        paidAt: o.paidAt ?? undefined, shippedAt: o.shippedAt ?? undefined, deliveredAt: o.deliveredAt ?? undefined, items: o.items,
      }));
    });
  }

  /** One of those orders' shipment steps, newest first. */
  track(order: OrderSummary, now: number): Promise<OrderTrack> {
    return this.#tracks.get(`${order.shopId}:${order.id}`, String(this.#version), now, () => orderTrack(this.db(), order.shopId, order.id));
  }

  /** The mall changed this customer's orders or their shipments: the next read goes to D1. */
  changed(): void {
    this.#version++;
  }
}
