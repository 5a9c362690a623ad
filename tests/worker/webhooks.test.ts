import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { browsingEvents, carts, customers, orders, products, shipmentEvents, webhookReceipts } from "../../worker/db/schema";
import { applyDelivery, readDelivery } from "../../worker/services/mall/ingest";
import { signDelivery } from "../../worker/services/mall/signature";
import { api, seedFixture, uniqueCustomer } from "../helpers/fixtures";

const SECRET = env.MALL_WEBHOOK_SECRET;
const db = database(env.DB);
const HOUR = 3_600_000;

interface SendOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the computed signature (null: send none). */
  signature?: string | null;
  eventId?: string;
  /** Sign this body but send `body` (tampering). */
  signedBody?: string;
}

/** Posts a raw body to the webhook the way the mall would. */
async function send(body: string, o: SendOptions = {}): Promise<Response> {
  const ts = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const headers = new Headers({ "content-type": "application/json", "x-kefu-timestamp": ts });
  const signature = o.signature === undefined ? await signDelivery(o.secret ?? SECRET, ts, o.signedBody ?? body) : o.signature;
  if (signature !== null) headers.set("x-kefu-signature", signature);
  if (o.eventId) headers.set("x-kefu-event-id", o.eventId);
  return api("/api/mall/webhooks", { method: "POST", headers, body });
}

const deliveryId = () => `dlv_${crypto.randomUUID()}`;
const one = (topic: string, data: unknown, id = deliveryId()) => JSON.stringify({ id, topic, data });
const batch = (events: { topic: string; data: unknown }[], id = deliveryId()) => JSON.stringify({ id, events });
const customer = (id: string, level: string, updatedAt: number) => ({ id, name: "赵六", level, tags: ["回头客"], locale: "zh-CN", updatedAt });

async function json(res: Response) {
  return (await res.json()) as { duplicate?: boolean; results?: { topic: string; outcome: string }[]; error?: { code: string; message: string; details?: { field: string }[] } };
}
const findCustomer = (id: string) => db.select().from(customers).where(eq(customers.id, id)).get();

beforeAll(() => seedFixture());

describe("mall webhooks: signature and replay", () => {
  it("applies a correctly signed delivery", async () => {
    const id = uniqueCustomer("m");
    const res = await send(one("customer.upserted", customer(id, "gold", Date.now())));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ duplicate: false, results: [{ topic: "customer.upserted", outcome: "applied" }] });
    expect(await findCustomer(id)).toMatchObject({ name: "赵六", level: "gold", tags: ["回头客"] });
  });

  it("refuses a bad, missing, malformed or tampered signature and changes nothing", async () => {
    const id = uniqueCustomer("m");
    const body = one("customer.upserted", customer(id, "vip", Date.now()));
    const cases: SendOptions[] = [
      { secret: "not-the-secret" },
      { signature: null },
      { signature: "md5=abc" },
      { signedBody: one("customer.upserted", customer(id, "normal", Date.now())) },
    ];
    for (const o of cases) {
      const res = await send(body, o);
      expect(res.status, JSON.stringify(o)).toBe(401);
      expect((await json(res)).error?.code).toBe("unauthorized");
    }
    expect(await findCustomer(id)).toBeUndefined();
  });

  it("refuses timestamps outside the five-minute window, even correctly signed", async () => {
    const id = uniqueCustomer("m");
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 6 * 60, now + 6 * 60]) {
      const res = await send(one("customer.upserted", customer(id, "gold", Date.now())), { timestamp });
      expect(res.status).toBe(401);
      expect((await json(res)).error?.message).toMatch(/window/);
    }
    expect((await send(one("customer.upserted", customer(id, "gold", Date.now())), { timestamp: now * 1000 })).status).toBe(401);
    expect(await findCustomer(id)).toBeUndefined();
    expect((await send(one("customer.upserted", customer(id, "gold", Date.now())), { timestamp: now - 4 * 60 })).status).toBe(200);
  });

  it("acknowledges a delivery id seen before without applying it again", async () => {
    const id = uniqueCustomer("m");
    const dlv = deliveryId();
    const first = await send(one("customer.upserted", customer(id, "silver", Date.now() - HOUR), dlv), { eventId: dlv });
    expect(await json(first)).toMatchObject({ duplicate: false });
    // The same id again, even with a different (newer) body: acknowledged, not applied.
    const again = await send(one("customer.upserted", customer(id, "vip", Date.now()), dlv));
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ id: dlv, duplicate: true, results: [] });
    expect((await findCustomer(id))?.level).toBe("silver");
    expect(await db.select().from(webhookReceipts).where(eq(webhookReceipts.id, dlv)).all()).toHaveLength(1);
  });

  it("applies one of two concurrent copies of a delivery; the receipt rolls the other back", async () => {
    const id = uniqueCustomer("m");
    const body = batch([{ topic: "customer.upserted", data: customer(id, "gold", Date.now()) }, { topic: "browsing.event", data: { id: `bv-${id}`, customerId: id, shopId: "apparel", productId: "p-tee", channel: "h5", occurredAt: Date.now() } }]);
    // Straight to the service: both copies pass the receipt check before either batch runs.
    const copies = await Promise.all([0, 1].map(() => applyDelivery(db, readDelivery(body, Date.now()), Date.now())));
    expect(copies.map((c) => c.duplicate).sort()).toEqual([false, true]);
    expect(await db.select().from(browsingEvents).where(eq(browsingEvents.customerId, id)).all()).toHaveLength(1);
  });

  it("refuses an X-Kefu-Event-Id that differs from the signed body's id", async () => {
    const res = await send(one("customer.upserted", customer(uniqueCustomer("m"), "gold", Date.now())), { eventId: "dlv_other" });
    expect(res.status).toBe(400);
  });
});

