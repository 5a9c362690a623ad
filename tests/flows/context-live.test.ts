/**
 * The agent's context panel kept live: a mall webhook that changes a customer's data tells the
 * staff watching that customer's threads (`context.changed`), never the shopper, never another
 * shop's staff, and only when the delivery changed something.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "../../worker/db/client";
import { sessions } from "../../worker/db/schema";
import { agentTokens, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { batchOf, deliveryId, oneEvent, orderData, postDelivery } from "../helpers/mall";
import { cid, connect, type SocketClient } from "../helpers/socket";

const db = database(env.DB);
let tokens: Awaited<ReturnType<typeof agentTokens>>;

beforeAll(async () => {
  await seedFixture();
  tokens = await agentTokens();
});

/**
 * A shopper chatting with apparel and with electronics (so D1 knows both threads); apparel's
 * agent on the apparel chat; electronics' agent and a platform agent on the electronics chat.
 */
async function scene() {
  const customer = uniqueCustomer("live");
  const token = await shopperToken(customer, "周小舟");
  const shoppers = await Promise.all(["apparel", "electronics"].map((shop) => connect(`${shop}:${customer}`, token)));
  for (const s of shoppers) {
    s.send({ type: "message.send", clientId: cid(), kind: "text", text: "在吗" });
    await s.next("message.acked");
  }
  await vi.waitFor(async () => expect(await db.select().from(sessions).where(eq(sessions.customerId, customer)).all()).toHaveLength(2));
  const [apparel, electronics, platform] = await Promise.all([
    connect(`apparel:${customer}`, tokens.apparel),
    connect(`electronics:${customer}`, tokens.electronics),
    connect(`electronics:${customer}`, tokens.platform),
  ]);
  await Promise.all([apparel, electronics, platform].map((c) => c.next("room.joined")));
  return { customer, shoppers, staff: { apparel, electronics, platform }, close: () => [...shoppers, apparel, electronics, platform].forEach((c) => c.close()) };
}

const partsSeen = (c: SocketClient) => c.all("context.changed").map((e) => e.parts);

/** Every frame the room sent a shopper before now has arrived: a pong comes after them. */
async function drained(c: SocketClient): Promise<void> {
  c.send({ type: "ping" });
  await c.next("pong");
}

describe("live context: mall changes pushed to open panels", () => {
  it("tells the staff who may see the change, never the shopper or another shop's agent", async () => {
    const { customer, shoppers, staff, close } = await scene();
    const now = Date.now();
    expect((await postDelivery(oneEvent("order.upserted", orderData(`o-${customer}`, "apparel", customer, now)))).results).toEqual([{ topic: "order.upserted", outcome: "applied" }]);

    expect((await staff.apparel.next("context.changed")).parts).toEqual(["orders"]);
    // Platform staff see every shop's orders, whichever of the customer's threads they are in.
    expect((await staff.platform.next("context.changed")).parts).toEqual(["orders"]);

    // The profile is every shop's: now electronics' agent hears, and it is the first thing they hear.
    await postDelivery(oneEvent("customer.upserted", { id: customer, name: "周小舟", level: "vip", updatedAt: now }));
    expect((await staff.electronics.next("context.changed")).parts).toEqual(["customer"]);
    expect(partsSeen(staff.electronics)).toEqual([["customer"]]);
    await staff.apparel.next("context.changed", (e) => e.parts.includes("customer"));

    await Promise.all(shoppers.map(drained));
    for (const s of shoppers) expect(s.all("context.changed")).toEqual([]);
    close();
  });

  it("pushes each applied change once: no push for a duplicate delivery, an older event or another shop's claim", async () => {
    const { customer, shoppers, staff, close } = await scene();
    const orderId = `o-${customer}`;
    const t = Date.now() - 60_000;
    await postDelivery(oneEvent("order.upserted", orderData(orderId, "apparel", customer, t, { updatedAt: t + 1000 })));
    await staff.apparel.next("context.changed");

    const step = oneEvent("shipment.event", { id: `se-${customer}`, orderId, shopId: "apparel", carrier: "中通快递", trackingNo: "78000000000009", status: "collected", description: "已揽收", occurredAt: t + 2000 });
    expect((await postDelivery(step)).duplicate).toBe(false);
    expect((await staff.apparel.next("context.changed")).parts).toEqual(["tracking"]);
    // The mall retries the same delivery: acknowledged, applied once, pushed once.
    expect(await postDelivery(step)).toEqual({ id: JSON.parse(step).id, duplicate: true, results: [] });
    // Older than the stored order: skipped, nothing changed, nothing to tell.
    expect((await postDelivery(oneEvent("order.upserted", orderData(orderId, "apparel", customer, t, { status: "cancelled", updatedAt: t })))).results[0]?.outcome).toBe("skipped");
    // A step naming the apparel order under electronics is stored but never shown: nobody hears.
    await postDelivery(oneEvent("shipment.event", { id: `se-x-${customer}`, orderId, shopId: "electronics", carrier: "顺丰", trackingNo: "SF1000000001", status: "delivered", description: "已签收", occurredAt: t + 3000 }));

    // One delivery, one frame per panel, with every part it changed.
    const cart = { customerId: customer, shopId: "apparel", items: [{ productId: "p-tee", qty: 2, addedAt: t }], updatedAt: t + 4000 };
    const view = { id: `bv-${customer}`, customerId: customer, shopId: "apparel", productId: "p-tee", channel: "app", occurredAt: t + 4000 };
    await postDelivery(batchOf([{ topic: "cart.updated", data: cart }, { topic: "browsing.event", data: view }], deliveryId()));
    expect((await staff.apparel.next("context.changed")).parts).toEqual(["cart", "browsing"]);
    expect(partsSeen(staff.apparel)).toEqual([["orders"], ["tracking"], ["cart", "browsing"]]);

    await staff.platform.next("context.changed", (e) => e.parts.includes("cart"));
    expect(partsSeen(staff.platform)).toEqual([["orders"], ["tracking"], ["cart", "browsing"]]);
    await drained(staff.electronics);
    expect(partsSeen(staff.electronics)).toEqual([]);
    await Promise.all(shoppers.map(drained));
    for (const s of shoppers) expect(s.all("context.changed")).toEqual([]);
    close();
  });
});
