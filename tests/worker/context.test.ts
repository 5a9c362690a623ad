import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { browsingEvents, carts, cartSnapshots, leaveMessages, orders, sessions, shipmentEvents } from "../../worker/db/schema";
import type { ResolvedReference, ThreadContext } from "../../worker/services/context/types";
import { STAFF, api, seedFixture, shopperToken, staffToken } from "../helpers/fixtures";

const db = database(env.DB);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let apparelAgent: string;
let electronicsAgent: string;
let platformAgent: string;
/** c1's apparel T-shirt order from the fixture was placed "yesterday" (now − 24 h at seeding). */
let yesterday: number;

function session(id: string, shopId: string, o: Partial<typeof sessions.$inferInsert> & { openedAt: number }): typeof sessions.$inferInsert {
  return {
    id, shopId, customerId: "c1", threadId: `${shopId}:c1`, channel: "app", status: "resolved", lastMessageAt: o.openedAt, updatedAt: o.openedAt,
    resolvedAt: o.openedAt + HOUR, closeReason: "resolved", customerMessages: 3, ...o,
  };
}

/** c1 also bought from electronics, and has tracks, sessions, browsing, cart and a left message in both shops. */
async function seedC1(): Promise<void> {
  yesterday = (await db.select().from(orders).where(eq(orders.id, "o-c1-tee")).get())!.createdAt;
  const track = (id: string, orderId: string, shopId: string, status: string, at: number) => ({ id, orderId, shopId, carrier: "中通快递", trackingNo: `78${orderId.length}000001`, status, description: `${status} ${id}`, location: "杭州", occurredAt: at });
  const phone = { productId: "p-phone", title: "星河 X5 手机", category: "electronics/phones", qty: 1, priceCents: 299900 };
  const pants = { productId: "p-pants", title: "直筒休闲裤", category: "apparel/pants", qty: 1, priceCents: 12900 };
  await db.batch([
    db.insert(orders).values([
      { id: "o-c1-phone", shopId: "electronics", customerId: "c1", status: "shipped", totalCents: 299900, items: [phone], createdAt: yesterday, paidAt: yesterday, shippedAt: yesterday + HOUR, updatedAt: yesterday + HOUR },
      { id: "o-c1-pants", shopId: "apparel", customerId: "c1", status: "completed", totalCents: 12900, items: [pants], createdAt: yesterday - 20 * DAY, updatedAt: yesterday - 15 * DAY },
    ]),
    db.insert(shipmentEvents).values([
      track("se-2", "o-c1-tee", "apparel", "in_transit", yesterday + 5 * HOUR),
      track("se-1", "o-c1-tee", "apparel", "collected", yesterday + 2 * HOUR),
      // Claims to track the apparel order but comes from another shop: never shown with it.
      track("se-x", "o-c1-tee", "electronics", "delivered", yesterday + 6 * HOUR),
      track("se-p", "o-c1-phone", "electronics", "collected", yesterday + 2 * HOUR),
    ]),
    db.insert(sessions).values([
      session("s-a1", "apparel", { openedAt: yesterday - 2 * DAY, agentId: STAFF.apparelAgent.id, agentMessages: 2, rating: 5, channel: "miniprogram" }),
      session("s-a2", "apparel", { openedAt: yesterday - DAY, channel: "app", botMessages: 1, closeReason: "idle" }),
      session("s-e1", "electronics", { openedAt: yesterday - 3 * DAY, channel: "pc", closeReason: "complaint", agentId: STAFF.electronicsAgent.id }),
      session("s-p1", "platform", { openedAt: yesterday - 4 * DAY, channel: "h5", groupId: "complaints" }),
    ]),
    db.insert(leaveMessages).values([
      { id: "lm-a", shopId: "apparel", customerId: "c1", threadId: "apparel:c1", text: "尺码能换吗", createdAt: yesterday },
      { id: "lm-e", shopId: "electronics", customerId: "c1", threadId: "electronics:c1", text: "手机屏幕有划痕", createdAt: yesterday },
    ]),
    db.insert(browsingEvents).values([
      { id: "bv-1", customerId: "c1", shopId: "apparel", productId: "p-tee", channel: "app", occurredAt: yesterday - 3 * HOUR },
      { id: "bv-2", customerId: "c1", shopId: "apparel", productId: "p-tee", channel: "app", occurredAt: yesterday - 2 * HOUR },
      { id: "bv-3", customerId: "c1", shopId: "electronics", productId: "p-phone", channel: "pc", occurredAt: yesterday - HOUR },
    ]),
    db.insert(carts).values([{ customerId: "c1", shopId: "electronics", productId: "p-phone", qty: 1, addedAt: yesterday }, { customerId: "c1", shopId: "apparel", productId: "p-tee", qty: 3, addedAt: yesterday }]),
    db.insert(cartSnapshots).values({ customerId: "c1", shopId: "apparel", updatedAt: yesterday }),
  ]);
}