describe("mall webhooks: ordering and idempotency", () => {
  it("never lets an older customer or order update overwrite a newer one", async () => {
    const id = uniqueCustomer("m");
    const t = Date.now() - HOUR;
    await send(one("customer.upserted", customer(id, "vip", t + 2000)));
    const late = await json(await send(one("customer.upserted", customer(id, "normal", t + 1000))));
    expect(late.results).toEqual([{ topic: "customer.upserted", outcome: "skipped" }]);
    expect((await findCustomer(id))?.level).toBe("vip");

    const order = (status: string, updatedAt: number) => ({
      id: `o-${id}`, shopId: "apparel", customerId: id, status, totalCents: 7900, createdAt: t,
      items: [{ productId: "p-tee", title: "纯棉圆领T恤", category: "apparel/tops", qty: 1, priceCents: 7900 }], updatedAt,
    });
    await send(batch([{ topic: "order.upserted", data: order("shipped", t + 3000) }, { topic: "order.upserted", data: order("paid", t + 2000) }]));
    expect((await db.select().from(orders).where(eq(orders.id, `o-${id}`)).get())?.status).toBe("shipped");
    // An order never moves to another shop or customer, whatever its time.
    const moved = await json(await send(one("order.upserted", { ...order("delivered", t + 9000), shopId: "electronics" })));
    expect(moved.results?.[0]?.outcome).toBe("skipped");
    expect(await db.select().from(orders).where(eq(orders.id, `o-${id}`)).get()).toMatchObject({ shopId: "apparel", status: "shipped" });
  });

  it("keeps prices and carts at their newest state", async () => {
    const id = uniqueCustomer("m");
    const t = Date.now() - HOUR;
    const product = { id: `p-${id}`, shopId: "apparel", title: "羊毛大衣", category: "apparel/outerwear", priceCents: 59900, stock: 5, updatedAt: t + 2000 };
    await send(one("product.upserted", product));
    const stale = await json(await send(one("product.price_changed", { productId: product.id, shopId: "apparel", priceCents: 10, occurredAt: t + 1000 })));
    expect(stale.results?.[0]?.outcome).toBe("skipped");
    await send(one("product.price_changed", { productId: product.id, shopId: "apparel", priceCents: 49900, previousPriceCents: 59900, occurredAt: t + 3000 }));
    expect((await db.select().from(products).where(eq(products.id, product.id)).get())?.priceCents).toBe(49900);

    // The cart was emptied at t+5s; a snapshot from t+4s that arrives late must not bring the coat back.
    await send(one("cart.updated", { customerId: id, shopId: "apparel", items: [], updatedAt: t + 5000 }));
    await send(one("cart.updated", { customerId: id, shopId: "apparel", items: [{ productId: product.id, qty: 1, addedAt: t }], updatedAt: t + 4000 }));
    expect(await db.select().from(carts).where(eq(carts.customerId, id)).all()).toEqual([]);
    await send(one("cart.updated", { customerId: id, shopId: "apparel", items: [{ productId: product.id, qty: 2, addedAt: t }, { productId: "p-tee", qty: 1, addedAt: t }], updatedAt: t + 6000 }));
    const lines = await db.select().from(carts).where(eq(carts.customerId, id)).orderBy(carts.productId).all();
    expect(lines.map((l) => [l.productId, l.qty])).toEqual([[product.id, 2], ["p-tee", 1]]);
  });

  it("applies the same event in two deliveries once", async () => {
    const id = uniqueCustomer("m");
    const track = { id: `se-${id}`, orderId: "o-c1-tee", shopId: "apparel", carrier: "中通快递", trackingNo: "78000000000001", status: "collected", description: "已揽收", occurredAt: Date.now() - HOUR };
    const view = { id: `bv-${id}`, customerId: id, shopId: "apparel", productId: "p-tee", channel: "app", occurredAt: Date.now() - HOUR };
    const events = [{ topic: "shipment.event", data: track }, { topic: "browsing.event", data: view }, { topic: "customer.upserted", data: customer(id, "gold", Date.now() - HOUR) }];
    expect((await json(await send(batch(events)))).results?.map((r) => r.outcome)).toEqual(["applied", "applied", "applied"]);
    expect((await json(await send(batch(events)))).results?.map((r) => r.outcome)).toEqual(["skipped", "skipped", "skipped"]);
    expect(await db.select().from(shipmentEvents).where(eq(shipmentEvents.id, track.id)).all()).toHaveLength(1);
  });
});

