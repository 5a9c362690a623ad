/**
 * What shoppers did besides ordering: carts (for "购物车里的东西降价了" campaigns) and product
 * page views (for the agent's view of what a shopper looked at before asking).
 */
import type { browsingEvents, carts } from "../../worker/db/schema";
import { DEMO_CUSTOMER_ID, type CustomerProfile } from "./customers";
import type { ProductRow } from "./products";
import { Rng } from "./random";
import { SELLING_SHOPS, type SellingShopId } from "./shops";
import { DAY, HOUR, MINUTE } from "./time";

export type CartRow = typeof carts.$inferInsert;
export type BrowsingEventRow = typeof browsingEvents.$inferInsert;

export const CART_SHOPPERS = 150;
export const BROWSING_EVENTS = 5000;

const CHANNELS = { app: 45, miniprogram: 25, h5: 15, pc: 15 } as const;

/** How long ago something happened, never before the shopper joined (and at least an hour ago). */
function agoWithin(rng: Rng, days: number, profile: CustomerProfile): number {
  const limit = Math.min(days, profile.joinedDaysAgo - 1) * DAY;
  return Math.max(HOUR, Math.floor(rng.next() * limit));
}

/** Cart lines of 150 shoppers: the demo shopper's two fixed lines, then 1-4 lines for the others. */
export function cartRows(now: number, profiles: CustomerProfile[], productsByShop: Record<SellingShopId, ProductRow[]>): CartRow[] {
  const rng = Rng.for("carts");
  // The demo shopper keeps a serum and a down jacket in the cart: price-drop material for the demo.
  const demo = [productsByShop.beauty[1]!, productsByShop.apparel.find((p) => p.category === "apparel/outerwear")!];
  const rows: CartRow[] = demo.map((p, i) => ({ customerId: DEMO_CUSTOMER_ID, shopId: p.shopId, productId: p.id, qty: 1, addedAt: now - (i + 2) * DAY }));
  const others = rng.sample(profiles.filter((p) => p.id !== DEMO_CUSTOMER_ID), CART_SHOPPERS - 1);
  for (const profile of others) {
    const shops = rng.sample(SELLING_SHOPS, rng.int(1, 2));
    const lines = rng.sample(shops.flatMap((s) => productsByShop[s]), rng.int(1, 4));
    for (const p of lines) {
      rows.push({ customerId: profile.id, shopId: p.shopId, productId: p.id, qty: rng.chance(0.8) ? 1 : 2, addedAt: now - agoWithin(rng, 14, profile) });
    }
  }
  return rows;
}

/**
 * 5,000 product views in visits: a shopper opens one channel and looks at 2-8 products of one
 * shop a minute or two apart. Most visits are from the last week.
 */
export function browsingRows(now: number, profiles: CustomerProfile[], productsByShop: Record<SellingShopId, ProductRow[]>): BrowsingEventRow[] {
  const rng = Rng.for("browsing");
  const rows: BrowsingEventRow[] = [];
  while (rows.length < BROWSING_EVENTS) {
    const profile = rng.pick(profiles);
    const channel = rng.weighted(CHANNELS);
    const shopId = rng.pick(SELLING_SHOPS);
    let at = now - agoWithin(rng, rng.chance(0.6) ? 7 : 30, profile);
    const views = rng.sample(productsByShop[shopId], rng.int(2, 8));
    for (const product of views) {
      if (rows.length === BROWSING_EVENTS) break;
      rows.push({ id: `bv-${String(rows.length + 1).padStart(5, "0")}`, customerId: profile.id, shopId, productId: product.id, channel, occurredAt: at });
      at += Math.floor(rng.range(0.3, 3) * MINUTE);
    }
  }
  return rows;
}
