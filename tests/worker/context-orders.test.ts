/**
 * Paging a customer's orders past the context panel's first 50 (`GET /api/context/orders`):
 * every order once, newest first, within the caller's shop (every shop for platform staff).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { OrdersPage, ThreadContext } from "../../worker/services/context/types";
import { agentTokens, api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { batchOf, oneEvent, orderData, postDelivery } from "../helpers/mall";

const DAY = 86_400_000;
const customer = uniqueCustomer("many");
let tokens: Awaited<ReturnType<typeof agentTokens>>;
/** Apparel orders: three per day, so pages also cut between orders placed in the same millisecond. */
const apparelIds = Array.from({ length: 120 }, (_, i) => `oa-${customer}-${String(i).padStart(3, "0")}`);
const electronicsIds = Array.from({ length: 30 }, (_, i) => `oe-${customer}-${String(i).padStart(3, "0")}`);
const base = Date.now() - 200 * DAY;

beforeAll(async () => {
  await seedFixture();
  tokens = await agentTokens();
  const apparel = apparelIds.map((id, i) => ({ topic: "order.upserted", data: orderData(id, "apparel", customer, base + Math.floor(i / 3) * DAY) }));
  const electronics = electronicsIds.map((id, i) => ({ topic: "order.upserted", data: { ...orderData(id, "electronics", customer, base + i * DAY + 1), items: [{ productId: "p-phone", title: "星河 X5 手机", category: "electronics/phones", qty: 1, priceCents: 299900 }] } }));
  // Someone else's orders with the same shop never appear in this customer's pages.
  const stranger = [0, 1].map((i) => ({ topic: "order.upserted", data: orderData(`ox-${customer}-${i}`, "apparel", `${customer}x`, base + i) }));
  const events = [...apparel, ...electronics, ...stranger];
  for (let i = 0; i < events.length; i += 50) await postDelivery(batchOf(events.slice(i, i + 50)));
  // The oldest apparel order has a parcel track: pages carry tracks like the first page does.
  await postDelivery(oneEvent("shipment.event", { id: `se-${customer}`, orderId: apparelIds[0], shopId: "apparel", carrier: "中通快递", trackingNo: "78000000000120", status: "delivered", description: "已签收", occurredAt: base + DAY }));
});

async function getJson<T>(path: string, token: string): Promise<T> {
  const res = await api(path, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** The panel's first page, then "more orders" until the end: every order the caller saw, in order. */
async function everyOrder(thread: string, token: string, limit?: number) {
  const first = await getJson<ThreadContext>(`/api/context?thread=${thread}`, token);
  const seen = [...first.orders.items];
  let next = first.orders.next;
  let pages = 1;
  while (next) {
    const q = new URLSearchParams({ thread, before: next, ...(limit ? { limit: String(limit) } : {}) });
    const page = await getJson<OrdersPage>(`/api/context/orders?${q}`, token);
    expect(page.total).toBe(first.orders.total);
    seen.push(...page.items);
    next = page.next;
    pages++;
  }
  return { first, seen, pages };
}

describe("context orders beyond the first page", () => {
  it("pages a shop's agent through all 120 of the customer's orders with the shop, each once, newest first", async () => {
    const { first, seen, pages } = await everyOrder(`apparel:${customer}`, tokens.apparel);
    expect(first.orders.items).toHaveLength(50);
    expect(first.orders.total).toBe(120);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen.map((o) => o.id)).size).toBe(120);
    expect([...seen.map((o) => o.id)].sort()).toEqual([...apparelIds].sort());
    expect(seen.every((o) => o.shopId === "apparel")).toBe(true);
    const times = seen.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen.at(-1)).toMatchObject({ id: apparelIds[0], shipment: { carrier: "中通快递", latest: { status: "delivered" } }, card: { orderId: apparelIds[0] } });
  });

  it("pages platform staff through every shop's orders of the customer", async () => {
    const { first, seen, pages } = await everyOrder(`electronics:${customer}`, tokens.platform, 100);
    expect(first.orders.total).toBe(150);
    expect(pages).toBe(2);
    expect(new Set(seen.map((o) => o.id))).toEqual(new Set([...apparelIds, ...electronicsIds]));
    expect(seen).toHaveLength(150);
  });

  it("keeps a shop's agent to their shop whatever the cursor", async () => {
    const apparelPage = await getJson<ThreadContext>(`/api/context?thread=apparel:${customer}`, tokens.apparel);
    // A cursor is a position, not a key: electronics' agent following apparel's still sees only electronics.
    const q = new URLSearchParams({ thread: `electronics:${customer}`, before: apparelPage.orders.next!, limit: "100" });
    const page = await getJson<OrdersPage>(`/api/context/orders?${q}`, tokens.electronics);
    expect(page.total).toBe(30);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((o) => o.shopId === "electronics")).toBe(true);
    const forbidden = await api(`/api/context/orders?thread=apparel:${customer}`, { token: tokens.electronics });
    expect(forbidden.status).toBe(403);
    expect((await api(`/api/context/orders?thread=apparel:${customer}`, { token: await shopperToken(customer) })).status).toBe(403);
    expect((await api(`/api/context/orders?thread=apparel:${customer}`)).status).toBe(401);
  });

  it("answers bad cursors and limits with the field at fault", async () => {
    const cases: [string, string][] = [
      ["before=not-a-cursor", "before"],
      ["before=123", "before"],
      [`before=${"9".repeat(16)}.o1`, "before"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=ten", "limit"],
    ];
    for (const [query, field] of cases) {
      const res = await api(`/api/context/orders?thread=apparel:${customer}&${query}`, { token: tokens.apparel });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; details: { field: string; message: string }[] } };
      expect(body.error.code).toBe("invalid_input");
      expect(body.error.details.map((d) => d.field), query).toEqual([field]);
    }
  });
});
