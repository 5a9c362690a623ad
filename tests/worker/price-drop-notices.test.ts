/**
 * 降价提醒 (price-drop reminders) end to end, through the real webhook, D1, the `kefu-proactive`
 * queue (real delivery by miniflare) and each shopper's ConversationRoom: a drop of at least 5%
 * tells this shop's shoppers who have the product in their cart or looked at it in the last 7
 * days and did not buy it since, once per product in 7 days and once a day in all, never an
 * opted-out shopper; small drops, rises, stale and
 * repeated events and other shops' shoppers get nothing. The outcome counts name the kind.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { isPriceDrop, yuanText } from "../../core/domain/proactive";
import { customers, products } from "../../worker/db/schema";
import { api, seedFixture, STAFF, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { createShop, db, deliver, noticesOf, setShopHour, threadNotices, waitFor } from "../helpers/proactive";

const DAY = 86_400_000;
const FINAL = ["delivered", "skipped_opt_out", "capped", "dead"];
const dlv = () => `dlv_${crypto.randomUUID()}`;

beforeAll(async () => {
  await seedFixture();
});

async function product(shopId: string, priceCents: number, updatedAt = Date.now() - 60_000) {
  const id = `p-${crypto.randomUUID().slice(0, 12)}`;
  await deliver({ id: dlv(), topic: "product.upserted", data: { id, shopId, title: "羊毛大衣", titleEn: "Wool coat", category: "apparel/outerwear", priceCents, stock: 20, updatedAt } });
  return id;
}
const viewed = (shopId: string, customerId: string, productId: string, occurredAt = Date.now() - 2 * DAY) =>
  deliver({ id: dlv(), topic: "browsing.event", data: { id: `bv_${crypto.randomUUID()}`, customerId, shopId, productId, channel: "app", occurredAt } });
const carted = (shopId: string, customerId: string, productId: string) =>
  deliver({ id: dlv(), topic: "cart.updated", data: { customerId, shopId, items: [{ productId, qty: 1, addedAt: Date.now() - DAY }], updatedAt: Date.now() - DAY } });
const priceTo = (shopId: string, productId: string, priceCents: number, occurredAt = Date.now()) =>
  deliver({ id: dlv(), topic: "product.price_changed", data: { productId, shopId, priceCents, occurredAt } });

const priceDrops = async (customerId: string) => (await noticesOf(customerId)).filter((n) => n.kind === "price_drop");
/** Waits until every price-drop notice of these shoppers has its outcome. */
async function settled(customerIds: string[], expected: number) {
  return waitFor(async () => {
    const rows = (await Promise.all(customerIds.map(priceDrops))).flat();
    return rows.length === expected && rows.every((r) => FINAL.includes(r.status)) ? rows : null;
  }, `${expected} price-drop outcomes`);
}