beforeAll(async () => {
  await seedFixture();
  await seedC1();
  [apparelAgent, electronicsAgent, platformAgent] = await Promise.all([
    staffToken(STAFF.apparelAgent.email),
    staffToken(STAFF.electronicsAgent.email),
    staffToken(STAFF.platformAgent.email),
  ]);
});

async function context(query: string, token: string): Promise<ThreadContext> {
  const res = await api(`/api/context?${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ThreadContext;
}

describe("context panel", () => {
  it("shows a shop's agent the customer with that shop's orders, tracks and history only", async () => {
    const ctx = await context("thread=apparel:c1", apparelAgent);
    expect(ctx).toMatchObject({ scope: "shop", shopId: "apparel", customer: { id: "c1", known: true, name: "王小明", level: "gold" } });
    expect(ctx.orders).toMatchObject({ total: 2 });
    expect(ctx.orders.items.map((o) => o.id)).toEqual(["o-c1-tee", "o-c1-pants"]);
    const tee = ctx.orders.items[0]!;
    expect(tee.shipment?.events.map((e) => e.status)).toEqual(["collected", "in_transit"]);
    expect(tee.shipment?.latest.status).toBe("in_transit");
    expect(tee.card).toMatchObject({ orderId: "o-c1-tee", title: "纯棉圆领T恤", status: "shipped", totalCents: 15800 });
    expect(ctx.sessions.map((s) => s.id)).toEqual(["s-a2", "s-a1"]);
    expect(ctx.sessions[1]).toMatchObject({ outcome: "resolved", handledBy: "agent", rating: 5, agent: { id: STAFF.apparelAgent.id, name: STAFF.apparelAgent.name } });
    expect(ctx.sessions[0]).toMatchObject({ outcome: "closed_idle", handledBy: "bot" });
    expect(ctx.customer.channels.map((c) => c.channel).sort()).toEqual(["app", "miniprogram"]);
    expect(ctx.browsing).toEqual([expect.objectContaining({ productId: "p-tee", views: 2, product: expect.objectContaining({ title: "纯棉圆领T恤" }) })]);
    expect(ctx.cart).toMatchObject({ updatedAt: yesterday, items: [{ productId: "p-tee", qty: 3, product: { id: "p-tee", shopId: "apparel", title: "纯棉圆领T恤", priceCents: 7900 } }] });
    expect(ctx.complaints).toEqual({ sessions: [], leaveMessages: [expect.objectContaining({ id: "lm-a" })], tickets: [] });
    expect(ctx.shops.map((s) => s.id)).toEqual(["apparel"]);
  });

  it("shows platform staff every shop's orders, sessions and complaints", async () => {
    const ctx = await context("thread=apparel:c1", platformAgent);
    expect(ctx.scope).toBe("all");
    expect(ctx.orders.items.map((o) => o.id).sort()).toEqual(["o-c1-pants", "o-c1-phone", "o-c1-tee"]);
    expect(ctx.orders.items.at(-1)?.id).toBe("o-c1-pants");
    expect(ctx.sessions.map((s) => s.id)).toEqual(["s-a2", "s-a1", "s-e1", "s-p1"]);
    expect(ctx.complaints.sessions.map((s) => s.id)).toEqual(["s-e1", "s-p1"]);
    expect(ctx.complaints.leaveMessages.map((m) => m.id).sort()).toEqual(["lm-a", "lm-e"]);
    expect(ctx.cart.items.map((l) => l.productId).sort()).toEqual(["p-phone", "p-tee"]);
    expect(ctx.shops.map((s) => s.id).sort()).toEqual(["apparel", "electronics", "platform"]);
    // Even platform staff never see a track event whose shop is not the order's.
    expect(ctx.orders.items.find((o) => o.id === "o-c1-tee")?.shipment?.events).toHaveLength(2);
  });

  it("puts the chat's entry on top, resolved within the shop", async () => {
    const product = await context("thread=apparel:c1&entryType=product&entryId=p-tee", apparelAgent);
    expect(product.entry).toMatchObject({ type: "product", id: "p-tee", product: { title: "纯棉圆领T恤", priceCents: 7900 } });
    const order = await context("thread=apparel:c1&entryType=order&entryId=o-c1-tee", apparelAgent);
    expect(order.entry).toMatchObject({ type: "order", order: { id: "o-c1-tee", shipment: { latest: { status: "in_transit" } } } });
    const foreign = await context("thread=apparel:c1&entryType=order&entryId=o-c1-phone", apparelAgent);
    expect(foreign.entry).toEqual({ type: "order", id: "o-c1-phone", order: null });
    expect((await context("thread=apparel:c1&entryType=help", apparelAgent)).entry).toEqual({ type: "help", id: null });
    expect((await context("thread=apparel:c1", apparelAgent)).entry).toBeNull();
  });

  it("refuses another shop's agent, shoppers, no token and bad queries", async () => {
    const other = await api("/api/context?thread=apparel:c1", { token: electronicsAgent });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await api("/api/context/resolve?thread=apparel:c1&message=x", { token: electronicsAgent })).status).toBe(403);
    expect((await api("/api/context?thread=apparel:c1", { token: await shopperToken("c1") })).status).toBe(403);
    expect((await api("/api/context?thread=apparel:c1")).status).toBe(401);
    const bad = await api("/api/context?thread=apparel&entryType=order", { token: apparelAgent });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(["thread", "entryId"]);
  });

  it("answers for a customer the mall never pushed", async () => {
    const ctx = await context("thread=apparel:g_unknown1", apparelAgent);
    expect(ctx.customer).toEqual({ id: "g_unknown1", known: false, name: "g_unknown1", level: "normal", tags: [], locale: "zh-CN", channels: [] });
    expect(ctx.orders).toEqual({ total: 0, items: [], next: null });
  });
});

describe("order-reference resolution", () => {
  const resolve = async (query: string, token: string) => {
    const res = await api(`/api/context/resolve?${query}`, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as ResolvedReference;
  };
  const asked = encodeURIComponent("我昨天买的衣服到哪了");

  it("picks yesterday's apparel order for 我昨天买的衣服到哪了, with its card and track", async () => {
    for (const token of [apparelAgent, platformAgent]) {
      const r = await resolve(`thread=apparel:c1&message=${asked}`, token);
      expect(r.referenced).toBe(true);
      expect(r.candidates[0]).toMatchObject({ orderId: "o-c1-tee", order: { card: { orderId: "o-c1-tee" }, shipment: { carrier: "中通快递", latest: { status: "in_transit" } } } });
      expect(r.candidates[0]!.confidence).toBeGreaterThan(r.candidates[1]?.confidence ?? 0);
    }
  });

  it("never offers another shop's order to a shop's agent", async () => {
    const r = await resolve(`thread=electronics:c1&message=${asked}`, electronicsAgent);
    expect(r.candidates.map((c) => c.orderId)).not.toContain("o-c1-tee");
    const phone = await resolve(`thread=electronics:c1&message=${encodeURIComponent("昨天买的手机发货了吗")}`, electronicsAgent);
    expect(phone.candidates[0]?.orderId).toBe("o-c1-phone");
  });

  it("weighs the entry order and refuses an empty message", async () => {
    const r = await resolve(`thread=apparel:c1&message=${encodeURIComponent("这单到哪了")}&entryOrderId=o-c1-pants`, apparelAgent);
    expect(r.candidates[0]?.orderId).toBe("o-c1-pants");
    expect((await api("/api/context/resolve?thread=apparel:c1&message=%20", { token: apparelAgent })).status).toBe(400);
  });
});
