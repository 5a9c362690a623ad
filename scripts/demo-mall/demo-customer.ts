/**
 * The scripted orders of the demo shopper `c0001` (林晓雨), the ones the README walks through:
 * "我昨天买的衣服到哪了" finds o00001, "上周买的耳机" finds o00002, and so on. Their times are
 * fixed points of the calendar relative to `now`, not random.
 */
import type { Category, OrderStatus } from "../../core/domain/catalog";
import type { OrderItem } from "../../worker/db/schema";
import { DEMO_CUSTOMER_ID } from "./customers";
import { orderId, orderRow, runSteps, salePrice, type OrderRow, type Step } from "./lifecycle";
import type { ProductRow } from "./products";
import type { SellingShopId } from "./shops";
import { DAY, HOUR, MINUTE, dayStart, lastDoubleEleven, monthStart } from "./time";

interface Story {
  shopId: SellingShopId;
  status: OrderStatus;
  /** [category, qty]: the first product of each category is bought. */
  lines: [Category, number][];
  createdAt: (now: number) => number;
  /** What happened after creation; the steps must fit `status`. */
  steps: Step[];
  discounted?: boolean;
}

const STORIES: Story[] = [
  {
    // 昨天买的衣服: shipped yesterday afternoon, in transit now.
    shopId: "apparel",
    status: "shipped",
    lines: [["apparel/tops", 2], ["apparel/pants", 1]],
    createdAt: (now) => dayStart(now, 1) + 10 * HOUR + 20 * MINUTE,
    steps: [["paidAt", 2 * MINUTE], ["shippedAt", 6 * HOUR + 18 * MINUTE]],
  },
  {
    // 上周买的耳机: ordered a week ago, delivered the next day.
    shopId: "electronics",
    status: "delivered",
    lines: [["electronics/audio", 1]],
    createdAt: (now) => dayStart(now, 7) + 9 * HOUR + 30 * MINUTE,
    steps: [["paidAt", MINUTE], ["shippedAt", 5 * HOUR + 29 * MINUTE], ["deliveredAt", 23 * HOUR]],
  },
  {
    // 还没付款的茶和橙子: placed 25 minutes ago.
    shopId: "food",
    status: "pending_payment",
    lines: [["food/tea", 1], ["food/fruit", 2]],
    createdAt: (now) => now - 25 * MINUTE,
    steps: [],
  },
  {
    // 上个月买的面霜: long completed.
    shopId: "beauty",
    status: "completed",
    lines: [["beauty/skincare", 1]],
    createdAt: (now) => monthStart(now, 1) + 14 * DAY + 20 * HOUR,
    steps: [["paidAt", 3 * MINUTE], ["shippedAt", 18 * HOUR], ["deliveredAt", 2 * DAY], [null, 3 * DAY]],
  },
  {
    // 双十一买的裙子: delivered after the sale's backlog, return requested.
    shopId: "apparel",
    status: "refunding",
    lines: [["apparel/dresses", 1]],
    createdAt: (now) => lastDoubleEleven(now) + 5 * MINUTE,
    steps: [["paidAt", MINUTE], ["shippedAt", 34 * HOUR], ["deliveredAt", 2 * DAY], [null, DAY]],
    discounted: true,
  },
  {
    // 前天买的充电宝: paid, not shipped yet.
    shopId: "electronics",
    status: "paid",
    lines: [["electronics/accessories", 1]],
    createdAt: (now) => dayStart(now, 2) + 21 * HOUR + 15 * MINUTE,
    steps: [["paidAt", MINUTE]],
  },
];

/** Number of scripted orders; the random orders are numbered after them. */
export const DEMO_ORDER_COUNT = STORIES.length;

/** The demo shopper's orders, ids `o00001` … in story order. */
export function demoCustomerOrders(now: number, productsByShop: Record<SellingShopId, ProductRow[]>): OrderRow[] {
  return STORIES.map((story, i) => {
    const items: OrderItem[] = story.lines.map(([category, qty]) => {
      const p = productsByShop[story.shopId].find((row) => row.category === category)!;
      const priceCents = story.discounted ? salePrice(p.priceCents) : p.priceCents;
      return { productId: p.id, title: p.title, category, qty, priceCents };
    });
    return orderRow(orderId(i + 1), story.shopId, DEMO_CUSTOMER_ID, story.status, items, runSteps(story.createdAt(now), story.steps, now));
  });
}
