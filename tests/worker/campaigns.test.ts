/**
 * 营销触达 (campaigns) through the real Worker, D1, the `kefu-proactive` queue and each shopper's
 * ConversationRoom: the audience (activity within days, levels, tags; only the mall's customers
 * of this shop), the preview count, sending now (one notice per shopper, opt-outs skipped), a
 * scheduled campaign sent by the cron or cancelled before, and the refusals: fields named,
 * nothing stored, agents and other shops' admins kept out.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Campaign, CampaignPreview } from "../../core/protocol/campaigns";
import worker from "../../worker/index";
import { browsingEvents, campaigns, carts, customers, orders, sessions } from "../../worker/db/schema";
import { api, seedFixture, STAFF, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { createShop, db, noticesOf, threadNotices, waitFor } from "../helpers/proactive";
import { platformAdminToken } from "../helpers/queue-fixture";

const DAY = 86_400_000;
const FINAL = ["delivered", "skipped_opt_out", "capped", "dead"];
type Answer<T> = { status: number; body: T & { error?: { code: string; message: string; details?: { field: string }[] } } };

let platform: string;
beforeAll(async () => {
  await seedFixture();
  platform = (await platformAdminToken()).token;
});

async function call<T>(path: string, token: string, body?: unknown): Promise<Answer<T>> {
  const res = await api(`/api/admin/campaigns${path}`, body === undefined ? { token } : { method: "POST", token, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer<T>["body"] };
}
const fields = (a: Answer<unknown>) => (a.body.error?.details ?? []).map((d) => d.field);

/** A shop whose clock reads noon, with shoppers who did different things there. */
async function shopWithShoppers() {
  const shopId = await createShop(12);
  const now = Date.now();
  const person = async (level: string, tags: string[], optOut = false) => {
    const id = uniqueCustomer("cm");
    await db.insert(customers).values({ id, name: "顾客", level, tags, locale: "zh-CN", proactiveOptOut: optOut, createdAt: now, updatedAt: now }).run();
    return id;
  };
  const s = {
    shopId,
    buyer: await person("gold", ["outdoor"]),
    carter: await person("normal", []),
    browser: await person("vip", ["outdoor", "new"]),
    chatter: await person("silver", []),
    oldBuyer: await person("gold", []),
    optedOut: await person("normal", [], true),
    /** Browsed, but the mall never told us of them (a guest, an address): not an audience member. */
    unknown: uniqueCustomer("cm"),
    /** A shopper of another shop only. */
    elsewhere: await person("vip", ["outdoor"]),
  };
  await db.batch([
    db.insert(orders).values({ id: `o-${crypto.randomUUID()}`, shopId, customerId: s.buyer, status: "paid", totalCents: 100, items: [], createdAt: now - 2 * DAY, updatedAt: now }),
    db.insert(orders).values({ id: `o-${crypto.randomUUID()}`, shopId, customerId: s.oldBuyer, status: "delivered", totalCents: 100, items: [], createdAt: now - 60 * DAY, updatedAt: now }),
    db.insert(carts).values({ customerId: s.carter, shopId, productId: "p-x", qty: 1, addedAt: now - 80 * DAY }),
    db.insert(browsingEvents).values({ id: `bv-${crypto.randomUUID()}`, customerId: s.browser, shopId, productId: "p-x", channel: "app", occurredAt: now - DAY }),
    db.insert(browsingEvents).values({ id: `bv-${crypto.randomUUID()}`, customerId: s.optedOut, shopId, productId: "p-x", channel: "app", occurredAt: now - DAY }),
    db.insert(browsingEvents).values({ id: `bv-${crypto.randomUUID()}`, customerId: s.unknown, shopId, productId: "p-x", channel: "app", occurredAt: now - DAY }),
    db.insert(browsingEvents).values({ id: `bv-${crypto.randomUUID()}`, customerId: s.elsewhere, shopId: "electronics", productId: "p-x", channel: "app", occurredAt: now - DAY }),
    db.insert(sessions).values({ id: `ss-${crypto.randomUUID()}`, shopId, customerId: s.chatter, threadId: `${shopId}:${s.chatter}`, channel: "app", status: "resolved", openedAt: now - 3 * DAY, lastMessageAt: now - 3 * DAY, updatedAt: now - 3 * DAY }),
  ]);
  return s;
}