describe("mall webhooks: validation", () => {
  it("names every bad field, refuses the whole batch, and a corrected retry with the same id applies", async () => {
    const id = uniqueCustomer("m");
    const dlv = deliveryId();
    const good = { topic: "customer.upserted", data: customer(id, "gold", Date.now()) };
    const bad = { topic: "order.upserted", data: { id: "o-bad", shopId: "platform", customerId: id, status: "lost", totalCents: -1, items: [], createdAt: 1_700_000_000, updatedAt: Date.now() } };
    const res = await send(batch([good, bad], dlv));
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error?.code).toBe("invalid_input");
    expect(error?.details?.map((d) => d.field)).toEqual(
      expect.arrayContaining(["events.1.data.shopId", "events.1.data.status", "events.1.data.totalCents", "events.1.data.items", "events.1.data.createdAt"]),
    );
    expect(await findCustomer(id)).toBeUndefined();
    const retry = await send(batch([good], dlv));
    expect(await json(retry)).toMatchObject({ duplicate: false, results: [{ outcome: "applied" }] });
  });

  it("refuses unknown topics, bad JSON and events dated in the future", async () => {
    const unknown = await json(await send(one("order.deleted", {})));
    expect(unknown.error?.details?.[0]?.field).toBe("topic");
    expect((await send("{not json")).status).toBe(400);
    const id = uniqueCustomer("m");
    const future = await send(one("customer.upserted", customer(id, "gold", Date.now() + 24 * HOUR)));
    expect(future.status).toBe(400);
    expect((await json(future)).error?.details?.[0]?.field).toBe("data.updatedAt");
    expect(await findCustomer(id)).toBeUndefined();
  });

  it("applies every topic of a batch", async () => {
    const id = uniqueCustomer("m");
    const t = Date.now() - HOUR;
    const res = await send(
      batch([
        { topic: "shop.upserted", data: { id: "beauty", name: "花颜美妆", nameEn: "Huayan Beauty", category: "beauty", updatedAt: t } },
        { topic: "product.upserted", data: { id: `p-${id}`, shopId: "beauty", title: "保湿精华", titleEn: "Serum", category: "beauty/skincare", priceCents: 19900, stock: 3, updatedAt: t } },
        { topic: "customer.upserted", data: customer(id, "silver", t) },
        { topic: "order.upserted", data: { id: `o-${id}`, shopId: "beauty", customerId: id, status: "paid", totalCents: 19900, items: [{ productId: `p-${id}`, title: "保湿精华", category: "beauty/skincare", qty: 1, priceCents: 19900 }], createdAt: t, paidAt: t, updatedAt: t } },
        { topic: "cart.updated", data: { customerId: id, shopId: "beauty", items: [{ productId: `p-${id}`, qty: 1, addedAt: t }], updatedAt: t } },
      ]),
    );
    expect(res.status).toBe(200);
    expect((await json(res)).results?.every((r) => r.outcome === "applied")).toBe(true);
    expect(await db.select().from(orders).where(eq(orders.id, `o-${id}`)).get()).toMatchObject({ shopId: "beauty", customerId: id, paidAt: t });
  });
});
