/**
 * The mall's order history. Orders fall in time buckets the bot's time words can name (今天,
 * 昨天, 前天, 上周, 上个月, 双十一) and each bucket has statuses that fit its age: nothing
 * created this morning is delivered, nothing from last month still awaits payment.
 *
 * Only `now`'s calendar moves the times: statuses, items and shoppers are drawn the same whatever
 * `now` is, so a re-seed replaces every order in place.
 */
import type { OrderStatus } from "../../core/domain/catalog";
import type { CustomerProfile } from "./customers";
import { lifeCycle, lineItems, orderId, orderRow, type OrderRow } from "./lifecycle";
import type { ProductRow } from "./products";
import { Rng } from "./random";
import type { SellingShopId } from "./shops";
import { MINUTE, dayStart, lastDoubleEleven, monthStart } from "./time";

/** How many orders the mall has in all, the demo shopper's included. */
export const ORDER_COUNT = 1500;

type Bucket = "today" | "yesterday" | "dayBefore" | "lastWeek" | "lastMonth" | "double11" | "earlier";

const BUCKET_WEIGHTS: Record<Bucket, number> = { today: 4, yesterday: 5, dayBefore: 4, lastWeek: 12, lastMonth: 10, double11: 15, earlier: 50 };
const SETTLED: Partial<Record<OrderStatus, number>> = { completed: 75, cancelled: 8, refunding: 3, refunded: 14 };
const STATUS_WEIGHTS: Record<Bucket, Partial<Record<OrderStatus, number>>> = {
  today: { pending_payment: 30, paid: 50, shipped: 10, cancelled: 10 },
  yesterday: { pending_payment: 5, paid: 35, shipped: 50, cancelled: 8, refunding: 2 },
  dayBefore: { paid: 15, shipped: 55, delivered: 20, cancelled: 5, refunding: 5 },
  lastWeek: { shipped: 10, delivered: 45, completed: 30, cancelled: 5, refunding: 7, refunded: 3 },
  lastMonth: SETTLED,
  double11: { ...SETTLED, refunding: 6, refunded: 20 },
  earlier: SETTLED,
};
const SHOP_WEIGHTS: Record<SellingShopId, number> = { apparel: 35, electronics: 18, food: 27, beauty: 20 };

/** When an order was placed, and the most days ago that can be (to pick a shopper who had joined). */
interface Placement {
  createdAt: number;
  maxDaysAgo: number;
}

/** A shopping-hours minute of the day: mostly daytime and evening, some night owls. */
function minuteOfDay(rng: Rng): number {
  return rng.chance(0.9) ? rng.int(8 * 60, 23 * 60 + 59) : rng.int(0, 8 * 60 - 1);
}

function place(rng: Rng, bucket: Bucket, now: number): Placement {
  const at = (daysAgo: number) => dayStart(now, daysAgo) + minuteOfDay(rng) * MINUTE;
  switch (bucket) {
    case "today": {
      // Anywhere between midnight and a few minutes ago, whatever hour the mall is seeded at.
      const start = dayStart(now);
      return { createdAt: start + Math.floor(rng.next() * Math.max(0, now - start - 5 * MINUTE)), maxDaysAgo: 0 };
    }
    case "yesterday":
      return { createdAt: at(1), maxDaysAgo: 1 };
    case "dayBefore":
      return { createdAt: at(2), maxDaysAgo: 2 };
    case "lastWeek": {
      const daysAgo = rng.int(3, 9);
      return { createdAt: at(daysAgo), maxDaysAgo: daysAgo };
    }
    case "lastMonth": {
      const from = monthStart(now, 1);
      return { createdAt: from + Math.floor(rng.next() * (monthStart(now) - from)), maxDaysAgo: 62 };
    }
    case "double11":
      // Half of the day's orders land in the first two hours, when the discounts open.
      return { createdAt: lastDoubleEleven(now) + (rng.chance(0.5) ? rng.int(0, 119) : minuteOfDay(rng)) * MINUTE, maxDaysAgo: 366 };
    case "earlier": {
      const daysAgo = rng.int(10, 180);
      return { createdAt: at(daysAgo), maxDaysAgo: daysAgo };
    }
  }
}

/** Picks shoppers in proportion to how much they buy. */
function shopperPicker(rng: Rng, profiles: CustomerProfile[]) {
  const cumulative: number[] = [];
  let total = 0;
  for (const p of profiles) cumulative.push((total += p.weight));
  return (maxDaysAgo: number): CustomerProfile => {
    for (;;) {
      const r = rng.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > r) hi = mid;
        else lo = mid + 1;
      }
      // A shopper cannot have ordered before joining: draw again (most shoppers joined long ago).
      if (profiles[lo]!.joinedDaysAgo > maxDaysAgo) return profiles[lo]!;
    }
  }
}

/**
 * The random part of the order history, ids continuing after `firstNumber - 1`. Draws shops,
 * shoppers (never the demo shopper, whose orders are scripted), statuses and items.
 */
export function randomOrders(now: number, profiles: CustomerProfile[], productsByShop: Record<SellingShopId, ProductRow[]>, firstNumber: number): OrderRow[] {
  const rng = Rng.for("orders");
  const pickShopper = shopperPicker(rng, profiles);
  const rows: OrderRow[] = [];
  for (let n = firstNumber; n <= ORDER_COUNT; n++) {
    const bucket = rng.weighted(BUCKET_WEIGHTS);
    const shopId = rng.weighted(SHOP_WEIGHTS);
    const { createdAt, maxDaysAgo } = place(rng, bucket, now);
    const shopper = pickShopper(maxDaysAgo);
    // Frequent returners ask for refunds far more often on settled orders; the tag should mean something.
    const returned = STATUS_WEIGHTS[bucket] === SETTLED && shopper.tags.includes("高退货") && rng.chance(0.4);
    const status = returned ? "refunded" : rng.weighted(STATUS_WEIGHTS[bucket]);
    const items = lineItems(rng, productsByShop[shopId], bucket === "double11");
    rows.push(orderRow(orderId(n), shopId, shopper.id, status, items, lifeCycle(rng, status, shopId, createdAt, now)));
  }
  return rows;
}
