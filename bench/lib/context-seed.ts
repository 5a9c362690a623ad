/**
 * Rows for `npm run bench:context`: a heavy customer (orders with parcel tracks, page views,
 * sessions, a cart) among other customers, so the indexes matter. Runs inside the bench Worker.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../../worker/db/client";
import { browsingEvents, carts, cartSnapshots, customers, orders, products, sessions, shipmentEvents, shops } from "../../worker/db/schema";

export const BENCH_NOW = Date.UTC(2026, 10, 20, 6, 0, 0);
export const BENCH_CUSTOMER = "c-heavy";
export const BENCH_SHOPS = ["apparel", "electronics", "food"] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEPS = ["collected", "in_transit", "at_hub", "out_for_delivery", "delivered"];
const CATEGORY = { apparel: "apparel/tops", electronics: "electronics/phones", food: "food/tea" } as Record<string, string>;

type Statement = BatchItem<"sqlite">;

/** Runs statements in batches: one round trip each. */
async function insertAll(db: Database, statements: Statement[]): Promise<void> {
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500) as [Statement, ...Statement[]]);
}

/** A customer's orders over a year (nine in ten shipped, with 3-5 track steps) and page views. */
function customerRows(db: Database, customerId: string, orderCount: number, viewCount: number, shopOf: (i: number) => string): Statement[] {
  const rows: Statement[] = [];
  for (let i = 0; i < orderCount; i++) {
    const shopId = shopOf(i);
    const createdAt = BENCH_NOW - Math.round((i * 365 * DAY) / Math.max(1, orderCount)) - HOUR;
    const id = `o-${customerId}-${i}`;
    const item = { productId: `p-${shopId}-${i % 100}`, title: `商品 ${i % 100}`, category: CATEGORY[shopId]!, qty: 1 + (i % 3), priceCents: 9900 };
    const shipped = i % 10 !== 0;
    const status = !shipped ? "paid" : i < 3 ? "shipped" : "delivered";
    rows.push(db.insert(orders).values({ id, shopId, customerId, status, totalCents: item.priceCents * item.qty, items: [item], createdAt, paidAt: createdAt + 60_000, shippedAt: shipped ? createdAt + 6 * HOUR : null, updatedAt: createdAt + 2 * DAY }));
    if (!shipped) continue;
    STEPS.slice(0, i < 3 ? 3 : 5).forEach((step, s) =>
      rows.push(db.insert(shipmentEvents).values({ id: `se-${id}-${s}`, orderId: id, shopId, carrier: "中通快递", trackingNo: `78${String(i).padStart(12, "0")}`, status: step, description: `【杭州】${step}`, location: "杭州", occurredAt: createdAt + (6 + s * 8) * HOUR })),
    );
  }
  for (let i = 0; i < viewCount; i++) {
    const shopId = shopOf(i);
    rows.push(db.insert(browsingEvents).values({ id: `bv-${customerId}-${i}`, customerId, shopId, productId: `p-${shopId}-${(i * 7) % 100}`, channel: i % 2 ? "app" : "h5", occurredAt: BENCH_NOW - i * 17 * 60_000 }));
  }
  return rows;
}

/** Shops, products, the heavy customer's profile, sessions and cart. */
function baseRows(db: Database): Statement[] {
  const rows: Statement[] = BENCH_SHOPS.map((id) => db.insert(shops).values({ id, name: id, nameEn: id, category: id, createdAt: BENCH_NOW }));
  for (const shopId of BENCH_SHOPS) {
    for (let i = 0; i < 100; i++) rows.push(db.insert(products).values({ id: `p-${shopId}-${i}`, shopId, title: `商品 ${i}`, titleEn: `Product ${i}`, category: CATEGORY[shopId]!, priceCents: 9900, stock: 10, updatedAt: BENCH_NOW }));
  }
  rows.push(db.insert(customers).values({ id: BENCH_CUSTOMER, name: "重度买家", level: "vip", tags: ["高价值"], locale: "zh-CN", createdAt: BENCH_NOW, updatedAt: BENCH_NOW }));
  for (let i = 0; i < 30; i++) {
    const shopId = BENCH_SHOPS[i % 3]!;
    const openedAt = BENCH_NOW - i * 5 * DAY;
    rows.push(db.insert(sessions).values({ id: `s-${i}`, shopId, customerId: BENCH_CUSTOMER, threadId: `${shopId}:${BENCH_CUSTOMER}`, channel: i % 2 ? "app" : "pc", status: "resolved", openedAt, lastMessageAt: openedAt + HOUR, resolvedAt: openedAt + HOUR, closeReason: i % 7 ? "resolved" : "complaint", rating: 4, updatedAt: openedAt + HOUR }));
  }
  for (let i = 0; i < 8; i++) rows.push(db.insert(carts).values({ customerId: BENCH_CUSTOMER, shopId: "apparel", productId: `p-apparel-${i * 3}`, qty: 1, addedAt: BENCH_NOW - i * DAY }));
  rows.push(db.insert(cartSnapshots).values({ customerId: BENCH_CUSTOMER, shopId: "apparel", updatedAt: BENCH_NOW }));
  return rows;
}

/** Seeds everything: the heavy customer's orders and views are all with `apparel`, the thread's shop (the worst case). */
export async function seedBench(db: Database, o: { orders: number; browsing: number; others: number }): Promise<void> {
  await insertAll(db, baseRows(db));
  await insertAll(db, customerRows(db, BENCH_CUSTOMER, o.orders, o.browsing, () => "apparel"));
  for (let c = 0; c < o.others; c++) await insertAll(db, customerRows(db, `c-${c}`, 20, 50, (i) => BENCH_SHOPS[(c + i) % 3]!));
}