describe("campaign audiences", () => {
  it("counts the shop's known shoppers by activity, days, levels and tags", async () => {
    const s = await shopWithShoppers();
    const preview = async (audience: unknown) => (await call<CampaignPreview>(`/preview?shop=${s.shopId}`, platform, { audience })).body;
    // any activity in 30 days: buyer, carter (a cart line whenever added), browser, chatter, optedOut.
    expect(await preview({})).toEqual({ count: 5, total: 5, max: 20_000 });
    expect((await preview({ withinDays: 90 })).count).toBe(6);
    expect((await preview({ activity: "ordered", withinDays: 90 })).count).toBe(2);
    expect((await preview({ activity: "cart" })).count).toBe(1);
    expect((await preview({ activity: "browsed" })).count).toBe(2);
    expect((await preview({ activity: "chatted", withinDays: 2 })).count).toBe(0);
    expect((await preview({ levels: ["gold", "vip"] })).count).toBe(2);
    expect((await preview({ tags: ["outdoor"] })).count).toBe(2);
    expect((await preview({ tags: ["new"], levels: ["vip"] })).count).toBe(1);
    const bad = await call(`/preview?shop=${s.shopId}`, platform, { audience: { activity: "loved", withinDays: 0, levels: ["gold", "gold"] } });
    expect(bad.status).toBe(400);
    expect(fields(bad).sort()).toEqual(["audience.activity", "audience.levels", "audience.withinDays"]);
  });
});

describe("sending a campaign", () => {
  it("tells each shopper of the audience once, in their thread with the shop, and counts what became of it", async () => {
    const s = await shopWithShoppers();
    const text = "双十二预热：全场满 300 减 40，12 月 10 日 20:00 开抢！";
    const created = await call<{ campaign: Campaign }>(`?shop=${s.shopId}`, platform, { name: "双十二预热", text, audience: { activity: "any", withinDays: 30 } });
    expect(created.status).toBe(201);
    const c = created.body.campaign;
    expect(c).toMatchObject({ shopId: s.shopId, name: "双十二预热", text, status: "sent", audienceCount: 5, createdBy: { name: "平台管理员" } });
    expect(c.id).toMatch(/^cmp_[0-9a-f]{32}$/);

    const told = [s.buyer, s.carter, s.browser, s.chatter, s.optedOut];
    const rows = await waitFor(async () => {
      const all = (await Promise.all(told.map(noticesOf))).flat().filter((n) => n.kind === "campaign");
      return all.length === 5 && all.every((n) => FINAL.includes(n.status)) ? all : null;
    }, "five campaign outcomes");
    expect(rows.every((r) => r.sourceId === c.id && r.shopId === s.shopId && /^cn_[0-9a-f]{32}$/.test(r.id))).toBe(true);
    expect(rows.find((r) => r.customerId === s.optedOut)?.status).toBe("skipped_opt_out");
    const [notice, ...more] = await threadNotices(`${s.shopId}:${s.browser}`);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: "system", sender: { id: "proactive" }, body: { notice: { code: "campaign.message", params: { text } } } });
    for (const nobody of [s.oldBuyer, s.unknown, s.elsewhere]) expect((await noticesOf(nobody)).filter((n) => n.kind === "campaign")).toEqual([]);

    const read = await call<{ campaign: Campaign }>(`/${c.id}?shop=${s.shopId}`, platform);
    expect(read.body.campaign.counts).toEqual({ pending: 0, deferred: 0, delivered: 4, skippedOptOut: 1, capped: 0, dead: 0 });
    const list = await call<{ campaigns: Campaign[] }>(`?shop=${s.shopId}`, platform);
    expect(list.body.campaigns.map((x) => x.id)).toEqual([c.id]);
    // Sent is final.
    const again = await call(`/${c.id}/cancel?shop=${s.shopId}`, platform, {});
    expect([again.status, fields(again)]).toEqual([409, ["status"]]);
  });

  it("counts notices held for the shop's quiet hours apart from those on their way", async () => {
    const shopId = await createShop(23);
    const now = Date.now();
    const night = uniqueCustomer("cm");
    await db.batch([
      db.insert(customers).values({ id: night, name: "夜猫子", level: "normal", tags: [], locale: "zh-CN", createdAt: now, updatedAt: now }),
      db.insert(carts).values({ customerId: night, shopId, productId: "p-x", qty: 1, addedAt: now - DAY }),
    ]);
    const c = (await call<{ campaign: Campaign }>(`?shop=${shopId}`, platform, { name: "夜间", text: "明早 10 点上新" })).body.campaign;
    await waitFor(async () => (await noticesOf(night)).some((n) => n.status === "deferred"), "the deferral");
    const read = await call<{ campaign: Campaign }>(`/${c.id}?shop=${shopId}`, platform);
    expect(read.body.campaign.counts).toMatchObject({ pending: 0, deferred: 1, delivered: 0 });
    expect(await threadNotices(`${shopId}:${night}`)).toEqual([]);
  });

  it("sends a scheduled campaign when the cron finds it due, and never one cancelled before", async () => {
    const s = await shopWithShoppers();
    const at = Date.now() + 3_600_000;
    const later = (await call<{ campaign: Campaign }>(`?shop=${s.shopId}`, platform, { name: "晚间", text: "今晚 8 点直播间见", audience: { activity: "browsed" }, sendAt: at })).body.campaign;
    const dropped = (await call<{ campaign: Campaign }>(`?shop=${s.shopId}`, platform, { name: "取消的", text: "不会发出", sendAt: at })).body.campaign;
    expect([later.status, later.sendAt, later.audienceCount]).toEqual(["scheduled", at, null]);
    expect((await noticesOf(s.browser)).filter((n) => n.kind === "campaign")).toEqual([]);
    const cancelled = await call<{ campaign: Campaign }>(`/${dropped.id}/cancel?shop=${s.shopId}`, platform, {});
    expect(cancelled.body.campaign).toMatchObject({ status: "cancelled" });

    // Not yet due: the cron leaves it.
    await worker.scheduled(createScheduledController({ scheduledTime: at - 60_000, cron: "*/10 * * * *" }), env);
    expect((await db.select().from(campaigns).where(eq(campaigns.id, later.id)).get())?.status).toBe("scheduled");
    await worker.scheduled(createScheduledController({ scheduledTime: at + 1000, cron: "*/10 * * * *" }), env);
    const sent = await db.select().from(campaigns).where(eq(campaigns.id, later.id)).get();
    expect(sent).toMatchObject({ status: "sent", sentAt: at + 1000, audienceCount: 2 });
    await waitFor(async () => (await threadNotices(`${s.shopId}:${s.browser}`)).length === 1, "the evening message");
    expect((await db.select().from(campaigns).where(eq(campaigns.id, dropped.id)).get())?.status).toBe("cancelled");
    expect((await noticesOf(s.buyer)).filter((n) => n.kind === "campaign")).toEqual([]);
    // A second run sends nothing twice.
    await worker.scheduled(createScheduledController({ scheduledTime: at + 700_000, cron: "*/10 * * * *" }), env);
    expect((await noticesOf(s.browser)).filter((n) => n.kind === "campaign")).toHaveLength(1);
  });
});