describe("price-drop reminders", () => {
  it("tells the shoppers with it in their cart or who looked at it lately, once, in their thread with the shop", async () => {
    const shopId = await createShop(12);
    const elsewhere = await createShop(12);
    const pid = await product(shopId, 29900);
    const [inCart, looked, lookedTwice, lookedLongAgo, optedOut, otherShop] = ["pd", "pd", "pd", "pd", "pd", "pd"].map(uniqueCustomer);
    await db.insert(customers).values({ id: optedOut!, name: "吴九", level: "normal", tags: [], locale: "zh-CN", proactiveOptOut: true, createdAt: Date.now(), updatedAt: Date.now() }).run();
    await carted(shopId, inCart!, pid);
    await viewed(shopId, looked!, pid);
    await viewed(shopId, lookedTwice!, pid, Date.now() - DAY);
    await viewed(shopId, lookedTwice!, pid, Date.now() - 3 * DAY);
    await viewed(shopId, lookedLongAgo!, pid, Date.now() - 10 * DAY);
    await viewed(shopId, optedOut!, pid);
    // The same product id seen in another shop: that shop's shopper, not this product's.
    await viewed(elsewhere, otherShop!, pid);

    expect((await priceTo(shopId, pid, 25900)).results).toEqual([{ topic: "product.price_changed", outcome: "applied" }]);
    const rows = await settled([inCart!, looked!, lookedTwice!, optedOut!], 4);
    expect(Object.fromEntries(rows.map((r) => [r.customerId, r.status]))).toEqual({ [inCart!]: "delivered", [looked!]: "delivered", [lookedTwice!]: "delivered", [optedOut!]: "skipped_opt_out" });
    expect(await priceDrops(lookedLongAgo!)).toEqual([]);
    expect(await priceDrops(otherShop!)).toEqual([]);

    const row = rows.find((r) => r.customerId === inCart)!;
    expect(row).toMatchObject({ shopId, orderId: "", sourceId: pid, code: "price.dropped", attempts: 1 });
    expect(row.id).toMatch(/^pn_[0-9a-f]{32}$/);
    const [notice, ...more] = await threadNotices(`${shopId}:${inCart}`);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({
      seq: row.messageSeq, clientId: row.id, kind: "system", sender: { role: "system", id: "proactive" },
      body: { notice: { code: "price.dropped", params: { productId: pid, title: "羊毛大衣", titleEn: "Wool coat", was: "299.00", now: "259.00" } } },
    });
    expect(await threadNotices(`${shopId}:${optedOut}`)).toEqual([]);

    // It falls again within the week: the same shoppers are not told twice.
    expect((await priceTo(shopId, pid, 19900)).results[0]!.outcome).toBe("applied");
    expect((await db.select({ price: products.priceCents, previous: products.previousPriceCents }).from(products).where(eq(products.id, pid)).get())).toEqual({ price: 19900, previous: 25900 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await priceDrops(inCart!)).toHaveLength(1);
    expect(await threadNotices(`${shopId}:${looked}`)).toHaveLength(1);
  });

  it("says nothing of a small drop, a rise, a stale or repeated event, or a product's first price", async () => {
    const shopId = await createShop(12);
    const fan = uniqueCustomer("pd");
    const t0 = Date.now() - 60_000;
    const pid = await product(shopId, 10000, t0);
    await viewed(shopId, fan, pid);
    await priceTo(shopId, pid, 9600, t0 + 1); // 4% off: below the 5% that is worth a notice
    await priceTo(shopId, pid, 12000, t0 + 2); // a rise
    // Older than the stored price: skipped, not applied, whatever it says.
    expect((await priceTo(shopId, pid, 100, t0 - 1)).results[0]!.outcome).toBe("skipped");
    const drop = { productId: pid, shopId, priceCents: 11000, occurredAt: t0 + 3 }; // 8.3% off 120.00, but sent twice
    expect((await deliver({ id: dlv(), topic: "product.price_changed", data: drop })).results[0]!.outcome).toBe("applied");
    expect((await deliver({ id: dlv(), topic: "product.price_changed", data: drop })).results[0]!.outcome).toBe("skipped");
    const rows = await settled([fan], 1);
    expect(rows[0]!.params).toMatchObject({ was: "120.00", now: "110.00" });
    // A product seen for the first time has no price before it.
    const fresh = `p-${crypto.randomUUID().slice(0, 12)}`;
    await viewed(shopId, fan, fresh);
    await deliver({ id: dlv(), topic: "product.upserted", data: { id: fresh, shopId, title: "围巾", category: "apparel/accessories", priceCents: 100, stock: 1, updatedAt: Date.now() } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await priceDrops(fan)).toHaveLength(1);
    expect(await threadNotices(`${shopId}:${fan}`)).toHaveLength(1);
  });

  it("hears a drop sent as a full product update too", async () => {
    const shopId = await createShop(12);
    const fan = uniqueCustomer("pd");
    const pid = await product(shopId, 5000);
    await carted(shopId, fan, pid);
    await deliver({ id: dlv(), topic: "product.upserted", data: { id: pid, shopId, title: "羊毛大衣", titleEn: "Wool coat", category: "apparel/outerwear", priceCents: 3999, stock: 3, updatedAt: Date.now() } });
    const [row] = await settled([fan], 1);
    expect(row).toMatchObject({ status: "delivered", params: { was: "50.00", now: "39.99" } });
  });

  it("tells a shopper of one drop a day, however many of the products they looked at are marked down", async () => {
    const shopId = await createShop(12);
    const fan = uniqueCustomer("pd");
    const [coat, scarf] = [await product(shopId, 30000), await product(shopId, 9000)];
    await viewed(shopId, fan, coat);
    await viewed(shopId, fan, scarf);
    // A sale marks both down in one delivery: the first one stored is the one told.
    const now = Date.now();
    await deliver({ id: dlv(), events: [coat, scarf].map((productId, i) => ({ topic: "product.price_changed", data: { productId, shopId, priceCents: i === 0 ? 24000 : 7000, occurredAt: now } })) });
    const [row] = await settled([fan], 1);
    expect(row!.sourceId).toBe(coat);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await priceDrops(fan)).toHaveLength(1);
  });

  it("leaves out a shopper who bought it after looking at it, and only them", async () => {
    const shopId = await createShop(12);
    const [bought, boughtElsewhere, boughtOther] = ["pd", "pd", "pd"].map(uniqueCustomer);
    const pid = await product(shopId, 20000);
    for (const c of [bought, boughtElsewhere, boughtOther]) await viewed(shopId, c!, pid);
    const order = (customerId: string, inShop: string, productId: string) =>
      deliver({ id: dlv(), topic: "order.upserted", data: { id: `o-${crypto.randomUUID().slice(0, 12)}`, shopId: inShop, customerId, status: "paid", totalCents: 20000,
        items: [{ productId, title: "羊毛大衣", category: "apparel/outerwear", qty: 1, priceCents: 20000 }], createdAt: Date.now() - 60_000, updatedAt: Date.now() - 60_000 } });
    await order(bought!, shopId, pid);
    // The same product id bought in another shop, or another product here: still told.
    await order(boughtElsewhere!, (await createShop(12)), pid);
    await order(boughtOther!, shopId, `${pid}-x`);
    await priceTo(shopId, pid, 15000);
    await settled([boughtElsewhere!, boughtOther!], 2);
    expect(await priceDrops(bought!)).toEqual([]);
  });

  it("counts the outcomes by kind for the shop's admin", async () => {
    const admin = await staffToken(STAFF.apparelAdmin.email);
    // Outside quiet hours whatever the time of the run (the notice would wait until morning).
    await setShopHour("apparel", 12);
    const fan = uniqueCustomer("pd");
    const pid = await product("apparel", 20000);
    await viewed("apparel", fan, pid);
    await priceTo("apparel", pid, 15000);
    await settled([fan], 1);
    const res = await api("/api/admin/proactive/outcomes?days=1", { token: admin });
    const body = (await res.json()) as { outcomes: { day: string; kind: string; outcome: string; count: number }[] };
    expect(body.outcomes.find((o) => o.kind === "price_drop" && o.outcome === "delivered")?.count).toBeGreaterThanOrEqual(1);
  });
});

describe("what counts as a drop", () => {
  it("is at least 5% off a known price", () => {
    expect(isPriceDrop(null, 100)).toBe(false);
    expect(isPriceDrop(10000, 9500)).toBe(true);
    expect(isPriceDrop(10000, 9501)).toBe(false);
    expect(isPriceDrop(10000, 12000)).toBe(false);
    expect(isPriceDrop(0, 0)).toBe(false);
    expect(yuanText(25900)).toBe("259.00");
    expect(yuanText(3999)).toBe("39.99");
  });
});
