/**
 * Shipment notices end to end, through the real webhook, D1, the `kefu-proactive` queue (real
 * delivery by miniflare, about a second per hop) and the thread's ConversationRoom: which parcel
 * steps become notices, opt-out, quiet hours, the daily cap, and the outcome counts.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { quietUntil, shipmentNoticeId } from "../../core/domain/proactive";
import { customers, orders } from "../../worker/db/schema";
import { api, seedFixture, STAFF, staffToken } from "../helpers/fixtures";
import {
  createOrder, createShop, db, deliver, noticeRow, noticesOf, outcomesOf, sendSteps, setShopHour, step, threadNotices, waitFor, zoneAtLocalHour,
} from "../helpers/proactive";

const HOUR = 3_600_000;
const FINAL = ["delivered", "skipped_opt_out", "capped", "deferred", "dead"];

beforeAll(async () => {
  await seedFixture();
  await setShopHour("apparel", 12);
});

describe("proactive: shipment notices reach the thread", () => {
  it("posts a new parcel step into the shopper's thread with the shop, once", async () => {
    const { orderId, customerId, threadId } = await createOrder("apparel");
    const s = step("apparel", orderId, "out_for_delivery");
    const answer = await sendSteps(s);
    expect(answer.results).toEqual([{ topic: "shipment.event", outcome: "applied" }]);
    const id = shipmentNoticeId("apparel", s.id);
    // The webhook has answered: the notice is in the outbox and already handed to the queue.
    expect((await noticeRow(id))?.status).toMatch(/^(enqueued|delivered)$/);

    const row = await waitFor(async () => ((await noticeRow(id))?.status === "delivered" ? noticeRow(id) : null), "delivery");
    expect(row).toMatchObject({ shopId: "apparel", customerId, orderId, code: "shipment.out_for_delivery", attempts: 1 });
    const notices = await threadNotices(threadId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      seq: row!.messageSeq, clientId: id, kind: "system", channel: "api", sender: { role: "system", id: "proactive" },
      body: { notice: { code: "shipment.out_for_delivery", params: { orderId, carrier: "中通快递", trackingNo: "78123456789012", description: s.description, location: "杭州" } } },
    });
    expect((await outcomesOf(id)).map((o) => o.outcome)).toEqual(["delivered"]);
  });

  it("makes no notice for a repeated, older, routine, stale, unknown or other shop's step", async () => {
    const { orderId, customerId, threadId } = await createOrder("apparel");
    const now = Date.now();
    const latest = step("apparel", orderId, "delivered", now);
    await sendSteps(latest);
    // The same step again under a new delivery id: a duplicate fact.
    expect((await sendSteps(latest)).results[0]!.outcome).toBe("skipped");
    // Stored (the track needs it) but not announced: older than the latest, routine, stale.
    const older = step("apparel", orderId, "out_for_delivery", now - HOUR);
    const routine = step("apparel", orderId, "in_transit", now + 1000);
    const answer = await sendSteps(older, routine);
    expect(answer.results.map((r) => r.outcome)).toEqual(["applied", "applied"]);
    const { orderId: otherOrder } = await createOrder("apparel");
    await sendSteps(step("apparel", otherOrder, "collected", now - 2 * 24 * HOUR));
    // The order is another shop's, or unknown: no shopper to tell.
    await sendSteps(step("electronics", orderId, "delivered", now + 2000), step("apparel", "o-unknown", "delivered", now));

    // A step stored before its order was known is not announced when re-sent later (it is not new).
    const early = step("apparel", "o-early-" + customerId, "collected", now);
    await sendSteps(early);
    await db.insert(orders).values({ id: early.orderId, shopId: "apparel", customerId, status: "shipped", totalCents: 100, items: [], createdAt: now, updatedAt: now }).run();
    expect((await sendSteps(early)).results[0]!.outcome).toBe("skipped");

    await waitFor(async () => (await noticeRow(shipmentNoticeId("apparel", latest.id)))?.status === "delivered", "the one notice");
    expect((await noticesOf(customerId)).map((n) => n.sourceId)).toEqual([latest.id]);
    expect(await threadNotices(threadId)).toHaveLength(1);
  });
});

describe("proactive: opt-out, quiet hours, daily cap", () => {
  it("skips a shopper who opted out through customer.upserted, and keeps the choice when later upserts omit it", async () => {
    const { orderId, customerId, threadId } = await createOrder("apparel");
    const now = Date.now();
    await deliver({ id: `dlv_${crypto.randomUUID()}`, topic: "customer.upserted", data: { id: customerId, name: "周八", level: "normal", proactiveOptOut: true, updatedAt: now } });
    await deliver({ id: `dlv_${crypto.randomUUID()}`, topic: "customer.upserted", data: { id: customerId, name: "周八", level: "gold", updatedAt: now + 1 } });
    expect(await db.select({ optOut: customers.proactiveOptOut, level: customers.level }).from(customers).where(eq(customers.id, customerId)).get()).toEqual({ optOut: true, level: "gold" });

    const s = step("apparel", orderId, "delivered");
    await sendSteps(s);
    const id = shipmentNoticeId("apparel", s.id);
    await waitFor(async () => (await noticeRow(id))?.status === "skipped_opt_out", "the opt-out outcome");
    expect(await threadNotices(threadId)).toHaveLength(0);
    expect((await outcomesOf(id)).map((o) => o.outcome)).toEqual(["skipped_opt_out"]);
  });

  it("defers a notice in the shop's quiet hours to their end instead of dropping it", async () => {
    const shopId = await createShop(23);
    const { orderId, threadId } = await createOrder(shopId);
    const s = step(shopId, orderId, "out_for_delivery");
    const sentAt = Date.now();
    await sendSteps(s);
    const id = shipmentNoticeId(shopId, s.id);
    const row = await waitFor(async () => ((await noticeRow(id))?.status === "deferred" ? noticeRow(id) : null), "the deferral");
    // 08:00 local, nine hours and some minutes away; the message waits in the queue until then.
    const expected = quietUntil(sentAt, zoneAtLocalHour(23, sentAt), { from: "22:00", to: "08:00" })!;
    expect(Math.abs(row!.deferredUntil! - expected)).toBeLessThanOrEqual(60_000);
    expect(row!.deferredUntil! - sentAt).toBeGreaterThan(8 * HOUR);
    expect(await threadNotices(threadId)).toHaveLength(0);
    expect((await outcomesOf(id)).map((o) => o.outcome)).toEqual(["deferred"]);
  });

  it("delivers at most the daily cap (5) to one shopper and records the rest as capped", async () => {
    const shopId = await createShop(12);
    const first = await createOrder(shopId);
    const more = await Promise.all([1, 2, 3, 4, 5].map(() => createOrder(shopId, { customerId: first.customerId })));
    const steps = [first, ...more].map((o, i) => step(shopId, o.orderId, "out_for_delivery", Date.now() - i));
    await sendSteps(...steps);
    const rows = await waitFor(async () => {
      const all = await noticesOf(first.customerId);
      return all.length === 6 && all.every((r) => FINAL.includes(r.status)) ? all : null;
    }, "six outcomes");
    expect(rows.filter((r) => r.status === "delivered")).toHaveLength(5);
    expect(rows.filter((r) => r.status === "capped")).toHaveLength(1);
    expect(await threadNotices(first.threadId)).toHaveLength(5);
  });
});

describe("proactive: outcome counts for admins", () => {
  it("counts outcomes per day for the admin's shop and refuses other shops and non-admins", async () => {
    const admin = await staffToken(STAFF.apparelAdmin.email);
    const res = await api("/api/admin/proactive/outcomes?days=1", { token: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { days: number; outcomes: { day: string; outcome: string; count: number }[] };
    expect(body.days).toBe(1);
    expect(body.outcomes.find((o) => o.outcome === "delivered")?.count).toBeGreaterThanOrEqual(1);
    expect(body.outcomes.find((o) => o.outcome === "skipped_opt_out")?.count).toBeGreaterThanOrEqual(1);
    expect(body.outcomes[0]?.day).toMatch(/^\d{4}-\d\d-\d\d$/);

    expect((await api("/api/admin/proactive/outcomes?shop=electronics", { token: admin })).status).toBe(403);
    expect((await api("/api/admin/proactive/outcomes", { token: await staffToken(STAFF.apparelAgent.email) })).status).toBe(403);
    expect((await api("/api/admin/proactive/outcomes?days=0", { token: admin })).status).toBe(400);
    expect((await api("/api/admin/proactive/outcomes")).status).toBe(401);
  });

  it("documents the proactive routes in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/admin/dead-letters", "/admin/dead-letters/{id}/replay", "/admin/proactive/outcomes"]));
  });
});