describe("campaign refusals", () => {
  it("names the field and stores nothing", async () => {
    const s = await shopWithShoppers();
    const cases: [unknown, string[]][] = [
      [{ name: "", text: "x" }, ["name"]],
      [{ name: "n", text: "x".repeat(501) }, ["text"]],
      [{ name: "n", text: "x", sendAt: Date.now() - 3_600_000 }, ["sendAt"]],
      [{ name: "n", text: "x", sendAt: Date.now() + 31 * DAY }, ["sendAt"]],
      [{ name: "n", text: "x", audience: { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) } }, ["audience.tags"]],
    ];
    for (const [body, expected] of cases) {
      const res = await call(`?shop=${s.shopId}`, platform, body);
      expect([res.status, fields(res)], JSON.stringify(body).slice(0, 80)).toEqual([400, expected]);
    }
    // A platform admin must name the shop.
    const noShop = await call("", platform, { name: "n", text: "x" });
    expect([noShop.status, fields(noShop)]).toEqual([400, ["shop"]]);
    expect(await db.select().from(campaigns).where(eq(campaigns.shopId, s.shopId)).all()).toEqual([]);
  });

  it("keeps agents, other shops' admins and strangers out", async () => {
    const admin = await staffToken(STAFF.apparelAdmin.email);
    const agent = await staffToken(STAFF.apparelAgent.email);
    const mine = (await call<{ campaign: Campaign }>("", admin, { name: "店铺上新", text: "秋冬新品上架", sendAt: Date.now() + DAY })).body.campaign;
    expect(mine).toMatchObject({ shopId: "apparel", status: "scheduled" });
    expect((await call("", agent)).status).toBe(403);
    expect((await call("", agent, { name: "n", text: "x" })).status).toBe(403);
    expect((await call("?shop=electronics", admin)).status).toBe(403);
    expect((await api("/api/admin/campaigns")).status).toBe(401);
    // Another shop's campaign is not found through a platform admin's other shop.
    expect((await call(`/${mine.id}?shop=electronics`, platform)).status).toBe(404);
    expect((await call(`/${mine.id}/cancel?shop=electronics`, platform, {})).status).toBe(404);
    expect((await call(`/${mine.id}`, admin)).body).toMatchObject({ campaign: { id: mine.id } });
    expect((await call("/cmp_nothex", admin)).status).toBe(400);
  });
});
