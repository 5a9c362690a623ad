/**
 * One order's row: its items and a life cycle whose timestamps fit its status
 * (createdAt < paidAt < shippedAt < deliveredAt ≤ updatedAt ≤ now).
 */
import type { OrderStatus } from "../../core/domain/catalog";
import type { OrderItem, orders } from "../../worker/db/schema";
import type { ProductRow } from "./products";
import type { Rng } from "./random";
import type { SellingShopId } from "./shops";
import { DAY, HOUR, MINUTE, chain } from "./time";

export type OrderRow = typeof orders.$inferInsert;

/** The timestamps of an order; absent stages never happened. */
export interface OrderTimes {
  createdAt: number;
  paidAt?: number;
  shippedAt?: number;
  deliveredAt?: number;
  updatedAt: number;
}

/** Order id from its number: `o00001`. */
export function orderId(n: number): string {
  return `o${String(n).padStart(5, "0")}`;
}

/** A unit price on a sale day such as 双十一: 15 % off, rounded to the yuan. */
export function salePrice(priceCents: number): number {
  return Math.round((priceCents * 0.85) / 100) * 100;
}

/** 1-3 distinct products of the shop, at sale prices on sale days. */
export function lineItems(rng: Rng, shopProducts: ProductRow[], discounted: boolean): OrderItem[] {
  const count = Number(rng.weighted({ "1": 65, "2": 25, "3": 10 }));
  return rng.sample(shopProducts, count).map((p) => ({
    productId: p.id,
    title: p.title,
    category: p.category,
    // Nobody buys three laptops; socks and snacks come in twos and threes.
    qty: p.shopId === "electronics" ? 1 : Number(rng.weighted({ "1": 70, "2": 20, "3": 10 })),
    priceCents: discounted ? salePrice(p.priceCents) : p.priceCents,
  }));
}

/** Typical durations of each stage, drawn once per order. */
function drawGaps(rng: Rng, shopId: SellingShopId) {
  return {
    pay: rng.int(1, 20) * MINUTE,
    // Electronics ship from a warehouse the same day; fresh food goes out cold-chain overnight.
    ship: shopId === "electronics" ? rng.range(1, 12) * HOUR : rng.range(4, 36) * HOUR,
    deliver: shopId === "food" ? rng.range(18, 30) * HOUR : rng.range(20, 72) * HOUR,
    confirm: rng.range(1, 8) * DAY,
    refund: rng.range(0.5, 4) * DAY,
    cancel: rng.int(30, 60) * MINUTE,
  };
}

/** One step of a life cycle: the stamp it sets (null: it only moves updatedAt) and its gap after the previous step. */
export type Step = ["paidAt" | "shippedAt" | "deliveredAt" | null, number];

/** Times of an order created at `createdAt` whose steps happened one after another by `now`. */
export function runSteps(createdAt: number, steps: Step[], now: number): OrderTimes {
  const times = chain(createdAt, steps.map(([, gap]) => gap), now);
  const result: OrderTimes = { createdAt, updatedAt: times[times.length - 1] ?? createdAt };
  steps.forEach(([stamp], i) => {
    if (stamp) result[stamp] = times[i];
  });
  return result;
}

/** Times of an order created at `createdAt` that has reached `status` by `now`. */
export function lifeCycle(rng: Rng, status: OrderStatus, shopId: SellingShopId, createdAt: number, now: number): OrderTimes {
  const g = drawGaps(rng, shopId);
  const paid: Step = ["paidAt", g.pay];
  const toDoor: Step[] = [paid, ["shippedAt", g.ship], ["deliveredAt", g.deliver]];
  // Half of the refunds are "仅退款" before shipment, half "退货退款" after delivery.
  const refundFrom = rng.chance(0.5) ? toDoor : [paid];
  const plans: Record<OrderStatus, Step[]> = {
    pending_payment: [],
    cancelled: [[null, g.cancel]],
    paid: [paid],
    shipped: toDoor.slice(0, 2),
    delivered: toDoor,
    completed: [...toDoor, [null, g.confirm]],
    refunding: [...refundFrom, [null, g.refund]],
    refunded: [...refundFrom, [null, g.refund * 2]],
  };
  return runSteps(createdAt, plans[status], now);
}

/** An order row from its parts; the total is the sum of its lines. */
export function orderRow(id: string, shopId: SellingShopId, customerId: string, status: OrderStatus, items: OrderItem[], times: OrderTimes): OrderRow {
  return {
    id,
    shopId,
    customerId,
    status,
    totalCents: items.reduce((sum, i) => sum + i.qty * i.priceCents, 0),
    items,
    createdAt: times.createdAt,
    paidAt: times.paidAt ?? null,
    shippedAt: times.shippedAt ?? null,
    deliveredAt: times.deliveredAt ?? null,
    updatedAt: times.updatedAt,
  };
}
